/// What is wrong with one row of a shipments file, and where: `shipments.csv:5: tracking: is empty`.
public struct ShipmentRowProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The 1-based line the row starts on.
    public var line: Int
    /// The column at fault, when one is.
    public var column: String?
    /// What is wrong, for people.
    public var reason: String

    /// A problem as given.
    public init(file: String, line: Int, column: String?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file:line: column: reason`.
    public var description: String {
        "\(file):\(line): " + (column.map { "\($0): " } ?? "") + reason
    }
}
