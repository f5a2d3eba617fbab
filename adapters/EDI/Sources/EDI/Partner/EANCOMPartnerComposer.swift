public import Foundation
internal import MarketSync

/// Puts message bodies into an interchange from the chain to us: the counterpart of `EANCOMInterchangeComposer`
/// with the parties swapped (`UNB` sender the chain's GLN, recipient ours), the profile's syntax, character set and
/// subset codes. The chain's control references are its own business, so they are given, not drawn from our store.
public struct EANCOMPartnerComposer: Sendable {
    /// Our profile of the chain.
    public let settings: EANCOMSettings

    /// A composer writing as `settings`' chain.
    public init(settings: EANCOMSettings) {
        self.settings = settings
    }

    /// One interchange holding `bodies` under interchange reference `reference` (messages numbered 1, 2, …),
    /// prepared at `date`. Throws `config` for a message type without a subset code, and what the writer throws.
    public func compose(_ bodies: [EANCOMMessageBody], reference: String, at date: Date) throws -> EDIFACTOutgoingInterchange {
        guard !bodies.isEmpty else {
            throw MarketSyncError(.validation, "an interchange needs at least one message", channel: settings.partner)
        }
        var messages: [EDIFACTMessage] = []
        for (index, body) in bodies.enumerated() {
            guard let code = settings.associationCodes[body.type] else {
                throw MarketSyncError(.config, "the chain exchanges no \(body.type.rawValue) (no subset code configured)",
                                      channel: settings.partner, key: "association_codes.\(body.type.rawValue)")
            }
            messages.append(EDIFACTMessage(reference: String(index + 1),
                                           identifier: EDIFACTMessageIdentifier(type: body.type.rawValue, associationCode: code),
                                           segments: body.segments))
        }
        let header = EDIFACTInterchangeHeader(
            characterSet: settings.characterSet, syntaxVersion: settings.syntaxVersion,
            sender: EDIFACTPartyIdentification(gln: settings.buyer), recipient: EDIFACTPartyIdentification(gln: settings.supplier),
            date: settings.syntaxVersion == "4" ? EDIDateFormat.ccyymmdd(date, in: settings.timeZone)
                : EDIDateFormat.yymmdd(date, in: settings.timeZone),
            time: EDIDateFormat.hhmm(date, in: settings.timeZone), reference: reference, isTest: settings.isTest)
        let writer = EDIFACTInterchangeWriter(characters: settings.characters, channel: settings.partner)
        return EDIFACTOutgoingInterchange(bytes: try writer.bytes(header: header, messages: messages), header: header, messages: messages)
    }
}
