import MarketSync

/// Writes segments in EDIFACT syntax: elements joined by the element separator, components by the component
/// separator, every service character inside data preceded by the release character, trailing empty elements
/// and components left out, the segment terminator last.
public struct EDIFACTSegmentWriter: Sendable {
    /// The separators, release character and terminator written with.
    public let characters: EDIFACTServiceCharacters

    /// A writer for `characters`.
    public init(characters: EDIFACTServiceCharacters = .standard) {
        self.characters = characters
    }

    /// `value` with each service character (`? : + '`, and the repetition separator when there is one) preceded
    /// by the release character. Throws `edi_syntax` when the value holds a service character and the syntax has
    /// no release character, since it could not be read back whole.
    public func escape(_ value: String) throws -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for character in value {
            if let ascii = character.asciiValue, characters.isServiceByte(ascii) {
                guard let release = characters.release else {
                    throw MarketSyncError(.ediSyntax, "the value holds the service character '\(character)' and the syntax has no release character")
                }
                result.append(release)
            }
            result.append(character)
        }
        return result
    }

    /// The segment as text, terminator included (`LIN+1++4601234500012:EN'`). Throws `edi_syntax` when the tag
    /// is not three upper-case letters or digits, or a value cannot be escaped.
    public func text(of segment: EDISegment) throws -> String {
        guard Self.isTag(segment.tag) else {
            throw MarketSyncError(.ediSyntax, "'\(EDIFailure.excerpt(segment.tag))' is not a segment tag (three upper-case letters or digits)",
                                  key: segment.tag)
        }
        var text = segment.tag
        for components in segment.trimmed.elements {
            text.append(characters.element)
            var first = true
            for component in components {
                if !first { text.append(characters.component) }
                first = false
                do {
                    text += try escape(component)
                } catch let error as MarketSyncError {
                    throw MarketSyncError(error.code, "\(segment.tag): \(error.message)", key: segment.tag)
                }
            }
        }
        text.append(characters.segmentTerminator)
        return text
    }

    static func isTag(_ tag: String) -> Bool {
        tag.utf8.count == 3 && tag.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
    }
}
