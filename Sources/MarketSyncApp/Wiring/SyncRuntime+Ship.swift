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
        _ = try await store.enqueue([OutboxDraft(channel: channel, key: shipment.orderID, listing: nil, payload: .shipment(shipment))],
                                    at: clock.now())
        return try await runner.flushOutbox()
    }
}
