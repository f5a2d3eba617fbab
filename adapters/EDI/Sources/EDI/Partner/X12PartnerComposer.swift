public import Foundation
internal import MarketSync

/// Puts transaction sets into an interchange from the partner to us: the counterpart of `X12InterchangeComposer`
/// with the identities swapped (`ISA05`/`ISA06` the partner's, `ISA07`/`ISA08` ours; `GS02` the partner's
/// application code, `GS03` ours), the profile's delimiters, usage and versions. The partner's control numbers are
/// its own business, so one is given and used for `ISA13` and every `GS06`; sets are numbered `0001`, `0002`, ….
public struct X12PartnerComposer: Sendable {
    /// Our profile of the partner.
    public let settings: X12Settings

    /// A composer writing as `settings`' partner.
    public init(settings: X12Settings) {
        self.settings = settings
    }

    /// One interchange holding `bodies`, one group per functional identifier, under `controlNumber` (1 to
    /// 999 999 999), prepared at `date`. Throws `config` for a set whose functional identifier is unknown, and what
    /// the writer throws.
    public func compose(_ bodies: [X12TransactionSetBody], controlNumber: Int, at date: Date) throws -> X12OutgoingInterchange {
        guard !bodies.isEmpty else {
            throw MarketSyncError(.validation, "an interchange needs at least one transaction set", channel: settings.partner)
        }
        guard (1...999_999_999).contains(controlNumber) else {
            throw MarketSyncError(.validation, "an interchange control number must be 1 to 999999999", channel: settings.partner, key: "ISA13")
        }
        var order: [String] = []
        var byGroup: [String: [X12TransactionSetBody]] = [:]
        for body in bodies {
            guard let functionalID = X12Settings.functionalID(of: body.identifier) else {
                throw MarketSyncError(.config, "no functional identifier is known for \(body.identifier)", channel: settings.partner,
                                      key: "transaction_sets")
            }
            if byGroup[functionalID] == nil { order.append(functionalID) }
            byGroup[functionalID, default: []].append(body)
        }
        var number = 0
        let groups = order.map { functionalID in
            let sets = (byGroup[functionalID] ?? []).map { body in
                number += 1
                return X12TransactionSet(identifier: body.identifier,
                                         controlNumber: X12InterchangeWriter.pad(String(number), to: 4, with: "0", left: true),
                                         segments: body.segments)
            }
            let header = X12FunctionalGroupHeader(functionalID: functionalID, applicationSender: settings.applicationReceiver,
                                                  applicationReceiver: settings.applicationSender,
                                                  date: EDIDateFormat.ccyymmdd(date, in: settings.timeZone),
                                                  time: EDIDateFormat.hhmm(date, in: settings.timeZone), controlNumber: controlNumber,
                                                  version: settings.groupVersion)
            return X12FunctionalGroup(header: header, transactionSets: sets)
        }
        let header = X12InterchangeHeader(senderQualifier: settings.receiverQualifier, senderID: settings.receiverID,
                                          receiverQualifier: settings.senderQualifier, receiverID: settings.senderID,
                                          date: EDIDateFormat.yymmdd(date, in: settings.timeZone),
                                          time: EDIDateFormat.hhmm(date, in: settings.timeZone), version: settings.interchangeVersion,
                                          controlNumber: controlNumber, usage: settings.usage)
        let writer = X12InterchangeWriter(separators: settings.separators, channel: settings.partner)
        return X12OutgoingInterchange(bytes: try writer.bytes(header: header, groups: groups), header: header, groups: groups)
    }
}
