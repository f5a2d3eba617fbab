/// The problems one check found, gathered as it goes.
struct ConformanceProblems: Sendable {
    private(set) var list: [String] = []

    /// Notes `message` unless `condition` holds.
    mutating func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { list.append(message()) }
    }

    /// Notes `message` when `actual` differs from `expected`, with both.
    mutating func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ message: @autoclosure () -> String) {
        if actual != expected { list.append("\(message()): got \(actual), expected \(expected)") }
    }

    /// Notes a problem.
    mutating func fail(_ message: String) { list.append(message) }
}
