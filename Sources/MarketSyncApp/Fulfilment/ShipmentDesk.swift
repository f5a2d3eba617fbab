public import MarketSync

/// Confirms the orders of a shipments file one after another, each through the outbox on its own channel
/// (`SyncRuntime.ship`: checked against the stored state, written first, sent under the channel's lease), and
/// says what became of each. A bad row, an unknown order or a refusal never stops the orders after it.
public struct ShipmentDesk: Sendable {
    /// The channels, their adapters and the store.
    public let runtime: SyncRuntime
    /// The store's order queries (where a confirmation stands after it was sent).
    public let orders: any OrderQueryStore

    /// A desk over `runtime`; its store must answer order queries (`SyncRuntime.orderQueries`).
    public init(runtime: SyncRuntime) throws {
        self.runtime = runtime
        orders = try runtime.orderQueries
    }

    /// Ships every entry of `file` in turn. At the end, an order left queued that a later send took along (each
    /// send flushes the channel's whole queue) is reported as sent.
    public func ship(_ file: ShipmentFile) async -> ShipmentReport {
        var outcomes: [ShipmentOutcome] = []
        for entry in file.entries {
            switch entry {
            case let .ship(request):
                outcomes.append(await ship(request))
            case let .bad(channel, orderID, place, problems):
                outcomes.append(ShipmentOutcome(channel: channel, orderID: orderID, rows: place.description, status: .badRow,
                                                detail: problems.map(\.description).joined(separator: "; ")))
            }
        }
        for index in outcomes.indices where outcomes[index].status == .queued {
            guard let channel = outcomes[index].channel, let orderID = outcomes[index].orderID,
                  let stillQueued = try? await orders.queuedShipment(of: orderID, channel: ChannelID(channel)) != nil,
                  !stillQueued else { continue }
            outcomes[index].status = .sent
            outcomes[index].detail += " (sent with a later order)"
        }
        return ShipmentReport(outcomes: outcomes)
    }

    /// Ships one order: checks the channel, the stored order, its state and the lines named, then queues and
    /// sends the confirmation and reads where it stands.
    public func ship(_ request: ShipmentRequest) async -> ShipmentOutcome {
        func outcome(_ status: ShipmentOutcome.Status, _ detail: String) -> ShipmentOutcome {
            ShipmentOutcome(channel: request.channel.rawValue, orderID: request.orderID, rows: request.place.description,
                            status: status, detail: detail)
        }
        func channelProblem(_ reason: String) -> ShipmentOutcome {
            let row = ShipmentRowProblem(file: request.place.file, line: request.place.lines.first ?? 0, column: "channel", reason: reason)
            return outcome(.badRow, row.description)
        }
        guard let runner = runtime.runner(for: request.channel) else {
            let known = runtime.engine.runners.map(\.channel.rawValue).sorted().joined(separator: ", ")
            return channelProblem("no channel \(request.channel) in the config (channels: \(known))")
        }
        guard runner.adapter.capabilities.confirmsShipments else {
            return channelProblem("channel \(request.channel) does not take shipment confirmations")
        }
        let stored: StoredOrder?
        do { stored = try await runtime.store.order(request.orderID, channel: request.channel) } catch {
            return outcome(.error, Self.describe(error))
        }
        guard let stored else {
            return outcome(.unknownOrder, "no order \(request.orderID) of \(request.channel) in the store (run marketsync sync first)")
        }
        let state = stored.order.state
        guard state.isShippable else {
            let allowed = OrderState.shippable.map(\.rawValue).sorted().joined(separator: ", ")
            return outcome(.refused, "\(state.rawValue) (\(stored.order.rawStatus)): only \(allowed) orders can ship")
        }
        let shipment: Shipment
        switch ShipmentLines.shipment(for: request, stored: stored.order) {
        case let .success(made): shipment = made
        case let .failure(problems): return outcome(.badRow, problems.problems.map(\.description).joined(separator: "; "))
        }
        var result: ChannelResult?
        var failure: (any Error)?
        do { result = try await runtime.ship(shipment, channel: request.channel) } catch { failure = error }
        let queued: QueuedAnswer?
        do { queued = try await orders.queuedShipment(of: request.orderID, channel: request.channel) } catch {
            return outcome(.error, Self.describe(error))
        }
        guard let queued else {
            if let failure { return outcome(.error, Self.describe(failure)) }
            return outcome(.sent, Self.describe(shipment))
        }
        let reason = queued.lastError ?? result?.stopped?.message ?? failure.map(Self.describe) ?? "not sent yet"
        return queued.parked ? outcome(.parked, reason) : outcome(.queued, "\(Self.describe(shipment)); \(reason)")
    }

    /// `SF SF123` or `SF SF123, lines L1×2 L2×1`.
    static func describe(_ shipment: Shipment) -> String {
        let lines = shipment.lines.map { "\($0.line)×\($0.quantity)" }.joined(separator: " ")
        return "\(shipment.carrier) \(shipment.trackingNumber)" + (lines.isEmpty ? "" : ", lines \(lines)")
    }

    static func describe(_ error: any Error) -> String {
        (error as? MarketSyncError)?.description ?? "\(error)"
    }
}
