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
        var files: [Line] = []
        for line in lines(of: text) {
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
            files.append(Line(name: name, size: size))
        }
        return files
    }

    /// The names of an `NLST` listing, one a line, without `.` and `..`.
    static func names(in text: String) -> [String] {
        lines(of: text).compactMap { line in
            line.isEmpty || line == "." || line == ".." ? nil : String(line)
        }
    }

    /// The lines of a listing ended by LF or CRLF. (Swift reads CRLF as one character, so splitting on LF alone
    /// would keep a CRLF listing whole.)
    private static func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }
    }
}
