internal import Foundation
public import Logging
internal import Synchronization
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The leases one process holds: one sender per channel per store. Taken before a channel pulls or sends,
/// renewed while the work goes on, released at the end; a lease whose holder died is taken over once it expires.
///
/// Channels are always acquired in name order, so two processes that want overlapping sets cannot wait on each
/// other forever.
public final class ChannelLeases: Sendable {
    /// What to do when another process holds a lease.
    public enum WhenHeld: Sendable, Hashable {
        /// Wait until it is free (saying so once per holder), unless shutdown is requested.
        case wait
        /// Throw `.leaseHeld` naming the holder.
        case fail
        /// Go on without that channel (a worker tries again on its next tick).
        case skip
    }

    /// This process as a lease holder (a fresh id per `ChannelLeases` unless one is given).
    public let holder: LeaseHolder
    /// How long a lease lasts without renewal (default 60 s).
    public let ttl: Duration
    let store: any ChannelLeaseStore
    let clock: any SyncClock
    let logger: Logger
    let pollInterval: Duration
    private let owned = Mutex<Set<ChannelID>>([])

    /// - Parameters:
    ///   - ttl: how long a lease lasts without renewal; renewed every third of it.
    ///   - pollInterval: how often a waiting process asks again (real time).
    public init(store: any ChannelLeaseStore, clock: any SyncClock, logger: Logger, holder: LeaseHolder? = nil,
                ttl: Duration = .seconds(60), pollInterval: Duration = .seconds(1)) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.holder = holder ?? .currentProcess(at: clock.now())
        self.ttl = ttl
        self.pollInterval = pollInterval
    }

    /// Whether this process holds the lease of `channel` now (false once a renewal found it taken over).
    public func isHeld(_ channel: ChannelID) -> Bool { owned.withLock { $0.contains(channel) } }

    /// Acquires the leases of `channels`. Returns the leases that stood in the way of the channels skipped
    /// (`.skip` only); throws `.leaseHeld` (`.fail`) or `.cancelled` (shutdown while waiting).
    public func acquire(_ channels: [ChannelID], whenHeld: WhenHeld, shutdown: ShutdownSignal) async throws -> [ChannelLease] {
        var skipped: [ChannelLease] = []
        var announced: Set<String> = []
        for channel in Set(channels).sorted(by: { $0.rawValue < $1.rawValue }) {
            while true {
                let now = clock.now()
                guard let blocking = try await store.acquireLease(channel, for: holder, until: now.advanced(by: ttl.timeInterval), now: now) else {
                    owned.withLock { _ = $0.insert(channel) }
                    break
                }
                // A holder on this machine whose process is gone (killed, crashed) need not be waited out.
                if processIsGone(blocking.holder),
                   try await store.takeOverLease(channel, from: blocking.holder, for: holder, until: now.advanced(by: ttl.timeInterval)) {
                    logger.notice("took over the lease of a process that is gone", metadata: [
                        LogKey.channel: "\(channel)", LogKey.leaseHolder: "\(blocking.holder)",
                    ])
                    owned.withLock { _ = $0.insert(channel) }
                    break
                }
                switch whenHeld {
                case .skip:
                    skipped.append(blocking)
                case .fail:
                    await release()
                    throw MarketSyncError(.leaseHeld, "channel \(channel) is being synced by \(blocking.holder) (lease until \(blocking.expiresAt.formatted(.iso8601))); try again later, or stop that process",
                                          channel: channel)
                case .wait:
                    if announced.insert("\(channel) \(blocking.holder.id)").inserted {
                        logger.notice("waiting: another process is syncing this channel", metadata: [
                            LogKey.channel: "\(channel)", LogKey.leaseHolder: "\(blocking.holder)",
                        ])
                    }
                    if shutdown.isRequested {
                        await release()
                        throw MarketSyncError(.cancelled, "shutdown requested while waiting for channel \(channel)", channel: channel)
                    }
                    do { try await Task.sleep(for: pollInterval) } catch {
                        await release()
                        throw MarketSyncError(.cancelled, "cancelled while waiting for channel \(channel)", channel: channel)
                    }
                    continue
                }
                break
            }
        }
        return skipped
    }

    /// Whether `other` is a process on this host that no longer runs. A pid reused by another process reads as
    /// alive: then the lease is waited out to its expiry, the safe side.
    func processIsGone(_ other: LeaseHolder) -> Bool {
        guard other.host == holder.host, other.pid > 0, other.pid != holder.pid || other.id != holder.id else { return false }
        return kill(other.pid, 0) != 0 && errno == ESRCH
    }

    /// Renews every lease held; a lease found taken over is dropped (the runner then starts no new batch for it).
    public func renew() async {
        let channels = owned.withLock { $0 }
        for channel in channels {
            let still: Bool
            do {
                still = try await store.renewLease(channel, for: holder, until: clock.now().advanced(by: ttl.timeInterval))
            } catch {
                // A busy or unreachable store: keep the lease for now; it lasts until its expiry anyway.
                logger.warning("lease renewal failed; retrying", metadata: [LogKey.channel: "\(channel)", LogKey.errorCode: "\((error as? MarketSyncError)?.code ?? .store)"])
                continue
            }
            if !still {
                owned.withLock { _ = $0.remove(channel) }
                logger.error("lease lost: another process took the channel over", metadata: [LogKey.channel: "\(channel)"])
            }
        }
    }

    /// Releases every lease held.
    public func release() async {
        let channels = owned.withLock { held in
            defer { held.removeAll() }
            return held
        }
        for channel in channels {
            try? await store.releaseLease(channel, for: holder)
        }
    }

    /// Runs `body` while renewing the held leases every third of the TTL (real time: a scenario's clock may stand
    /// still or jump), then releases them, whether `body` returned or threw.
    public func holding<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let interval = ttl / 3
        do {
            let value = try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        if Task.isCancelled { break }
                        await self.renew()
                    }
                    return nil
                }
                group.addTask { try await body() }
                var result: T?
                while let next = try await group.next() {
                    if let next {
                        result = next
                        group.cancelAll()
                    }
                }
                guard let result else { throw CancellationError() }
                return result
            }
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }
}
