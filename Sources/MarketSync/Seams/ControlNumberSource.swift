/// Which envelope a control number identifies.
public enum ControlNumberKind: String, Sendable, Hashable, CaseIterable {
    /// An interchange: EDIFACT `UNB` 0020 and `UNZ` 0020; X12 `ISA13` and `IEA02`.
    case interchange
    /// A functional group: X12 `GS06` and `GE02` (EDIFACT `UNG` 0048 when groups are used).
    case group
    /// A message or transaction set: EDIFACT `UNH` 0062 and `UNT` 0062; X12 `ST02` and `SE02`.
    case message

    /// The largest number any kind may take: nine digits, what X12 `ISA13` holds (EDIFACT's references hold 14
    /// characters, `ST02` nine), so one limit fits every envelope of both syntaxes.
    public static let maximum = 999_999_999
}

/// Hands out control numbers for one trading partner that are never handed out again.
///
/// A partner rejects (or worse, silently drops as a duplicate) an interchange whose control number it has
/// seen, so every number must be new for that partner and kind, across restarts and across processes.
/// Contract:
/// - `next` never returns a number it returned before for the same partner and kind, and returns increasing
///   numbers, so a partner's log reads in order;
/// - a persistent implementation writes the number down before it returns it (a crash after `next` may waste a
///   number, never reuse one);
/// - when the numbers a kind can take run out (X12 `ISA13` has nine digits), `next` throws `edi_control` rather
///   than wrap.
///
/// `SQLiteStore` is the persistent implementation (one row per partner and kind, taken in one transaction); the
/// EDI codecs ship `InMemoryControlNumberSource` for tests.
public protocol ControlNumberSource: Sendable {
    /// The next number of `kind` for `partner`.
    func next(_ kind: ControlNumberKind, for partner: ChannelID) async throws -> Int
}

extension MarketSyncError.Code {
    /// An EDI envelope's control data disagree: a `UNT`/`SE`/`GE`/`UNE`/`UNZ`/`IEA` count or reference that does
    /// not match what it closes, a trailer missing or out of place, or a partner's control numbers used up. `line`
    /// is the segment's number, `key` names the element (`UNT01`) or the kind of number.
    public static let ediControl = MarketSyncError.Code("edi_control")
}
