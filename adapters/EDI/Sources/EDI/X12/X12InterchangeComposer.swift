public import Foundation
public import MarketSync

/// Puts transaction sets for one partner into an interchange: one functional group per functional identifier
/// (`IB`, `SC`, `PR`, `FA`, in the order the sets come), a new `ISA13`, `GS06` and `ST02` for each from the
/// `ControlNumberSource` (never reused), the partner's identities, delimiters and usage.
public struct X12InterchangeComposer: Sendable {
    /// The partner's profile.
    public let settings: X12Settings
    /// Where control numbers come from.
    public let numbers: any ControlNumberSource

    /// A composer for `settings`' partner.
    public init(settings: X12Settings, numbers: any ControlNumberSource) {
        self.settings = settings
        self.numbers = numbers
    }

    /// One interchange holding `bodies`, prepared at `date`. Throws `config` for a set the partner does not
    /// exchange or whose functional identifier is unknown, and what the writer throws. Numbers are drawn before
    /// anything is written, so a failure wastes them and never reuses them.
    public func compose(_ bodies: [X12TransactionSetBody], at date: Date) async throws -> X12OutgoingInterchange {
        guard !bodies.isEmpty else {
            throw MarketSyncError(.validation, "an interchange needs at least one transaction set", channel: settings.partner)
        }
        var order: [String] = []
        var byGroup: [String: [X12TransactionSetBody]] = [:]
        for body in bodies {
            guard settings.transactionSets.contains(body.identifier) else {
                throw MarketSyncError(.config, "the partner does not exchange \(body.identifier)", channel: settings.partner,
                                      key: "transaction_sets")
            }
            guard let functionalID = X12Settings.functionalID(of: body.identifier) else {
                throw MarketSyncError(.config, "no functional identifier is known for \(body.identifier)", channel: settings.partner,
                                      key: "transaction_sets")
            }
            if byGroup[functionalID] == nil { order.append(functionalID) }
            byGroup[functionalID, default: []].append(body)
        }
        let interchange = try await numbers.next(.interchange, for: settings.partner)
        var groups: [X12FunctionalGroup] = []
        for functionalID in order {
            let control = try await numbers.next(.group, for: settings.partner)
            var sets: [X12TransactionSet] = []
            for body in byGroup[functionalID] ?? [] {
                let number = try await numbers.next(.message, for: settings.partner)
                sets.append(X12TransactionSet(identifier: body.identifier,
                                              controlNumber: X12InterchangeWriter.pad(String(number), to: 4, with: "0", left: true),
                                              segments: body.segments))
            }
            let header = X12FunctionalGroupHeader(functionalID: functionalID, applicationSender: settings.applicationSender,
                                                  applicationReceiver: settings.applicationReceiver,
                                                  date: EDIDateFormat.ccyymmdd(date, in: settings.timeZone),
                                                  time: EDIDateFormat.hhmm(date, in: settings.timeZone), controlNumber: control,
                                                  version: settings.groupVersion)
            groups.append(X12FunctionalGroup(header: header, transactionSets: sets))
        }
        let header = X12InterchangeHeader(senderQualifier: settings.senderQualifier, senderID: settings.senderID,
                                          receiverQualifier: settings.receiverQualifier, receiverID: settings.receiverID,
                                          date: EDIDateFormat.yymmdd(date, in: settings.timeZone),
                                          time: EDIDateFormat.hhmm(date, in: settings.timeZone),
                                          version: settings.interchangeVersion, controlNumber: interchange,
                                          acknowledgmentRequested: settings.acknowledgmentRequested, usage: settings.usage)
        let writer = X12InterchangeWriter(separators: settings.separators, channel: settings.partner)
        return X12OutgoingInterchange(bytes: try writer.bytes(header: header, groups: groups), header: header, groups: groups)
    }
}
