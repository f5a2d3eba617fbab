package import Foundation

/// `multipart/form-data` with one `file` part, as `updateBulkInventory` and `priceBulkUploads` take a feed
/// (`inventory.json`, `price.json`: request body `multipart/form-data`, property `file`, required).
///
/// The boundary is fixed (and lengthened only if the file happens to contain it), so the same feed is the same bytes
/// every time: a recorded feed replays byte for byte.
package enum WalmartMultipart {
    /// The boundary used unless the file contains it.
    package static let boundary = "marketsync-walmart-feed"

    /// One part of a multipart body.
    package struct Part: Sendable, Hashable {
        /// The `name` of its `Content-Disposition`.
        package var name: String
        /// The `filename`, when given.
        package var filename: String?
        /// The part's `Content-Type`, when given.
        package var contentType: String?
        /// The part's bytes.
        package var data: Data
    }

    /// The body and its `Content-Type` header value for one `file` part holding `file`.
    package static func encode(file: Data, filename: String, contentType: String = "application/json") -> (body: Data, contentType: String) {
        var marker = boundary
        var suffix = 0
        while file.range(of: Data(marker.utf8)) != nil {
            suffix += 1
            marker = "\(boundary)-\(suffix)"
        }
        var body = Data("--\(marker)\r\n".utf8)
        body += Data("Content-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n".utf8)
        body += Data("Content-Type: \(contentType)\r\n\r\n".utf8)
        body += file
        body += Data("\r\n--\(marker)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(marker)")
    }

    /// The parts of `body` under the `Content-Type` value `contentType`; nil when it is not a multipart body that
    /// reads (no boundary, no closing delimiter, a part without headers).
    package static func parts(of body: Data, contentType: String?) -> [Part]? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
              let marker = parameter("boundary", in: contentType), !marker.isEmpty else { return nil }
        let delimiter = Data("--\(marker)".utf8)
        var parts: [Part] = []
        guard var cursor = body.range(of: delimiter)?.upperBound else { return nil }
        while true {
            // After a delimiter: `--` closes the body, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { return parts }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { return nil }
            cursor += 2
            guard let headerEnd = body.range(of: Data("\r\n\r\n".utf8), in: cursor..<body.endIndex) else { return nil }
            let headers = String(decoding: body[cursor..<headerEnd.lowerBound], as: UTF8.self)
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex) else { return nil }
            var part = Part(name: "", filename: nil, contentType: nil, data: Data(body[headerEnd.upperBound..<next.lowerBound]))
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    part.name = parameter("name", in: line) ?? ""
                    part.filename = parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    part.contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            parts.append(part)
            cursor = next.upperBound
        }
    }

    /// The value of `name=value` or `name="value"` in a header value.
    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name.lowercased() else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
