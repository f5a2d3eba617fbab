/// Splits CSV bytes into records of raw fields (RFC 4180: quoted fields, doubled quotes, CRLF or LF), keeping
/// the line each record starts on. Works on bytes, so a row in a wrong encoding is found and reported per row
/// instead of failing the whole file.
public struct CSVRecordReader: Sendable {
    /// One record: the 1-based line it starts on, and its fields as raw bytes.
    public struct Record: Sendable {
        /// The 1-based line the record starts on (a quoted field may span lines).
        public var line: Int
        /// Each field's bytes, quotes removed, not yet decoded.
        public var fields: [[UInt8]]
    }

    /// Why the bytes are not CSV.
    public struct Problem: Error, Sendable {
        /// The line of the record at fault.
        public var line: Int
        /// What is wrong, for people.
        public var message: String
    }

    let delimiter: UInt8

    /// A reader splitting fields on `delimiter` (see `detectDelimiter(in:)`).
    public init(delimiter: UInt8) { self.delimiter = delimiter }

    /// Picks `;` when the first line has more semicolons than commas (1C and Excel exports in Russia), else `,`.
    public static func detectDelimiter(in bytes: [UInt8]) -> UInt8 {
        var commas = 0, semicolons = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// Parses every record; blank lines are skipped.
    public func records(in input: [UInt8]) throws(Problem) -> [Record] {
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [Record] = []
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var fieldStarted = false
        var index = bytes.startIndex

        func endRecord() {
            fields.append(field)
            field = []
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            fieldStarted = false
        }

        while index < bytes.endIndex {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    let next = bytes.index(after: index)
                    if next < bytes.endIndex, bytes[next] == quote {
                        field.append(quote)
                        index = bytes.index(after: next)
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == lf { line += 1 }
                    field.append(byte)
                }
            } else if byte == quote && !fieldStarted {
                inQuotes = true
                fieldStarted = true
            } else if byte == delimiter {
                fields.append(field)
                field = []
                fieldStarted = false
            } else if byte == lf || byte == cr {
                endRecord()
                if byte == cr {
                    let next = bytes.index(after: index)
                    if next < bytes.endIndex, bytes[next] == lf { index = next }
                }
                line += 1
                recordLine = line
            } else {
                field.append(byte)
                fieldStarted = true
            }
            index = bytes.index(after: index)
        }
        if inQuotes { throw Problem(line: recordLine, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
