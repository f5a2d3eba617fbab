public import MarketSync

/// Where an order listing of a partner's outbox goes on: the names of the files already handed out in this window
/// (they stay in the outbox until the window's orders are stored and they are settled), so the next poll skips them.
/// Each continuation names one file more than the one before, so none is ever given twice.
public enum InboxContinuation {
    /// The names a continuation holds (none for the start of a listing).
    public static func names(in continuation: OrderContinuation?) -> Set<String> {
        guard let token = continuation?.token, !token.isEmpty else { return [] }
        // File names hold no control character (`FileDropName`), so a line break separates them safely.
        return Set(token.split(separator: "\n").map(String.init))
    }

    /// A continuation holding `names`.
    public static func make(_ names: Set<String>) -> OrderContinuation {
        OrderContinuation(names.sorted().joined(separator: "\n"))
    }
}
