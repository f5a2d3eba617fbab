public import Foundation
public import MarketSync

/// Gathers triggers into one run: the first trigger opens a window of `window`; every trigger until it closes
/// adds its channels and reason to the same run, which is due when the window closes. The window is fixed from
/// the first trigger (not extended by later ones), so a source rewritten every second still syncs every window.
public struct TriggerDebouncer: Sendable, Hashable {
    /// The debounce window (`worker.debounce`).
    public var window: Duration
    /// When the gathered run is due; nil when no trigger waits.
    public private(set) var deadline: Date?
    private var channels: Set<ChannelID> = []
    private var reasons: [WorkerTrigger] = []

    /// A debouncer with nothing waiting.
    public init(window: Duration) { self.window = window }

    /// What one debounced run is for.
    public struct Batch: Sendable, Hashable {
        /// The channels to push to.
        public var channels: Set<ChannelID>
        /// Every trigger gathered, in the order noted, without repeats.
        public var reasons: [WorkerTrigger]
    }

    /// Notes a trigger at `now` for `channels`; opens the window when none is open.
    public mutating func note(_ trigger: WorkerTrigger, channels: Set<ChannelID>, at now: Date) {
        guard !channels.isEmpty else { return }
        if deadline == nil { deadline = now.addingTimeInterval(window.timeInterval) }
        self.channels.formUnion(channels)
        if !reasons.contains(trigger) { reasons.append(trigger) }
    }

    /// The gathered run when its window has closed at `now` (and forgets it); nil otherwise.
    public mutating func take(at now: Date) -> Batch? {
        guard let deadline, deadline <= now else { return nil }
        defer {
            self.deadline = nil
            channels = []
            reasons = []
        }
        return Batch(channels: channels, reasons: reasons)
    }
}
