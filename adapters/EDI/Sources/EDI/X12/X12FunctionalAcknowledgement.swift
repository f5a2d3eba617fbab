public import MarketSync

/// An acknowledgement code of a 997: for a set (`AK501`) or a group (`AK901`).
public enum X12AcknowledgmentCode: String, Sendable, Hashable {
    /// Accepted (`A`).
    case accepted = "A"
    /// Accepted, but errors were noted (`E`).
    case acceptedWithErrors = "E"
    /// Some sets accepted, some rejected (`P`, group level only).
    case partiallyAccepted = "P"
    /// Rejected (`R`).
    case rejected = "R"

    /// Whether the partner took the data (`A` or `E`).
    public var isAccepted: Bool { self == .accepted || self == .acceptedWithErrors }
}

/// What a 997 says about one transaction set (`AK2` + `AK5`).
public struct X12SetAcknowledgement: Hashable, Sendable {
    /// `AK201`: the set's identifier (`846`).
    public var identifier: String
    /// `AK202`: the set's control number (`ST02`).
    public var controlNumber: String
    /// `AK501`.
    public var code: X12AcknowledgmentCode

    /// An acknowledgement of one set.
    public init(identifier: String, controlNumber: String, code: X12AcknowledgmentCode) {
        self.identifier = identifier
        self.controlNumber = controlNumber
        self.code = code
    }
}

/// A 997 Functional Acknowledgment: the syntax answer to one functional group. We build one for every group we
/// receive (an 850's) and read the ones partners send for ours (846, 832, 855).
///
/// `AK1*<GS01>*<GS06>`, per set `AK2*<ST01>*<ST02>` and `AK5*<code>`, then `AK9*<code>*<included>*<received>*<accepted>`.
public struct X12FunctionalAcknowledgement: Hashable, Sendable {
    /// `AK101`: the functional identifier of the group acknowledged.
    public var functionalID: String
    /// `AK102`: its control number (`GS06`).
    public var groupControlNumber: Int
    /// The sets acknowledged one by one (a partner may leave them out and answer for the group only).
    public var sets: [X12SetAcknowledgement]
    /// `AK901`.
    public var groupCode: X12AcknowledgmentCode
    /// `AK902`: sets the group said it held (`GE01`).
    public var includedCount: Int
    /// `AK903`: sets received.
    public var receivedCount: Int
    /// `AK904`: sets accepted.
    public var acceptedCount: Int

    /// An acknowledgement with every field given.
    public init(functionalID: String, groupControlNumber: Int, sets: [X12SetAcknowledgement], groupCode: X12AcknowledgmentCode,
                includedCount: Int, receivedCount: Int, acceptedCount: Int) {
        self.functionalID = functionalID
        self.groupControlNumber = groupControlNumber
        self.sets = sets
        self.groupCode = groupCode
        self.includedCount = includedCount
        self.receivedCount = receivedCount
        self.acceptedCount = acceptedCount
    }

    /// The acknowledgement of `group` as received: every set accepted except those whose control numbers are in
    /// `rejected` (sets the adapter could not read); the group's code is `A`, `R` when no set was accepted, `P`
    /// otherwise.
    public static func acknowledging(_ group: X12FunctionalGroup, rejected: Set<String> = []) -> X12FunctionalAcknowledgement {
        let sets = group.transactionSets.map { set in
            X12SetAcknowledgement(identifier: set.identifier, controlNumber: set.controlNumber,
                                  code: rejected.contains(set.controlNumber) ? .rejected : .accepted)
        }
        let accepted = sets.filter(\.code.isAccepted).count
        let code: X12AcknowledgmentCode = accepted == sets.count ? .accepted : accepted == 0 ? .rejected : .partiallyAccepted
        return X12FunctionalAcknowledgement(functionalID: group.header.functionalID, groupControlNumber: group.header.controlNumber,
                                            sets: sets, groupCode: code, includedCount: sets.count, receivedCount: sets.count,
                                            acceptedCount: accepted)
    }

    /// The 997's segments (between `ST` and `SE`).
    public var segments: [EDISegment] {
        var segments = [EDISegment("AK1", [functionalID], [String(groupControlNumber)])]
        for set in sets {
            segments.append(EDISegment("AK2", [set.identifier], [set.controlNumber]))
            segments.append(EDISegment("AK5", [set.code.rawValue]))
        }
        segments.append(EDISegment("AK9", [groupCode.rawValue], [String(includedCount)], [String(receivedCount)], [String(acceptedCount)]))
        return segments
    }

    /// What the partner said about the set with control number `controlNumber` of the group: its own `AK5`, or
    /// the group's `AK9` when the 997 has no detail for it; nil when the detail lists other sets only.
    public func code(forSet controlNumber: String) -> X12AcknowledgmentCode? {
        if let set = sets.first(where: { $0.controlNumber == controlNumber }) { return set.code }
        if sets.isEmpty { return groupCode == .partiallyAccepted ? nil : groupCode }
        return nil
    }

    /// A 997 as read. Throws `edi_content` naming the segment when `AK1` or `AK9` is missing, a code or count is
    /// not one, an `AK2` has no `AK5`, or `AK904` disagrees with the `AK5`s.
    public static func read(_ set: X12TransactionSet, channel: ChannelID? = nil) throws -> X12FunctionalAcknowledgement {
        func fail(_ reason: String, at index: Int?, tag: String) -> MarketSyncError {
            EDIFailure.error(.ediContent, "acknowledgement set \(set.controlNumber): \(reason)",
                             at: .init(segment: index.flatMap { set.segmentNumber(at: $0) }, key: tag,
                                       excerpt: index.map { set.segments[$0].description }), channel: channel)
        }
        func number(_ text: String, at index: Int, tag: String) throws -> Int {
            guard let value = EDIDecimal.wholeNumber(text) else { throw fail("'\(text)' is not a count", at: index, tag: tag) }
            return Int(value)
        }
        guard set.identifier == "997" else { throw fail("the set is \(set.identifier), not 997", at: nil, tag: "ST01") }
        var head: (String, Int)?
        var sets: [X12SetAcknowledgement] = []
        var pending: (identifier: String, control: String, index: Int)?
        var trailer: (X12AcknowledgmentCode, Int, Int, Int, Int)?
        for (index, segment) in set.segments.enumerated() {
            switch segment.tag {
            case "AK1":
                head = (segment[1], try number(segment[2], at: index, tag: "AK102"))
            case "AK2":
                if let pending { throw fail("set \(pending.control) has no AK5", at: pending.index, tag: "AK2") }
                pending = (segment[1], segment[2], index)
            case "AK5":
                guard let open = pending else { throw fail("AK5 without AK2", at: index, tag: "AK5") }
                guard let code = X12AcknowledgmentCode(rawValue: segment[1]) else {
                    throw fail("'\(segment[1])' is not a set acknowledgement code", at: index, tag: "AK501")
                }
                sets.append(X12SetAcknowledgement(identifier: open.identifier, controlNumber: open.control, code: code))
                pending = nil
            case "AK9":
                guard let code = X12AcknowledgmentCode(rawValue: segment[1]) else {
                    throw fail("'\(segment[1])' is not a group acknowledgement code", at: index, tag: "AK901")
                }
                trailer = (code, try number(segment[2], at: index, tag: "AK902"), try number(segment[3], at: index, tag: "AK903"),
                           try number(segment[4], at: index, tag: "AK904"), index)
            default:
                break
            }
        }
        if let pending { throw fail("set \(pending.control) has no AK5", at: pending.index, tag: "AK2") }
        guard let head else { throw fail("the 997 has no AK1", at: nil, tag: "AK1") }
        guard let trailer else { throw fail("the 997 has no AK9", at: nil, tag: "AK9") }
        let accepted = sets.filter(\.code.isAccepted).count
        if !sets.isEmpty, accepted != trailer.3 {
            throw fail("AK9 counts \(trailer.3) accepted sets, the AK5s accept \(accepted)", at: trailer.4, tag: "AK904")
        }
        return X12FunctionalAcknowledgement(functionalID: head.0, groupControlNumber: head.1, sets: sets, groupCode: trailer.0,
                                            includedCount: trailer.1, receivedCount: trailer.2, acceptedCount: trailer.3)
    }
}
