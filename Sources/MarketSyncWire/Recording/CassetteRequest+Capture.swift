internal import Foundation
internal import MarketSync

extension CassetteRequest {
    /// The request as a cassette would hold it, before any redaction (used to compare on replay).
    init(capturing request: WireRequest) {
        var path = request.url.path(percentEncoded: true)
        if path.isEmpty { path = "/" }
        let queryText = request.url.query(percentEncoded: true) ?? ""
        let query = FormURLEncoding.parse(queryText) ?? [CassetteField(queryText, "")]
        self.init(method: request.method, path: path, query: query,
                  headers: request.headers.map { CassetteField($0.name, $0.value) },
                  body: CassetteBody(capturing: request.body, contentType: request.header("Content-Type"), allowForm: true))
    }

    /// The request with secrets redacted and volatile values marked, as `rules` say.
    func redacted(by rules: CassetteRules) -> CassetteRequest {
        var copy = self
        copy.query = query.map { CassetteField($0.name, rules.recordedParameterValue(name: $0.name, value: $0.value)) }
        copy.headers = headers.map { CassetteField($0.name, rules.recordedHeaderValue(name: $0.name, value: $0.value)) }
        switch body {
        case .form(let fields)?:
            copy.body = .form(fields.map { CassetteField($0.name, rules.recordedParameterValue(name: $0.name, value: $0.value)) })
        case .json(let value)?:
            copy.body = .json(rules.recordedJSON(value))
        default:
            break
        }
        return copy
    }

    /// Every value in the request that `rules` call secret: scrubbed from everything else recorded with it.
    func secretValues(by rules: CassetteRules) -> Set<String> {
        var values: Set<String> = []
        for field in query where rules.isSecretParameter(field.name) { values.insert(field.value) }
        for field in headers where rules.isSecretHeader(field.name) {
            values.insert(field.value)
            // "Bearer TOKEN", "Basic XYZ": the credential alone may be echoed elsewhere.
            if let credential = field.value.split(separator: " ").last { values.insert(String(credential)) }
        }
        switch body {
        case .form(let fields)?:
            for field in fields where rules.isSecretParameter(field.name) { values.insert(field.value) }
        case .json(let value)?:
            values.formUnion(rules.secretStrings(in: value))
        default:
            break
        }
        return values.filter { $0.count >= SecretScrubber.shortest && !CassetteRules.isPlaceholder($0) }
    }

    /// Values of this request that `other` (the same request signed again) holds no more: made with the secret it
    /// was signed with (the signature, a copy of the secret), so scrubbed like secrets.
    func valuesReplaced(in other: CassetteRequest) -> Set<String> {
        func replaced(_ mine: [CassetteField], _ theirs: [CassetteField]) -> [String] {
            let kept = Set(theirs.map { "\($0.name)=\($0.value)" })
            return mine.filter { !kept.contains("\($0.name)=\($0.value)") }.map(\.value)
        }
        var values = replaced(query, other.query) + replaced(headers, other.headers)
        switch (body, other.body) {
        case (.form(let mine)?, .form(let theirs)?):
            values += replaced(mine, theirs)
        case (.json(.object(let mine))?, .json(.object(let theirs))?):
            for (key, value) in mine where theirs[key] != value {
                if case .string(let text) = value { values.append(text) }
            }
        default:
            break
        }
        return Set(values.filter { $0.count >= SecretScrubber.shortest && !CassetteRules.isPlaceholder($0) })
    }

    /// `POST /api/router (type=…)`: how errors name the request, without secrets.
    var summary: String {
        let operation = body?.operationName
            ?? query.first { $0.name == "type" || $0.name == "method" }.map { "\($0.name)=\($0.value)" }
        return "\(method) \(path)" + (operation.map { " (\($0))" } ?? "")
    }
}
