import Synchronization

/// A flag that can be set once; `set()` says whether this call set it.
final class LockedFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() -> Bool {
        value.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged
    }
}
