internal import Foundation
internal import MarketSync

/// How a sent request compares with one recorded request: what differs (empty means it matches) and a
/// similarity score to find the nearest recorded request when none matches. Messages never show secret
/// values: recorded ones are redacted already, and sent values of secret names are not printed.
struct RequestComparison {
    private(set) var differences: [String] = []
    private(set) var score = 0

    init(recorded: CassetteRequest, sent: CassetteRequest, sentRequest: WireRequest, rules: CassetteRules,
         signingSecret: String?) {
        if recorded.method == sent.method { score += 20 } else {
            differences.append("method: recorded \(recorded.method), sent \(sent.method)")
        }
        if recorded.path == sent.path { score += 20 } else {
            differences.append("path: recorded \(Self.quote(recorded.path)), sent \(Self.quote(sent.path))")
        }
        compareFields(kind: "query", recorded: recorded.query, sent: sent.query, ordered: true, rules: rules)
        compareBodies(recorded: recorded.body, sent: sent.body, rules: rules)
        compareHeaders(recorded: recorded.headers, sent: sent.headers, rules: rules)
        if let check = rules.signature, let signingSecret, let recordedVerdict = recorded.signature {
            let verdict: SignatureVerdict = check.isSignatureValid(sentRequest, secret: signingSecret) ? .valid : .invalid
            if verdict == recordedVerdict { score += 1 } else {
                differences.append(recordedVerdict == .valid
                    ? "signature does not verify with the cassette's secret"
                    : "signature verifies with the cassette's secret but was recorded as invalid")
            }
        }
        score -= differences.count
    }

    var matches: Bool { differences.isEmpty }

    private mutating func compareFields(kind: String, recorded: [CassetteField], sent: [CassetteField], ordered: Bool,
                                        rules: CassetteRules) {
        let recordedByName = Dictionary(grouping: recorded, by: \.name)
        let sentByName = Dictionary(grouping: sent, by: \.name)
        var seen: Set<String> = []
        for field in recorded where seen.insert(field.name).inserted {
            let recordedValues = recordedByName[field.name]?.map(\.value) ?? []
            guard let sentValues = sentByName[field.name]?.map(\.value) else {
                differences.append("\(kind) \(field.name): recorded, not sent")
                continue
            }
            guard recordedValues.count == sentValues.count else {
                differences.append("\(kind) \(field.name): recorded \(recordedValues.count) times, sent \(sentValues.count)")
                continue
            }
            for (recordedValue, sentValue) in zip(recordedValues, sentValues) {
                if rules.matchesParameterByPresence(name: field.name, recordedValue: recordedValue) || recordedValue == sentValue {
                    score += 2
                } else {
                    differences.append("\(kind) \(field.name): recorded \(Self.quote(recordedValue)), sent \(Self.quote(sentValue))")
                }
            }
        }
        for field in sent where recordedByName[field.name] == nil && seen.insert(field.name).inserted {
            let value = rules.isSecretParameter(field.name) ? "" : " (\(Self.quote(field.value)))"
            differences.append("\(kind) \(field.name): sent\(value), not recorded")
        }
        if ordered, differences.isEmpty, recorded.map(\.name) != sent.map(\.name) {
            differences.append("\(kind): parameters sent in a different order")
        }
    }

    private mutating func compareBodies(recorded: CassetteBody?, sent: CassetteBody?, rules: CassetteRules) {
        switch (recorded, sent) {
        case (nil, nil):
            score += 2
        case (nil, let sent?):
            differences.append("body: none recorded, \(sent.kind) sent")
        case (let recorded?, nil):
            differences.append("body: \(recorded.kind) recorded, none sent")
        case (.form(let recordedFields)?, .form(let sentFields)?):
            compareFields(kind: "form", recorded: recordedFields, sent: sentFields, ordered: false, rules: rules)
        case (.json(let recordedValue)?, .json(let sentValue)?):
            compareJSON(recorded: recordedValue, sent: sentValue, rules: rules)
        case (.text(let recordedText)?, .text(let sentText)?):
            if recordedText == sentText { score += 2 } else {
                differences.append("text body: recorded \(recordedText.utf8.count) bytes, sent \(sentText.utf8.count) bytes, "
                                   + "first difference at byte \(Self.firstDifference(Array(recordedText.utf8), Array(sentText.utf8)))")
            }
        case (.binary(let recordedData)?, .binary(let sentData)?):
            if recordedData == sentData { score += 2 } else {
                differences.append("binary body: recorded \(recordedData.count) bytes, sent \(sentData.count) bytes, "
                                   + "first difference at byte \(Self.firstDifference(Array(recordedData), Array(sentData)))")
            }
        case (let recorded?, let sent?):
            differences.append("body: \(recorded.kind) recorded, \(sent.kind) sent")
        }
    }

    private mutating func compareJSON(recorded: JSONValue, sent: JSONValue, rules: CassetteRules) {
        guard case .object(let recordedMembers) = recorded, case .object(let sentMembers) = sent else {
            if recorded == sent { score += 2 } else { differences.append("json body differs") }
            return
        }
        for key in recordedMembers.keys.sorted() {
            guard let recordedValue = recordedMembers[key] else { continue }
            guard let sentValue = sentMembers[key] else {
                differences.append("json \(key): recorded, not sent")
                continue
            }
            let byPresence = rules.isVolatileParameter(key) || rules.isSecretParameter(key)
            if byPresence || rules.jsonMatches(recorded: recordedValue, sent: sentValue) {
                score += 2
            } else {
                differences.append("json \(key): recorded \(Self.compact(recordedValue)), sent \(Self.compact(sentValue))")
            }
        }
        for key in sentMembers.keys.sorted() where recordedMembers[key] == nil {
            let value = rules.isSecretParameter(key) ? "" : sentMembers[key].map { " (\(Self.compact($0)))" } ?? ""
            differences.append("json \(key): sent\(value), not recorded")
        }
    }

    private mutating func compareHeaders(recorded: [CassetteField], sent: [CassetteField], rules: CassetteRules) {
        func value(_ name: String, in fields: [CassetteField]) -> String? {
            fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        let recordedType = value("Content-Type", in: recorded)
        let sentType = value("Content-Type", in: sent)
        if recordedType != sentType {
            differences.append("header Content-Type: recorded \(recordedType.map(Self.quote) ?? "none"), "
                               + "sent \(sentType.map(Self.quote) ?? "none")")
        }
        for field in recorded where field.name.caseInsensitiveCompare("Content-Type") != .orderedSame {
            if rules.isSecretHeader(field.name) || rules.isVolatileHeader(field.name) || CassetteRules.isPlaceholder(field.value) {
                continue
            }
            guard let sentValue = value(field.name, in: sent) else {
                differences.append("header \(field.name): recorded \(Self.quote(field.value)), not sent")
                continue
            }
            if sentValue == field.value { score += 1 } else {
                differences.append("header \(field.name): recorded \(Self.quote(field.value)), sent \(Self.quote(sentValue))")
            }
        }
    }

    private static func quote(_ text: String) -> String {
        let shown = text.count > 80 ? String(text.prefix(77)) + "..." : text
        return "\"\(shown)\""
    }

    private static func compact(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    private static func firstDifference(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        lhs.indices.first { $0 < rhs.count && lhs[$0] != rhs[$0] } ?? min(lhs.count, rhs.count)
    }
}
