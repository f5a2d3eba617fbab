internal import Foundation
internal import MarketSync

/// `ChannelLeaseStore`: one holder per channel, renewed by its holder, taken over once expired or from a holder
/// known to be gone, released by its holder only, and exclusive when many ask at once (from two handles when the
/// store can open a second one).
enum LeaseChecks {
    typealias D = ConformanceData

    static func holder(_ name: String) -> LeaseHolder {
        LeaseHolder(id: name, pid: 4242, host: "host-\(name)", since: D.at(0))
    }

    static let all: [StoreConformanceCheck] = [
        StoreConformanceCheck(role: .leases, name: "exclusive, renewed, expired, released") { underTest in
            let store = try role(underTest.store, (any ChannelLeaseStore).self)
            var p = ConformanceProblems()
            let a = holder("a"), b = holder("b")
            p.expect(try await store.acquireLease(D.channel, for: a, until: D.at(60), now: D.at(0)) == nil, "a free lease is granted")
            let blocking = try await store.acquireLease(D.channel, for: b, until: D.at(70), now: D.at(10))
            p.expectEqual(blocking, ChannelLease(channel: D.channel, holder: a, expiresAt: D.at(60)), "the lease in the way")
            p.expect(try await store.acquireLease(D.other, for: b, until: D.at(70), now: D.at(10)) == nil, "another channel's lease")
            p.expect(try await store.acquireLease(D.channel, for: a, until: D.at(80), now: D.at(20)) == nil, "the holder renews by acquiring")
            p.expect(try await store.renewLease(D.channel, for: a, until: D.at(100)), "the holder renews")
            p.expect(!(try await store.renewLease(D.channel, for: b, until: D.at(100))), "another holder renews")
            p.expect(try await store.acquireLease(D.channel, for: b, until: D.at(160), now: D.at(99)) != nil, "a lease before its expiry")
            p.expect(try await store.acquireLease(D.channel, for: b, until: D.at(160), now: D.at(100)) == nil, "an expired lease is taken over")
            p.expect(!(try await store.renewLease(D.channel, for: a, until: D.at(200))), "the old holder's renewal after the takeover")
            try await store.releaseLease(D.channel, for: a)
            p.expectEqual(try await store.leases().map(\.holder.id), ["b", "b"], "leases after a release by a non-holder")
            try await store.releaseLease(D.channel, for: b)
            p.expectEqual(try await store.leases(), [ChannelLease(channel: D.other, holder: b, expiresAt: D.at(70))], "leases after the release")
            return p.list
        },
        StoreConformanceCheck(role: .leases, name: "taken over from a holder that is gone") { underTest in
            let store = try role(underTest.store, (any ChannelLeaseStore).self)
            var p = ConformanceProblems()
            let a = holder("a"), b = holder("b"), c = holder("c")
            _ = try await store.acquireLease(D.channel, for: a, until: D.at(60), now: D.at(0))
            p.expect(!(try await store.takeOverLease(D.channel, from: c, for: b, until: D.at(70))), "a takeover from one who does not hold it")
            p.expect(try await store.takeOverLease(D.channel, from: a, for: b, until: D.at(70)), "a takeover from the holder")
            p.expectEqual(try await store.leases().first?.holder, b, "the holder after the takeover")
            p.expectEqual(try await store.leases().first?.expiresAt, D.at(70), "the expiry after the takeover")
            return p.list
        },
        StoreConformanceCheck(role: .leases, name: "one holder when many ask at once") { underTest in
            let first = try role(underTest.store, (any ChannelLeaseStore).self)
            let second = try underTest.secondHandle.map { try role($0, (any ChannelLeaseStore).self) } ?? first
            var p = ConformanceProblems()
            let granted = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<16 {
                    let store = index.isMultiple(of: 2) ? first : second
                    group.addTask {
                        try await store.acquireLease(D.channel, for: holder("h\(index)"), until: D.at(60), now: D.at(0)) == nil ? "h\(index)" : nil
                    }
                }
                var granted: [String] = []
                for try await name in group { if let name { granted.append(name) } }
                return granted
            }
            p.expectEqual(granted.count, 1, "holders granted the lease at once (\(granted))")
            p.expectEqual(try await first.leases().map(\.holder.id), granted, "the lease row")
            return p.list
        },
    ]
}
