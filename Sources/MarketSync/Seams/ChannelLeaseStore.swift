public import Foundation

/// Where leases live: one sender per channel per store. The same protocol holds on SQLite (processes on one
/// machine) and on a shared PostgreSQL store (workers on several machines).
///
/// Contract: each method is one transaction. A lease is granted when nobody holds it, when its holder is the
/// asker, or when it expired (its holder died or stalled): the new holder takes it over. Expiry is judged against
/// `now` as the asker passes it.
public protocol ChannelLeaseStore: Sendable {
    /// Takes or renews the lease of `channel` for `holder` until `expiresAt`; returns nil when granted, else the
    /// lease that stands in the way.
    func acquireLease(_ channel: ChannelID, for holder: LeaseHolder, until expiresAt: Date, now: Date) async throws -> ChannelLease?
    /// Takes over the lease of `channel` from `previous` (whose process is known to be gone) for `holder`; false
    /// when `previous` no longer holds it (someone else took it meanwhile).
    func takeOverLease(_ channel: ChannelID, from previous: LeaseHolder, for holder: LeaseHolder, until expiresAt: Date) async throws -> Bool
    /// Extends a lease `holder` still holds; false when it no longer does (it expired and was taken over).
    func renewLease(_ channel: ChannelID, for holder: LeaseHolder, until expiresAt: Date) async throws -> Bool
    /// Gives up the lease of `channel` if `holder` holds it.
    func releaseLease(_ channel: ChannelID, for holder: LeaseHolder) async throws
    /// Every lease in the store (for status and tests).
    func leases() async throws -> [ChannelLease]
}
