public import Foundation

/// `application/x-www-form-urlencoded` bodies, the way Epinduo's router takes its parameters (docs/channels.md, "Every call").
public enum EpinduoForm {
    /// The media type of a form body.
    public static let contentType = "application/x-www-form-urlencoded"

    /// Encodes `fields` in ASCII key order, so the same parameters always give the same bytes (cassettes diff cleanly).
    /// Unreserved characters (RFC 3986) pass as they are; every other byte is percent-encoded (a space as `%20`,
    /// which every form decoder accepts).
    public static func encode(_ fields: [String: String]) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(fields.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 2 } * 2)
        for key in EpinduoSigner.sortedKeys(fields) {
            if !out.isEmpty { out.append(UInt8(ascii: "&")) }
            escape(key, into: &out)
            out.append(UInt8(ascii: "="))
            escape(fields[key] ?? "", into: &out)
        }
        return Data(out)
    }

    /// Decodes a form body (`+` is a space, `%XX` a byte); a repeated key keeps its last value. Returns nil when
    /// the body is not valid UTF-8 or carries a broken percent escape.
    public static func decode(_ body: Data) -> [String: String]? {
        body.withUnsafeBytes { decode(bytes: $0) }
    }

    // Byte-level on purpose: the sandbox decodes every request of 100,000-update benchmarks.
    private static func decode(bytes body: UnsafeRawBufferPointer) -> [String: String]? {
        var fields: [String: String] = [:]
        var key: String?
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        var index = 0
        let end = body.count
        while index <= end {
            let byte: UInt8 = index < end ? body[index] : UInt8(ascii: "&")
            switch byte {
            case UInt8(ascii: "&"):
                guard let text = String(validating: buffer, as: UTF8.self) else { return nil }
                if let key {
                    fields[key] = text
                } else if !text.isEmpty {
                    fields[text] = ""
                }
                key = nil
                buffer.removeAll(keepingCapacity: true)
            case UInt8(ascii: "=") where key == nil:
                guard let text = String(validating: buffer, as: UTF8.self) else { return nil }
                key = text
                buffer.removeAll(keepingCapacity: true)
            case UInt8(ascii: "+"):
                buffer.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard end - index > 2, let high = hexValue(body[index + 1]), let low = hexValue(body[index + 2]) else { return nil }
                buffer.append(high << 4 | low)
                index += 2
            default:
                buffer.append(byte)
            }
            index += 1
        }
        return fields
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func escape(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
    }
}
