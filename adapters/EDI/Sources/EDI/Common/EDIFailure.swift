import MarketSync

/// Builds the errors the EDI codecs throw, so every one names the segment (its number within the interchange
/// in `line`, its tag or element in `key`), the reason, and a short excerpt of what was read, and never more
/// than that (no payload bodies: a segment excerpt is cut at 40 characters).
enum EDIFailure {
    /// Where in an interchange something went wrong.
    struct Place {
        /// The 1-based number of the segment within the interchange (`UNA` not counted), when known.
        var segment: Int?
        /// The segment's tag, or the element (`UNT01`) at fault.
        var key: String?
        /// A short excerpt of the segment as read.
        var excerpt: String?
    }

    static func error(_ code: MarketSyncError.Code, _ reason: String, at place: Place, channel: ChannelID?) -> MarketSyncError {
        var message = ""
        if let segment = place.segment {
            message = "segment \(segment)"
            if let key = place.key { message += " (\(key))" }
            message += ": "
        } else if let key = place.key {
            message = "\(key): "
        }
        message += reason
        if let excerpt = place.excerpt, !excerpt.isEmpty {
            message += " [near \"\(Self.excerpt(excerpt))\"]"
        }
        return MarketSyncError(code, message, channel: channel, line: place.segment, key: place.key)
    }

    /// At most 40 characters of `text`, with control characters shown as `·`.
    static func excerpt(_ text: String) -> String {
        var result = ""
        for character in text.prefix(40) {
            result.append(character.isASCII && (character.asciiValue ?? 0) < 0x20 ? "·" : character)
        }
        return text.count > 40 ? result + "…" : result
    }
}
