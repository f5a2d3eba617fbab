internal import Foundation
internal import MarketSync

/// Compares one step's outcome with what the scenario expects: exit code, per-channel counters, what each
/// channel acknowledged, the orders stored (states, lines and their states, answers and line decisions), the
/// units reserved per SKU, and the outbox.
struct ScenarioExpectations {
    let step: ScenarioSpec.Step
    let store: any SyncStore

    func check(exitCode: Int, summary: RunSummary?) async -> [String] {
        var problems: [String] = []
        let expect = step.expect
        func fail(_ text: String) { problems.append("step \(step.name): \(text)") }

        if exitCode != expect.exit { fail("exit code \(exitCode), expected \(expect.exit)") }
        if let rows = expect.rejectedRows, rows != summary?.rejectedRows.count ?? 0 {
            fail("rejected rows \(summary?.rejectedRows.count ?? 0), expected \(rows)")
        }
        for (channel, wanted) in (expect.channels ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let actual = summary?.channels.first(where: { $0.channel.rawValue == channel }) else {
                fail("no result for channel \(channel)")
                continue
            }
            Self.compare(wanted, actual, channel: channel).forEach(fail)
        }
        do {
            for (channel, offers) in (expect.acknowledged ?? [:]).sorted(by: { $0.key < $1.key }) {
                try await checkAcknowledged(offers, channel: channel).forEach(fail)
            }
            for (channel, orders) in (expect.orders ?? [:]).sorted(by: { $0.key < $1.key }) {
                for (id, wanted) in orders.sorted(by: { $0.key < $1.key }) {
                    guard let stored = try await store.order(id, channel: ChannelID(channel)) else {
                        fail("\(channel) order \(id) not stored")
                        continue
                    }
                    Self.compare(wanted, stored).forEach { fail("\(channel) order \(id) \($0)") }
                }
            }
            if let reserved = expect.reserved { try await checkReserved(reserved).forEach(fail) }
            if let pending = expect.pendingOutbox {
                var count = 0
                for channel in summary?.channels.map(\.channel) ?? [] { count += try await store.pendingOutbox(for: channel).count }
                if count != pending { fail("pending outbox \(count), expected \(pending)") }
            }
            if let failed = expect.failedOutbox {
                let count = try await store.failedOutbox(for: nil).count
                if count != failed { fail("parked outbox items \(count), expected \(failed)") }
            }
        } catch {
            fail("store: \(error)")
        }
        if !problems.isEmpty {
            // What the channels said, so a failing replay explains itself.
            for result in summary?.channels ?? [] {
                if let aborted = result.stopped?.description { fail("(\(result.channel) stopped: \(aborted))") }
                for error in result.errors.prefix(3) { fail("(\(result.channel) said: \(error))") }
            }
        }
        return problems
    }

    /// The counters `wanted` gives that differ from the channel's result, and a stop that is not the one expected.
    static func compare(_ wanted: ScenarioSpec.ChannelExpectation, _ actual: ChannelResult, channel: String) -> [String] {
        var problems: [String] = []
        let counters: [(String, Int?, Int)] = [
            ("planned", wanted.planned, actual.planned), ("held", wanted.held, actual.held),
            ("superseded", wanted.superseded, actual.superseded), ("pushed", wanted.pushed, actual.pushed),
            ("unchanged", wanted.unchanged, actual.unchanged), ("failed", wanted.failed, actual.failed),
            ("retries", wanted.retries, actual.retries), ("orders_new", wanted.ordersNew, actual.ordersNew),
            ("orders_updated", wanted.ordersUpdated, actual.ordersUpdated),
            ("shipments_confirmed", wanted.shipmentsConfirmed, actual.shipmentsConfirmed),
            ("answers_queued", wanted.answersQueued, actual.answersQueued),
            ("lines_refused", wanted.linesRefused, actual.linesRefused),
            ("orders_answered", wanted.ordersAnswered, actual.ordersAnswered),
            ("illegal_transitions", wanted.illegalTransitions, actual.illegalTransitions),
            ("errors", wanted.errors, actual.errors.count),
        ]
        for (name, want, have) in counters {
            if let want, want != have { problems.append("\(channel) \(name) \(have), expected \(want)") }
        }
        // Compared by code, never by the message's text.
        if let code = wanted.stopped, (actual.stopped?.code ?? "") != code {
            problems.append("\(channel) stopped with \(actual.stopped.map { "\"\($0)\"" } ?? "no stop"), "
                            + "expected \(code.isEmpty ? "no stop" : "code \(code)")")
        }
        return problems
    }

    private func checkAcknowledged(_ offers: [String: ScenarioSpec.OfferExpectation], channel: String) async throws -> [String] {
        var problems: [String] = []
        let stored = try await store.acknowledgedOffers(for: ChannelID(channel))
        for (sku, wanted) in offers.sorted(by: { $0.key < $1.key }) {
            guard let offer = stored.first(where: { $0.sku.rawValue == sku }) else {
                problems.append("\(channel) acknowledged nothing for \(sku)")
                continue
            }
            if let quantity = wanted.quantity, offer.quantity != quantity {
                problems.append("\(channel) \(sku) acknowledged quantity \(offer.quantity.map(String.init) ?? "none"), expected \(quantity)")
            }
            if let price = wanted.price, offer.price?.description != price {
                problems.append("\(channel) \(sku) acknowledged price \(offer.price?.description ?? "none"), expected \(price)")
            }
        }
        return problems
    }

    /// What differs between the stored order and `wanted`, each as `what, expected what`.
    static func compare(_ wanted: ScenarioSpec.OrderExpectation, _ stored: StoredOrder) -> [String] {
        var problems: [String] = []
        let order = stored.order
        if let state = wanted.state, order.state.rawValue != state { problems.append("state \(order.state.rawValue), expected \(state)") }
        if let raw = wanted.rawStatus, order.rawStatus != raw { problems.append("raw status \(order.rawStatus), expected \(raw)") }
        if let tracking = wanted.tracking, order.trackingNumber != tracking {
            problems.append("tracking \(order.trackingNumber ?? "none"), expected \(tracking)")
        }
        if let lines = wanted.lines {
            var have: [String: Int64] = [:]
            for line in order.lines { have[line.sku.rawValue, default: 0] += line.quantity }
            if have != lines { problems.append("lines \(have.sorted { $0.key < $1.key }), expected \(lines.sorted { $0.key < $1.key })") }
        }
        if let history = wanted.history, stored.history.map(\.state.rawValue) != history {
            problems.append("history \(stored.history.map(\.state.rawValue)), expected \(history)")
        }
        for (lineID, state) in (wanted.lineStates ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let line = order.lines.first(where: { $0.id == lineID }) else {
                problems.append("has no line \(lineID) (lines: \(order.lines.map { $0.id ?? "no id" }))")
                continue
            }
            let have = line.effectiveState(orderState: order.state).rawValue
            if have != state { problems.append("line \(lineID) state \(have), expected \(state)") }
        }
        if let answer = wanted.answer, (stored.answerKind?.rawValue ?? "none") != answer {
            problems.append("answer \(stored.answerKind?.rawValue ?? "none"), expected \(answer)")
        }
        if let decisions = wanted.decisions {
            let have = stored.lineDecisions.mapValues { $0 ? "accepted" : "refused" }
            if have != decisions {
                problems.append("line decisions \(have.sorted { $0.key < $1.key }), expected \(decisions.sorted { $0.key < $1.key })")
            }
        }
        return problems
    }

    /// The units held back per SKU, as the store sums them over every channel's reserving lines for the planner.
    private func checkReserved(_ reserved: [String: Int64]) async throws -> [String] {
        let input = try await store.planningInput(channels: [], skus: reserved.keys.map { SKU($0) })
        var problems: [String] = []
        for (sku, units) in reserved.sorted(by: { $0.key < $1.key }) {
            guard let state = input.skus.first(where: { $0.sku.rawValue == sku }) else {
                problems.append("reserved: \(sku) is not in the catalog")
                continue
            }
            if state.reserved != units { problems.append("\(sku) reserved \(state.reserved) units, expected \(units)") }
        }
        return problems
    }
}
