internal import Foundation

/// Where a file differs from its golden copy, said the way a person reads the file: an EDI interchange by segment
/// (EDIFACT's terminator from `UNA`, else `'`, with its release character; X12's from the `ISA` segment), anything
/// else by line. Equal bytes give nil; any other difference names the first unit that differs, both versions of it
/// and the offset of the first byte that differs.
enum GoldenDiff {
    /// How a file is cut into units for the message.
    struct Units {
        /// `segment` or `line`.
        var word: String
        /// The byte that ends a unit.
        var terminator: UInt8
        /// The byte that makes the next one literal (EDIFACT's release character), if any.
        var release: UInt8?

        /// The units of `data` read the way its first bytes say.
        static func of(_ data: Data) -> Units {
            let head = [UInt8](data.prefix(128))
            func starts(_ tag: String) -> Bool { head.starts(with: Array(tag.utf8)) }
            if starts("UNA"), head.count > 8 {
                return Units(word: "segment", terminator: head[8], release: head[6] == UInt8(ascii: " ") ? nil : head[6])
            }
            if starts("UNB") { return Units(word: "segment", terminator: UInt8(ascii: "'"), release: UInt8(ascii: "?")) }
            if starts("ISA"), head.count > 105 { return Units(word: "segment", terminator: head[105], release: nil) }
            return Units(word: "line", terminator: UInt8(ascii: "\n"), release: nil)
        }

        /// Each unit's byte range, its terminator included (the last may have none).
        func split(_ bytes: [UInt8]) -> [Range<Int>] {
            var ranges: [Range<Int>] = []
            var start = 0, index = 0
            while index < bytes.count {
                if let release, bytes[index] == release {
                    index += 2
                    continue
                }
                if bytes[index] == terminator {
                    ranges.append(start..<(index + 1))
                    start = index + 1
                }
                index += 1
            }
            if start < bytes.count { ranges.append(start..<bytes.count) }
            return ranges
        }
    }

    /// Nil when `actual` equals `expected` byte for byte, else the first unit that differs, both versions of it and the
    /// offset of the first byte that differs.
    static func difference(expected: Data, actual: Data) -> String? {
        guard expected != actual else { return nil }
        let units = Units.of(expected)
        let want = [UInt8](expected), have = [UInt8](actual)
        let wanted = units.split(want), had = units.split(have)
        for index in 0..<max(wanted.count, had.count) {
            var w = index < wanted.count ? Array(want[wanted[index]]) : nil
            var h = index < had.count ? Array(have[had[index]]) : nil
            guard w != h else { continue }
            // The line break between segments, when both have it, only makes the message harder to read.
            while let a = w?.first, let b = h?.first, a == b, a == UInt8(ascii: "\n") || a == UInt8(ascii: "\r") {
                w?.removeFirst()
                h?.removeFirst()
            }
            return "\(units.word) \(index + 1) differs at byte \(firstDifference(want, have)): expected \(show(w)), got \(show(h))"
        }
        // Same units, so the difference is in bytes the units do not hold (cannot happen, but say something true).
        return "the bytes differ (\(want.count) expected, \(have.count) got)"
    }

    /// The offset of the first byte that differs (the shorter one's length when one is the other's start).
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var index = 0
        while index < a.count, index < b.count, a[index] == b[index] { index += 1 }
        return index
    }

    /// A unit as text for a message: escaped, at most 160 characters.
    static func show(_ bytes: [UInt8]?) -> String {
        guard let bytes else { return "nothing (the file ends before)" }
        let text = String(decoding: bytes, as: UTF8.self)
        let escaped = text.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            default: return scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }.joined()
        return "`" + (escaped.count > 160 ? String(escaped.prefix(160)) + "…" : escaped) + "`"
    }
}
