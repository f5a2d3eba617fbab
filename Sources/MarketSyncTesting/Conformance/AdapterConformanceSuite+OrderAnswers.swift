internal import Foundation
internal import MarketSync

extension AdapterConformanceSuite {
    /// A new order is answered the way the channel wants (`capabilities.orderAnswer`: every line accepted by the ids
    /// the listing gave, an acknowledgement, or nothing), made ready to ship by the channel's own step, listed ready
    /// to ship, then shipped. The answer and the shipment each go twice: the engine sends one again after a lost
    /// acknowledgement, so a repeat must be taken as the first was.
    func aNewOrderIsAnsweredThenShipped() async throws -> [String] {
        let adapter = try await harness.makeAdapter(fresh: true, validCredentials: true)
        let capabilities = adapter.capabilities
        guard capabilities.confirmsShipments || capabilities.orderAnswer != .none else { return [] }
        let id = try await harness.addNewOrder(listing: harness.listings(1)[0], updatedAt: harness.clock.now().addingTimeInterval(-600))
        guard let new = try await listed(id, adapter: adapter) else { return ["new order \(id) never listed"] }
        var problems: [String] = []
        if capabilities.orderAnswer != .none, new.state != .pendingAcceptance {
            problems.append("new order \(id) waits for an answer, yet is listed \(new.state) (\(new.rawStatus))")
        }
        let answer: OrderResponse?
        switch capabilities.orderAnswer {
        case .none: answer = nil
        case .acknowledge: answer = .acknowledgement(orderID: id)
        case .acceptLines:
            let lineIDs = new.lines.compactMap(\.id)
            guard !new.lines.isEmpty, lineIDs.count == new.lines.count else {
                return problems + ["order \(id) is answered line by line, yet its lines are listed with ids \(new.lines.map { $0.id ?? "none" })"]
            }
            answer = .acceptance(orderID: id, lines: lineIDs.map { OrderLineDecision(line: $0, accepted: true) })
        }
        if let answer {
            for attempt in ["the answer", "a repeat of the answer"] {
                do { try await adapter.respond(answer) } catch { return problems + ["\(attempt) (\(answer.payload.kind)) failed: \(error)"] }
            }
        }
        do { try await harness.makeReadyToShip(id) } catch {
            return problems + ["the sandbox would not make order \(id) ready to ship after the answer: \(error)"]
        }
        // Past the channel's lag, so a window ending now lists the order as the answer left it.
        await harness.advance(by: capabilities.orderWindow.lag + .seconds(60))
        guard let ready = try await listed(id, adapter: adapter) else { return problems + ["order \(id) no longer listed once answered"] }
        guard ready.state == .readyToShip else {
            return problems + ["order \(id) is listed \(ready.state) (\(ready.rawStatus)) once answered, not readyToShip"]
        }
        guard capabilities.confirmsShipments else { return problems }
        let shipment = Shipment(orderID: id, carrier: "SF", trackingNumber: "SF1234567890")
        for attempt in ["the shipment", "a repeat of the shipment"] {
            do { try await adapter.respond(.shipment(shipment)) } catch { return problems + ["\(attempt) failed: \(error)"] }
        }
        if try await !harness.hasShipped(id, trackingNumber: shipment.trackingNumber) {
            problems.append("order \(id) not shipped in the sandbox")
        }
        return problems
    }

    /// The latest copy of order `id` in the recent window, or nil when the listing does not hold it.
    func listed(_ id: String, adapter: any ChannelAdapter) async throws -> ChannelOrder? {
        try await walk(recentWindow(adapter), adapter: adapter).orders.filter { $0.id == id }.max { $0.updatedAt < $1.updatedAt }
    }
}
