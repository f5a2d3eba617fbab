internal import Foundation
internal import MarketSync

/// Compares one step's outcome with what the scenario expects: exit code, per-channel counters, what each
/// channel acknowledged, the orders stored, and the outbox.
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
            func compare(_ name: String, _ want: Int?, _ have: Int) {
                if let want, want != have { fail("\(channel) \(name) \(have), expected \(want)") }
            }
            compare("planned", wanted.planned, actual.planned)
            compare("held", wanted.held, actual.held)
            compare("superseded", wanted.superseded, actual.superseded)
            compare("pushed", wanted.pushed, actual.pushed)
            compare("unchanged", wanted.unchanged, actual.unchanged)
            compare("failed", wanted.failed, actual.failed)
            compare("retries", wanted.retries, actual.retries)
            compare("orders_new", wanted.ordersNew, actual.ordersNew)
            compare("orders_updated", wanted.ordersUpdated, actual.ordersUpdated)
            compare("shipments_confirmed", wanted.shipmentsConfirmed, actual.shipmentsConfirmed)
            // Compared by code, never by the message's text.
            if let code = wanted.stopped, (actual.stopped?.code ?? "") != code {
                fail("\(channel) stopped with \(actual.stopped.map { "\"\($0)\"" } ?? "no stop"), expected \(code.isEmpty ? "no stop" : "code \(code)")")
            }
        }
        do {
            for (channel, offers) in (expect.acknowledged ?? [:]).sorted(by: { $0.key < $1.key }) {
                let stored = try await store.acknowledgedOffers(for: ChannelID(channel))
                for (sku, wanted) in offers.sorted(by: { $0.key < $1.key }) {
                    guard let offer = stored.first(where: { $0.sku.rawValue == sku }) else {
                        fail("\(channel) acknowledged nothing for \(sku)")
                        continue
                    }
                    if let quantity = wanted.quantity, offer.quantity != quantity {
                        fail("\(channel) \(sku) acknowledged quantity \(offer.quantity.map(String.init) ?? "none"), expected \(quantity)")
                    }
                    if let price = wanted.price, offer.price?.description != price {
                        fail("\(channel) \(sku) acknowledged price \(offer.price?.description ?? "none"), expected \(price)")
                    }
                }
            }
            for (channel, orders) in (expect.orders ?? [:]).sorted(by: { $0.key < $1.key }) {
                for (id, wanted) in orders.sorted(by: { $0.key < $1.key }) {
                    guard let stored = try await store.order(id, channel: ChannelID(channel)) else {
                        fail("\(channel) order \(id) not stored")
                        continue
                    }
                    if let state = wanted.state, stored.order.state.rawValue != state {
                        fail("\(channel) order \(id) state \(stored.order.state.rawValue), expected \(state)")
                    }
                    if let raw = wanted.rawStatus, stored.order.rawStatus != raw {
                        fail("\(channel) order \(id) raw status \(stored.order.rawStatus), expected \(raw)")
                    }
                    if let tracking = wanted.tracking, stored.order.trackingNumber != tracking {
                        fail("\(channel) order \(id) tracking \(stored.order.trackingNumber ?? "none"), expected \(tracking)")
                    }
                    if let lines = wanted.lines {
                        var have: [String: Int64] = [:]
                        for line in stored.order.lines { have[line.sku.rawValue, default: 0] += line.quantity }
                        if have != lines { fail("\(channel) order \(id) lines \(have.sorted { $0.key < $1.key }), expected \(lines.sorted { $0.key < $1.key })") }
                    }
                    if let history = wanted.history, stored.history.map(\.state.rawValue) != history {
                        fail("\(channel) order \(id) history \(stored.history.map(\.state.rawValue)), expected \(history)")
                    }
                }
            }
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
}
