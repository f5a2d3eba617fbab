internal import Foundation

/// A JSON value written with its keys in the order given, and amounts as exact decimals (`12.30`): what the adapter
/// sends is the same bytes every time, readable in a cassette diff.
indirect enum MiraklJSONValue: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case bool(Bool)
    /// A number written as given (`12.30`); the caller makes it from minor units, never from a float.
    case decimal(String)
    case array([MiraklJSONValue])
    case object([(String, MiraklJSONValue)])

    static func == (lhs: MiraklJSONValue, rhs: MiraklJSONValue) -> Bool { lhs.text == rhs.text }
    func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The compact JSON text.
    var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    /// The JSON bytes.
    var data: Data { Data(text.utf8) }

    private func write(into out: inout String) {
        switch self {
        case let .string(value): Self.quote(value, into: &out)
        case let .integer(value): out += String(value)
        case let .bool(value): out += value ? "true" : "false"
        case let .decimal(value): out += value
        case let .array(values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(into: &out)
            }
            out += "]"
        case let .object(fields):
            out += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { out += "," }
                Self.quote(field.0, into: &out)
                out += ":"
                field.1.write(into: &out)
            }
            out += "}"
        }
    }

    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
