public import MarketSync

/// Renders summaries and plans for people (a table) and scripts (JSON).
public enum SummaryFormatter {
    /// The per-channel table, the rejected rows and the failures.
    public static func table(_ summary: RunSummary) -> String {
        var lines: [String] = []
        let header = ["channel", "planned", "pushed", "unchanged", "held", "failed", "retries", "orders new", "orders updated", "shipped", "requests"]
        var rows = [header]
        for result in summary.channels {
            rows.append(["\(result.channel)", "\(result.planned)", "\(result.pushed)", "\(result.unchanged)", "\(result.held)", "\(result.failed)",
                         "\(result.retries)", "\(result.ordersNew)", "\(result.ordersUpdated)", "\(result.shipmentsConfirmed)",
                         result.requests.map(String.init) ?? "\(result.calls) calls"])
        }
        lines += align(rows)
        let imported = summary.imported
        lines.append("catalog: \(imported.inserted) new, \(imported.updated) updated, \(imported.unchanged) unchanged, \(summary.rejectedRows.count) rows rejected")
        for row in summary.rejectedRows.prefix(20) { lines.append("  rejected \(row)") }
        if summary.rejectedRows.count > 20 { lines.append("  … and \(summary.rejectedRows.count - 20) more rejected rows") }
        if !summary.rates.isEmpty {
            lines.append("rates: " + summary.rates.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        for result in summary.channels {
            if let stopped = result.stopped {
                let what = stopped.credentialsRejected ? "CREDENTIALS REJECTED" : stopped.unreachable ? "UNREACHABLE" : stopped.interrupted ? "interrupted" : "stopped"
                lines.append("\(result.channel): \(what): \(stopped.message)")
            }
            if let skipped = result.skipped { lines.append("\(result.channel): skipped: \(skipped)") }
            for error in result.errors.prefix(20) { lines.append("  \(result.channel): \(error)") }
            if result.errors.count > 20 { lines.append("  \(result.channel): … and \(result.errors.count - 20) more (see --json)") }
            if result.unmatchedLines > 0 {
                lines.append("  \(result.channel): \(result.unmatchedLines) order lines match no product (new incidents)")
            }
            if result.illegalTransitions > 0 {
                lines.append("  \(result.channel): \(result.illegalTransitions) illegal order state changes held back (new incidents)")
            }
            if result.answersQueued > 0 {
                let refused = result.linesRefused > 0 ? ", \(counted(result.linesRefused, "line")) refused" : ""
                lines.append("  \(result.channel): \(counted(result.answersQueued, "new order")) answered\(refused) (sent: \(result.ordersAnswered))")
            }
            if result.rescanFound > 0 {
                lines.append("  \(result.channel): deep re-scan found \(result.rescanFound) orders the incremental pulls missed")
            }
        }
        let waiting = summary.channels.filter { !$0.waiting.isEmpty }
        if !waiting.isEmpty {
            lines.append("waiting for a person:")
            for result in waiting {
                var parts: [String] = []
                if result.waiting.heldPrices > 0 { parts.append("\(result.waiting.heldPrices) held prices (marketsync held, approve)") }
                if result.waiting.parkedItems > 0 { parts.append("\(result.waiting.parkedItems) parked items (marketsync failures, retry)") }
                if result.waiting.incidents > 0 { parts.append("\(result.waiting.incidents) order incidents (marketsync incidents)") }
                lines.append("  \(result.channel): " + parts.joined(separator: ", "))
            }
        }
        lines.append("result: \(resultLine(summary.exitStatus)) (exit \(summary.exitCode))")
        return lines.joined(separator: "\n")
    }

    /// The last line of a summary, in words.
    static func resultLine(_ status: ExitStatus) -> String {
        switch status {
        case .ok: "ok"
        case .failures: "some rows or items failed"
        case .usage: "usage or config error"
        case .attention: "sent, but things wait for a person"
        case .channelDown: "a channel rejected the credentials or could not be reached"
        case .interrupted: "interrupted; the batches in flight finished, the rest stays queued"
        }
    }

    /// A dry run's plan as a readable diff: `SKU  stock 10 → 7`, `price 38.50 CNY → 39.00 CNY`.
    public static func plan(_ plans: [ChannelPlan]) -> String {
        var lines: [String] = []
        for plan in plans {
            lines.append("\(plan.channel): \(plan.changes.count) changes, \(plan.unchanged) unchanged, \(plan.held.count) held, \(plan.unlisted) not listed")
            for change in plan.changes {
                switch change.value {
                case let .stock(from, to):
                    lines.append("  \(change.sku)  stock \(from.map(String.init) ?? "—") → \(to)")
                case let .price(from, to):
                    lines.append("  \(change.sku)  price \(from.map(\.description) ?? "—") → \(to)")
                }
            }
            for held in plan.held {
                lines.append("  \(held.sku)  price \(held.from.map(\.description) ?? "—") → \(held.to)  HELD: \(held.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The dry-run plan as JSON-ready values, with the catalog rows the import would reject.
    public static func planJSON(_ plans: [ChannelPlan], rejectedRows: [String] = []) -> DryRunJSON {
        DryRunJSON(rejectedRows: rejectedRows, channels: plans.map { plan in
            PlanJSON(channel: plan.channel.rawValue, unchanged: plan.unchanged, unlisted: plan.unlisted,
                     held: plan.held.map { PlanJSON.Held(sku: $0.sku.rawValue, from: $0.from.map(PlanValue.money) ?? .none, to: .money($0.to), reason: $0.reason) },
                     changes: plan.changes.map { change in
                switch change.value {
                case let .stock(from, to):
                    PlanJSON.Change(sku: change.sku.rawValue, field: "stock", from: from.map(PlanValue.quantity) ?? .none, to: .quantity(to))
                case let .price(from, to):
                    PlanJSON.Change(sku: change.sku.rawValue, field: "price", from: from.map(PlanValue.money) ?? .none, to: .money(to))
                }
            })
        })
    }

    /// A dry run in JSON: the plans and the rows the import would reject.
    public struct DryRunJSON: Encodable, Sendable {
        /// `file:line: reason` of each row the import would reject.
        public var rejectedRows: [String]
        /// One plan per channel.
        public var channels: [PlanJSON]
        enum CodingKeys: String, CodingKey { case rejectedRows = "rejected_rows", channels }
    }

    /// A planned value: a quantity is a JSON number; a price is `{"amount": "42.90", "currency": "CNY"}` (the
    /// amount as an exact decimal string, never a binary float); no value (never acknowledged) is `null`.
    public enum PlanValue: Encodable, Sendable {
        case quantity(Int64)
        case money(Money)
        case none

        enum CodingKeys: String, CodingKey { case amount, currency }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case let .quantity(value):
                var container = encoder.singleValueContainer()
                try container.encode(value)
            case let .money(money):
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(money.decimalString, forKey: .amount)
                try container.encode(money.currency.rawValue, forKey: .currency)
            case .none:
                var container = encoder.singleValueContainer()
                try container.encodeNil()
            }
        }
    }

    /// One channel's plan in JSON.
    public struct PlanJSON: Encodable, Sendable {
        /// One planned change: `from` is what the channel holds (`null` when it never acknowledged one).
        public struct Change: Encodable, Sendable {
            public var sku: String
            public var field: String
            public var from: PlanValue
            public var to: PlanValue
        }
        /// A price a guard held back, with why.
        public struct Held: Encodable, Sendable {
            public var sku: String
            public var from: PlanValue
            public var to: PlanValue
            public var reason: String
        }
        public var channel: String
        /// Listed SKUs that need nothing.
        public var unchanged: Int
        /// SKUs not listed on the channel.
        public var unlisted: Int
        /// Prices a guard held back.
        public var held: [Held]
        /// What the plan would queue.
        public var changes: [Change]
    }

    /// `explain`'s text: per channel, the stock and price derivations.
    public static func explanation(_ sku: SKU, _ channels: [ChannelExplanation]) -> String {
        var lines = ["\(sku)"]
        for channel in channels {
            guard channel.listed else {
                lines.append("\(channel.channel): not listed")
                continue
            }
            lines.append("\(channel.channel):")
            if let quantity = channel.quantity {
                lines.append("  stock")
                for line in channel.stockLines { lines.append("    \(line)") }
                lines.append("    → quantity \(quantity)  (acknowledged: \(channel.acknowledgedQuantity.map(String.init) ?? "none"))")
            }
            if let price = channel.price {
                lines.append("  price")
                for line in channel.priceLines { lines.append("    \(line)") }
                let acknowledged = channel.acknowledgedPriceMinor.map { Money(minorUnits: $0, currency: price.currency).description } ?? "none"
                lines.append("    → price \(price)  (acknowledged: \(acknowledged))")
                if let verdict = channel.verdict { lines.append("    \(verdict)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func align(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == 0 ? cell.padding(toLength: widths[index]) : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}

/// `1 line`, `2 lines`: a count with its noun, for summary sentences.
private func counted(_ count: Int, _ noun: String) -> String {
    count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
}
