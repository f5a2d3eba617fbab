/// A file name that stays in its folder: checked before any file of a partner is read, written or moved.
///
/// Refused: an empty name, `.` and `..`, a `/` (a path, absolute or relative), a `\` (a Windows path), a NUL or
/// any other control character (a line break would split an FTP command), a `"` (it would end a quoted path in
/// an SFTP command), more than 255 bytes, and a leading `.` or a trailing `.tmp` (reserved for files still being
/// written, see `temporary`).
public struct FileDropName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name.
    public let value: String

    /// Why a name was refused.
    public enum Problem: String, Sendable, Hashable, CustomStringConvertible {
        case empty = "it is empty"
        case dotName = "it is . or .."
        case pathSeparator = "it contains a / (a path, not a file name)"
        case backslash = "it contains a backslash"
        case nul = "it contains a NUL character"
        case controlCharacter = "it contains a control character"
        case quote = "it contains a double quote"
        case tooLong = "it is longer than 255 bytes"
        case reserved = "a leading . or a trailing .tmp marks a file still being written"

        /// The reason in words.
        public var description: String { rawValue }
    }

    /// A checked name; throws `.validation` naming the name (escaped) and the reason.
    public init(_ name: String) throws(MarketSyncError) {
        if let problem = Self.problem(with: name) {
            throw MarketSyncError(.validation, "file name \"\(Self.escaped(name))\" rejected: \(problem)", key: "file \(Self.escaped(name))")
        }
        value = name
    }

    private init(unchecked value: String) { self.value = value }

    /// Why `name` is refused, or nil when it is a good file name.
    public static func problem(with name: String) -> Problem? {
        if name.isEmpty { return .empty }
        if name == "." || name == ".." { return .dotName }
        if name.contains("/") { return .pathSeparator }
        if name.contains("\\") { return .backslash }
        if name.unicodeScalars.contains(where: { $0.value == 0 }) { return .nul }
        if name.unicodeScalars.contains(where: isControl) { return .controlCharacter }
        if name.contains("\"") { return .quote }
        if name.utf8.count > 255 { return .tooLong }
        if name.hasPrefix(".") || name.hasSuffix(".tmp") { return .reserved }
        return nil
    }

    /// Whether a listed name, good or not, can be the source of a rename without leaving its folder or breaking
    /// a command: no `/`, no NUL or other control character, not `.` or `..`, not empty. A hostile name that passes
    /// (`..\x.edi`) can still be moved to the quarantine; one that fails stays where it is, reported.
    public static func isMovable(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\"")
            && !name.unicodeScalars.contains { $0.value == 0 || isControl($0) }
    }

    /// Whether a listed name is a file still being written by our convention or a partner's (a leading `.`, a
    /// trailing `.tmp` or `.part`): `list` leaves those out. A name that is hostile besides (`..\\x`, a control
    /// character) is not temporary: it is reported, not silently passed over.
    public static func isTemporary(_ name: String) -> Bool {
        guard name.hasPrefix(".") || name.hasSuffix(".tmp") || name.hasSuffix(".part") else { return false }
        switch problem(with: name) {
        case nil, .reserved: return name != "." && name != ".."
        default: return false
        }
    }

    /// A good name made from any name, for the quarantine: every refused character becomes `_`, leading dots are
    /// dropped, a `.tmp` ending becomes `_tmp`, and the result is cut to 200 bytes (`unnamed` when nothing is left).
    public static func sanitized(_ name: String) -> FileDropName {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            let refused = scalar == "/" || scalar == "\\" || scalar == "\"" || scalar.value == 0 || isControl(scalar)
            scalars.append(refused ? "_" : scalar)
        }
        var text = String(scalars)
        while text.hasPrefix(".") { text.removeFirst() }
        if text.hasSuffix(".tmp") { text = String(text.dropLast(4)) + "_tmp" }
        while text.utf8.count > 200 { text.removeLast() }
        if text.isEmpty { text = "unnamed" }
        return FileDropName(unchecked: text)
    }

    /// The same name with `prefix` before it (`20261128T101500Z_ORDERS.edi`); `prefix` must itself be a good name
    /// start (letters, digits, `_`, `-`), so the result stays good, cut to 255 bytes if need be.
    public func prefixed(_ prefix: String) -> FileDropName {
        var text = prefix + value
        while text.utf8.count > 255 { text.removeLast() }
        return FileDropName(unchecked: text)
    }

    /// The name the file is written under before it is renamed to this one: `.NAME.tmp`, which `list` and,
    /// by convention, the partner ignore.
    public var temporary: String { ".\(value).tmp" }

    /// `name.reason.txt`: the note written beside a quarantined file.
    public var reasonNote: FileDropName { FileDropName(unchecked: value + ".reason.txt") }

    /// The name.
    public var description: String { value }

    /// Names in byte order.
    public static func < (lhs: FileDropName, rhs: FileDropName) -> Bool { lhs.value < rhs.value }

    /// `name` with control characters written as `\u{..}`, for messages.
    public static func escaped(_ name: String) -> String {
        var text = ""
        for scalar in name.unicodeScalars {
            if scalar.value == 0 || isControl(scalar) {
                text += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
    }
}
