/// A short, log-safe excerpt of a cell for error messages: at most 24 characters, control characters shown as `·`.
enum SheetExcerpt {
    /// `text` quoted and cut to 24 characters (`"abc"`, `"a very long name that go…"`).
    static func quoted(_ text: String) -> String {
        var result = ""
        for character in text.prefix(24) {
            result.append(character.unicodeScalars.allSatisfy { $0.value < 0x20 || $0.value == 0x7F } ? "·" : character)
        }
        return "\"" + result + (text.count > 24 ? "…" : "") + "\""
    }
}
