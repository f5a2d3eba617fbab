/// Thousands separators in the integer part of a number.
enum DigitGrouping {
    /// What 1C, Excel and LibreOffice put between groups of thousands in Russian and other locales: a space, a
    /// no-break space (U+00A0) or a narrow no-break space (U+202F).
    static let separators: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]

    /// The ASCII digits of `text` with its thousands separators removed, or nil when `text` is not digits
    /// grouped as 1–3 digits then groups of exactly 3 (`1 150`, `12 345 678`), or plain digits.
    static func ungrouped(_ text: Substring) -> String? {
        guard !text.isEmpty else { return nil }
        var digits = ""
        digits.reserveCapacity(text.count)
        var groupLength = 0
        var groups = 0
        for character in text {
            if separators.contains(character) {
                // A separator ends a group: the first may be 1–3 digits, every later one exactly 3.
                guard groupLength > 0, groups == 0 ? groupLength <= 3 : groupLength == 3 else { return nil }
                groups += 1
                groupLength = 0
            } else if character.isASCII, character.isNumber {
                digits.append(character)
                groupLength += 1
            } else {
                return nil
            }
        }
        guard groupLength > 0, groups == 0 || groupLength == 3 else { return nil }
        return digits
    }
}
