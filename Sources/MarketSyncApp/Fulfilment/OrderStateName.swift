public import MarketSync

/// Reads the order state names a person types (`--state readyToShip`): the names of `OrderState`, in any case,
/// with or without `_` or `-` between the words (`ready_to_ship`, `READY-TO-SHIP`).
public enum OrderStateName {
    /// Every valid name, in the order `OrderState` declares them (for usage errors and `--help`).
    public static var valid: [String] { OrderState.allCases.map(\.rawValue) }

    /// The state `text` names, or nil when it names none.
    public static func parse(_ text: String) -> OrderState? {
        let wanted = folded(text)
        return OrderState.allCases.first { folded($0.rawValue) == wanted }
    }

    /// The states `texts` name; a name that matches none is a usage error (`.config`) listing the valid ones.
    public static func parse(_ texts: [String], option: String = "--state") throws -> Set<OrderState> {
        var states = Set<OrderState>()
        for text in texts {
            guard let state = parse(text) else {
                throw MarketSyncError(.config, "unknown order state \"\(text)\" (valid: \(valid.joined(separator: ", ")))", key: option)
            }
            states.insert(state)
        }
        return states
    }

    private static func folded(_ text: String) -> String {
        String(text.trimmingWhitespace().lowercased().filter { $0 != "_" && $0 != "-" })
    }
}
