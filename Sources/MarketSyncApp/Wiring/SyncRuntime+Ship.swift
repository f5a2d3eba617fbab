public import MarketSync

extension SyncRuntime {
    /// Queues a shipment confirmation in the outbox, then sends what is queued for that channel.
    public func ship(_ shipment: Shipment, channel: ChannelID) async throws -> ChannelResult {
        guard let runner = runner(for: channel) else {
            throw MarketSyncError(.config, "no channel \(channel) in the config", key: "channels.\(channel)")
        }
        guard runner.adapter.capabilities.confirmsShipments else {
            throw MarketSyncError(.config, "channel \(channel) does not confirm shipments", key: "channels.\(channel).adapter")
        }
        guard let stored = try await store.order(shipment.orderID, channel: channel) else {
            throw MarketSyncError(.validation, "order \(shipment.orderID) is not in the store; run marketsync sync first so its state is known",
                                  channel: channel, key: "order")
        }
        guard stored.order.state.isShippable else {
            let allowed = OrderState.shippable.map(\.rawValue).sorted().joined(separator: ", ")
            throw MarketSyncError(.validation, "order \(shipment.orderID) is \(stored.order.state.rawValue) (\(stored.order.rawStatus)); only \(allowed) orders can ship",
                                  channel: channel, key: "order")
        }
        return try await respond(.shipment(shipment), channel: channel)
    }

    /// Queues an answer about an order (accept or refuse lines, acknowledge, ship) in the outbox, then sends what
    /// is queued for that channel while holding its lease.
    public func respond(_ response: OrderResponse, channel: ChannelID) async throws -> ChannelResult {
        guard let runner = runner(for: channel) else {
            throw MarketSyncError(.config, "no channel \(channel) in the config", key: "channels.\(channel)")
        }
        _ = try await store.enqueue([OutboxDraft(channel: channel, key: response.orderID, listing: nil, payload: response.payload)],
                                    at: clock.now())
        return try await flush(runner)
    }

    /// Sends what is queued for one channel while holding its lease (waiting for it, or failing with `.leaseHeld`).
    func flush(_ runner: ChannelRunner, whenHeld: ChannelLeases.WhenHeld = .wait) async throws -> ChannelResult {
        guard let leases = engine.leases else { return try await runner.flushOutbox() }
        _ = try await leases.acquire([runner.channel], whenHeld: whenHeld, shutdown: runner.shutdown)
        return try await leases.holding { try await runner.flushOutbox() }
    }
}
