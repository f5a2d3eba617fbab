/// What an interchange is for (`ISA15`).
public enum X12Usage: String, Sendable, Hashable {
    /// Production data (`P`).
    case production = "P"
    /// Test data (`T`).
    case test = "T"
    /// Information only (`I`).
    case information = "I"
}
