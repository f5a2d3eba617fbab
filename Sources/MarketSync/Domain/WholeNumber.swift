/// Whole numbers as sources and configs write them: ASCII digits, an optional leading `-`, and thousands
/// grouped the way 1C and spreadsheets export them (`1 150`, with a space, U+00A0 or U+202F).
public enum WholeNumber {
    /// The number, or nil for anything else (signs other than a leading `-`, other characters, a grouping
    /// that is not 1–3 digits then groups of exactly 3, a number Int64 cannot hold).
    public static func parse(_ text: String) -> Int64? {
        var body = Substring(text.trimmingWhitespace())
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        guard let digits = DigitGrouping.ungrouped(body), let value = Int64(digits) else { return nil }
        return negative ? -value : value
    }
}
