public import MarketSync

/// The codes the EDI codecs throw besides `edi_control`, which the core declares beside `ControlNumberSource` (the
/// store throws it too, when a partner's control numbers run out).
extension MarketSyncError.Code {
    /// An EDI interchange cannot be split into segments as its syntax says: a bad `UNA` or `ISA`, a segment tag
    /// that is not one, a segment cut off by the end of the input, a character the declared character set cannot
    /// carry. `line` is the number of the segment within the interchange, `key` its tag.
    public static let ediSyntax = MarketSyncError.Code("edi_syntax")
    /// A message is well-formed but its content cannot be read into the type asked for: a mandatory segment
    /// missing, a quantity or price that is not a number, a GTIN whose check digit is wrong.
    public static let ediContent = MarketSyncError.Code("edi_content")
}
