public import Foundation
public import MarketSync

/// Puts message bodies for one chain into an interchange: draws a new interchange reference and a new message
/// reference for each body from the `ControlNumberSource` (so none is ever reused), stamps each `UNH` with the
/// chain's subset code, and writes the envelope in the chain's syntax and character set.
public struct EANCOMInterchangeComposer: Sendable {
    /// The chain's profile.
    public let settings: EANCOMSettings
    /// Where control references come from.
    public let numbers: any ControlNumberSource

    /// A composer for `settings`' chain.
    public init(settings: EANCOMSettings, numbers: any ControlNumberSource) {
        self.settings = settings
        self.numbers = numbers
    }

    /// One interchange holding `bodies`, prepared at `date`. Throws `config` when the chain takes no message of a
    /// body's type, and what the writer throws (a name the character set cannot carry in a mandatory element).
    /// The numbers are drawn before anything is written, so a failure wastes them and never reuses them.
    public func compose(_ bodies: [EANCOMMessageBody], at date: Date) async throws -> EDIFACTOutgoingInterchange {
        guard !bodies.isEmpty else {
            throw MarketSyncError(.validation, "an interchange needs at least one message", channel: settings.partner)
        }
        var identifiers: [EDIFACTMessageIdentifier] = []
        for body in bodies {
            guard let code = settings.associationCodes[body.type] else {
                throw MarketSyncError(.config, "the partner takes no \(body.type.rawValue) (no subset code configured)",
                                      channel: settings.partner, key: "association_codes.\(body.type.rawValue)")
            }
            identifiers.append(EDIFACTMessageIdentifier(type: body.type.rawValue, associationCode: code))
        }
        let reference = try await numbers.next(.interchange, for: settings.partner)
        var messages: [EDIFACTMessage] = []
        for (body, identifier) in zip(bodies, identifiers) {
            let number = try await numbers.next(.message, for: settings.partner)
            messages.append(EDIFACTMessage(reference: String(number), identifier: identifier, segments: body.segments))
        }
        let header = EDIFACTInterchangeHeader(
            characterSet: settings.characterSet, syntaxVersion: settings.syntaxVersion,
            sender: EDIFACTPartyIdentification(gln: settings.supplier), recipient: EDIFACTPartyIdentification(gln: settings.buyer),
            date: settings.syntaxVersion == "4" ? EDIDateFormat.ccyymmdd(date, in: settings.timeZone)
                : EDIDateFormat.yymmdd(date, in: settings.timeZone),
            time: EDIDateFormat.hhmm(date, in: settings.timeZone), reference: String(reference), isTest: settings.isTest)
        let writer = EDIFACTInterchangeWriter(characters: settings.characters, channel: settings.partner)
        return EDIFACTOutgoingInterchange(bytes: try writer.bytes(header: header, messages: messages), header: header,
                                          messages: messages)
    }
}
