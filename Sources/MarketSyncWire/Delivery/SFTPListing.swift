/// Reads the folder listings libcurl gives: an SFTP server's `ls -l` lines, or FTP `NLST` names.
enum SFTPListing {
    /// A regular file of an `ls -l` listing.
    struct Line: Sendable, Hashable {
        var name: String
        var size: Int64
    }

    /// The regular files (type `-`) of `ls -l` lines: `-rw-r--r--    1 user group   123 Nov 28 10:15 NAME`. The
    /// name is everything after the eighth field, spaces kept; folders, links and anything unreadable are left out.
    static func regularFiles(in text: String) -> [Line] {
        var lines: [Line] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw[...]
            guard line.first == "-" else { continue }
            var fields: [Substring] = []
            var rest = line[...]
            for _ in 0..<8 {
                rest = rest.drop { $0 == " " }
                guard let end = rest.firstIndex(of: " ") else { break }
                fields.append(rest[..<end])
                rest = rest[end...]
            }
            guard fields.count == 8, let size = Int64(fields[4]) else { continue }
            let name = String(rest.dropFirst())
            guard !name.isEmpty else { continue }
            lines.append(Line(name: name, size: size))
        }
        return lines
    }

    /// The names of an `NLST` listing, one a line, without `.` and `..`.
    static func names(in text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { raw in
            let name = String(raw.hasSuffix("\r") ? raw.dropLast() : raw[...])
            return name.isEmpty || name == "." || name == ".." ? nil : name
        }
    }
}
