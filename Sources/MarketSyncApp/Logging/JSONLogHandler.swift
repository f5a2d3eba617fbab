internal import Foundation
public import Logging

/// A swift-log handler writing one JSON object a line: `ts` (ISO 8601, milliseconds, UTC), `level`, `msg`, `label`,
/// the metadata flattened under its keys (`sync.channel`, `sync.sku`…), and `source`/`file`/`line` at debug and
/// below. For log shippers (journald's JSON, Loki, Elasticsearch) that want fields, not text.
///
/// Hand-written because swift-log ships only a text handler and no listed package offers a plain JSON one. Lines
/// are written whole with one `write`, so lines from concurrent tasks never interleave. Metadata values are what the
/// code logged: nothing here adds a secret, and the code never logs one.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .notice
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: @Sendable (String) -> Void

    /// A handler writing to standard error.
    public static func standardError(label: String, metadataProvider: Logger.MetadataProvider? = nil) -> JSONLogHandler {
        JSONLogHandler(label: label, metadataProvider: metadataProvider) { line in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// A handler handing each finished line (ending in `\n`) to `sink`.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, sink: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var object: [String: Any] = [
            "ts": Self.timestamp(Date()), "level": "\(event.level)", "msg": "\(event.message)", "label": label,
        ]
        for (key, value) in merged where object[key] == nil { object[key] = Self.json(value) }
        if event.level <= .debug {
            object["source"] = event.source
            object["file"] = event.file
            object["line"] = Int(event.line)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        sink(String(decoding: data, as: UTF8.self) + "\n")
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case let .string(text): text
        case let .stringConvertible(convertible): convertible.description
        case let .array(values): values.map(json)
        case let .dictionary(values): values.mapValues(json)
        }
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
