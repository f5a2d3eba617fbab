/// Where each channel's periodic deep re-scan of its orders stands, so a long pass goes on after a restart.
///
/// Contract: every method is one transaction; saving replaces the channel's state.
public protocol DeepRescanStore: Sendable {
    /// Where the channel's periodic deep re-scan stands (nil before the first).
    func deepRescan(for channel: ChannelID) async throws -> DeepRescanState?
    /// Records where the channel's deep re-scan stands.
    func saveDeepRescan(_ state: DeepRescanState, for channel: ChannelID) async throws
}
