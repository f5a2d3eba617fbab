/// Decides, line by line, which orders waiting for acceptance the stock can serve (docs/architecture.md, "The
/// order life cycle"). Pure: the engine reads the orders and their SKUs' planning input, this decides, the store
/// queues.
///
/// The rule: orders are taken oldest first; a line waiting for acceptance is accepted when its quantity is at most
/// what the planner would offer its SKU on this channel (lots, FEFO reservations, shelf life, warehouses, shares,
/// buffer, cap, zero threshold, as `StockPlanner` computes them; the SKU counts as listed on this channel, since
/// the order shows the channel lists it), computed with the reservations of every other order but without those
/// of the orders decided here; each accepted line then reserves its units before the next line is decided. A line
/// whose SKU is not in the catalog is refused (`unknown SKU`); a line the stock cannot serve is refused
/// (`out of stock: 3 wanted, 1 available`).
struct AcceptanceDecider: Sendable {
    /// Every channel planned, as the engine plans them (shares split stock across all of them).
    let specs: [ChannelPlanSpec]
    /// The index in `specs` of the channel whose orders are decided.
    let channelIndex: Int
    /// Today, in days since 1970 (UTC), for shelf-life rules.
    let today: Int32

    /// What `decide` found.
    struct Outcome: Sendable {
        /// One acceptance per order that could be answered, oldest first.
        var responses: [OrderResponse] = []
        /// Lines refused among them.
        var refusedLines = 0
        /// Orders that cannot be answered line by line, with why (a waiting line without the channel's line id).
        var unanswerable: [(orderID: String, reason: String)] = []
    }

    /// Decides `orders` (oldest first; each in `pendingAcceptance`), given `input`: the planning input of their
    /// SKUs for the channels of `specs`, whose reservations include these orders' own lines.
    func decide(_ orders: [StoredOrder], input: PlanningInput) -> Outcome {
        var outcome = Outcome()
        var answerable: [StoredOrder] = []
        for stored in orders {
            let waiting = stored.order.lines.enumerated().filter { $0.element.effectiveState(orderState: stored.order.state) == .pendingAcceptance }
            if let missing = waiting.first(where: { $0.element.id == nil }) {
                outcome.unanswerable.append((stored.order.id,
                                             "line \(missing.offset + 1) has no channel line id, so it cannot be accepted or refused"))
                continue
            }
            guard !waiting.isEmpty else { continue }
            answerable.append(stored)
        }
        var place: [SKU: Int] = [:]
        for (index, state) in input.skus.enumerated() { place[state.sku] = index }
        // What the orders decided here reserve now: taken out, so none of them blocks an older one, and put back
        // line by line as lines are accepted.
        var own: [SKU: Int64] = [:]
        for stored in answerable {
            for line in stored.order.lines where line.effectiveState(orderState: stored.order.state) == .pendingAcceptance
                && line.reservesStock(orderState: stored.order.state, refused: line.id.map { stored.lineDecisions[$0] == false } ?? false) {
                own[line.sku, default: 0] += line.quantity
            }
        }
        var accepted: [SKU: Int64] = [:]
        let planner = StockPlanner(rules: specs.map(\.rules.stock), warehouses: input.warehouses)
        var scratch = StockPlanner.Scratch()
        var quantities = [Int64](repeating: 0, count: specs.count)
        for stored in answerable {
            var decisions: [OrderLineDecision] = []
            for line in stored.order.lines where line.effectiveState(orderState: stored.order.state) == .pendingAcceptance {
                guard let lineID = line.id else { continue }
                guard let index = place[line.sku] else {
                    decisions.append(OrderLineDecision(line: lineID, accepted: false, reason: "unknown SKU"))
                    outcome.refusedLines += 1
                    continue
                }
                let sku = input.skus[index]
                let reserved = max(0, sku.reserved - (own[line.sku] ?? 0)) + (accepted[line.sku] ?? 0)
                let listed = specs.enumerated().map { c, spec in
                    c == channelIndex || input.channels[spec.stateIndex].states[index].listing != nil
                }
                let start = Int(sku.lotStart)
                planner.plan(lots: input.lots[start..<start + Int(sku.lotCount)], reserved: reserved, today: today,
                             listed: listed, into: &quantities, scratch: &scratch)
                let available = quantities[channelIndex]
                if line.quantity <= available {
                    decisions.append(OrderLineDecision(line: lineID, accepted: true))
                    accepted[line.sku, default: 0] += line.quantity
                } else {
                    decisions.append(OrderLineDecision(line: lineID, accepted: false,
                                                       reason: "out of stock: \(line.quantity) wanted, \(available) available"))
                    outcome.refusedLines += 1
                }
            }
            outcome.responses.append(.acceptance(orderID: stored.order.id, lines: decisions))
        }
        return outcome
    }
}
