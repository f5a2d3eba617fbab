internal import Foundation

/// Writes JSON for people reading diffs: sorted keys, two-space indentation, one member per line,
/// short arrays of scalars (the `[name, value]` pairs) on one line, slashes and non-ASCII unescaped.
/// The same value always gives the same bytes.
enum CassetteJSONWriter {
    static let inlineArrayLimit = 100

    static func write(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        output.append("\n")
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, into output: inout String) {
        switch value {
        case .object(let members):
            guard !members.isEmpty else {
                output.append("{}")
                return
            }
            let inner = String(repeating: " ", count: indent + 2)
            output.append("{\n")
            // Sort by UTF-8 bytes so the order never depends on locale or Unicode collation.
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                output.append(inner)
                appendString(key, to: &output)
                output.append(": ")
                if let member = members[key] { write(member, indent: indent + 2, into: &output) }
                output.append(index == keys.count - 1 ? "\n" : ",\n")
            }
            output.append(String(repeating: " ", count: indent))
            output.append("}")
        case .array(let elements):
            guard !elements.isEmpty else {
                output.append("[]")
                return
            }
            if let inline = inlineArray(elements) {
                output.append(inline)
                return
            }
            let inner = String(repeating: " ", count: indent + 2)
            output.append("[\n")
            for (index, element) in elements.enumerated() {
                output.append(inner)
                write(element, indent: indent + 2, into: &output)
                output.append(index == elements.count - 1 ? "\n" : ",\n")
            }
            output.append(String(repeating: " ", count: indent))
            output.append("]")
        default:
            appendScalar(value, to: &output)
        }
    }

    private static func inlineArray(_ elements: [JSONValue]) -> String? {
        var text = "["
        for (index, element) in elements.enumerated() {
            switch element {
            case .array, .object: return nil
            default: break
            }
            if index > 0 { text.append(", ") }
            appendScalar(element, to: &text)
            if text.utf8.count > inlineArrayLimit { return nil }
        }
        text.append("]")
        return text
    }

    private static func appendScalar(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output.append("null")
        case .bool(let flag): output.append(flag ? "true" : "false")
        case .integer(let number): output.append(String(number))
        case .number(let number): output.append(number.isFinite ? "\(number)" : "null")
        case .string(let text): appendString(text, to: &output)
        case .array, .object: break
        }
    }

    private static func appendString(_ text: String, to output: inout String) {
        output.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case "\u{08}": output.append("\\b")
            case "\u{0C}": output.append("\\f")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.append("\"")
    }
}
