public import MarketSync

/// The simulator's numbers: an order number derived from what is ordered (so the same request on the same day gives
/// the same order, and the engine sees it once), and the interchange control number of the file carrying it.
public enum PartnerOrderNumber {
    /// `PO` and eight digits of a stable hash (64-bit FNV-1a) of the channel, the day and the lines.
    public static func derived(channel: ChannelID, day: CalendarDay, lines: [PartnerOrderRequest.Line]) -> String {
        let text = ([channel.rawValue, day.description] + lines.map { "\($0.sku.rawValue)=\($0.quantity)" }).joined(separator: "|")
        let digits = String(fnv1a(text) % 100_000_000)
        return "PO" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// The control number (1 to 999 999 999: `ISA13`, `GS06`, the `UNB` reference) of the file carrying order `number`.
    public static func controlNumber(channel: ChannelID, number: String) -> Int {
        Int(fnv1a("\(channel.rawValue)|\(number)") % 999_999_999) + 1
    }

    /// Whether `number` can be an order number in every syntax: 1 to 22 characters, letters, digits, `-`, `_`, `.`
    /// (`BEG03` takes 22; a file name is made of it).
    public static func isValid(_ number: String) -> Bool {
        (1...22).contains(number.count) && number.first != "." && number.allSatisfy { character in
            character.isASCII && (character.isLetter || character.isNumber || "-_.".contains(character))
        }
    }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
