/// How the rows of one run are cut into files (`split:`).
public enum SheetSplit: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// One file per run.
    case none
    /// One file per store code (the rows' `store` value); the file name must hold `{store}`.
    case store
    /// One file per order (order responses only); the file name must hold `{order}`.
    case order

    /// The config name.
    public var description: String { rawValue }

    /// The file-name placeholder that tells the files of a split apart.
    var placeholder: String? {
        switch self {
        case .none: nil
        case .store: "store"
        case .order: "order"
        }
    }
}
