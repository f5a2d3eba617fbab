internal import Foundation

/// One text frame of the message service (docs/channels.md, "Message service"): JSON
/// `{"id", "commandType", "time", "sendTime", "message": {"type", "mallID", "content"}}`, `commandType` one of
/// `HeartBeat`, `Ack`, `Fail`, `Common`. Ids are read as text whether sent as numbers or strings (they can exceed
/// 64 bits in the clients' models), and written back as they came.
public struct EpinduoMessageFrame: Sendable, Hashable {
    /// `HeartBeat`, `Ack`, `Fail`, `Common`, or what else the platform sends.
    public var commandType: String
    /// The message id (a `Common` message's, echoed in its `Ack`).
    public var id: String?
    /// When the frame was made, Unix milliseconds.
    public var time: Int64?
    /// When the platform sent the message, Unix milliseconds (echoed in the `Ack`).
    public var sendTime: Int64?
    /// The message of a `Common` frame.
    public var message: Message?

    /// The payload of a `Common` frame.
    public struct Message: Sendable, Hashable {
        /// The event's name, e.g. `pdd_trade_TradeConfirmed`.
        public var type: String
        /// The shop the event is about.
        public var mallID: String
        /// The event's data: a JSON object encoded as a string.
        public var content: String

        /// A message as given.
        public init(type: String, mallID: String, content: String) {
            self.type = type
            self.mallID = mallID
            self.content = content
        }
    }

    /// A frame as given.
    public init(commandType: String, id: String? = nil, time: Int64? = nil, sendTime: Int64? = nil, message: Message? = nil) {
        self.commandType = commandType
        self.id = id
        self.time = time
        self.sendTime = sendTime
        self.message = message
    }

    /// Reads one frame's text; nil when it is not a JSON object with a `commandType`. A field of the wrong kind is
    /// read as absent.
    public init?(text: String) {
        guard let wire = try? JSONDecoder().decode(Wire.self, from: Data(text.utf8)), let command = wire.commandType,
              !command.isEmpty else { return nil }
        commandType = command
        id = wire.id?.text
        time = wire.time
        sendTime = wire.sendTime
        if let body = wire.message, let type = body.type {
            message = Message(type: type, mallID: body.mallID?.text ?? "", content: body.content ?? "")
        }
    }

    /// The frame as sent, every field optional and lenient.
    private struct Wire: Decodable {
        var commandType: String?
        var id: IDText?
        var time: Int64?
        var sendTime: Int64?
        var message: WireMessage?

        enum CodingKeys: String, CodingKey { case commandType, id, time, sendTime, message }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            commandType = try? container.decodeIfPresent(String.self, forKey: .commandType)
            id = try? container.decodeIfPresent(IDText.self, forKey: .id)
            time = try? container.decodeIfPresent(Int64.self, forKey: .time)
            sendTime = try? container.decodeIfPresent(Int64.self, forKey: .sendTime)
            message = try? container.decodeIfPresent(WireMessage.self, forKey: .message)
        }
    }

    private struct WireMessage: Decodable {
        var type: String?
        var mallID: IDText?
        var content: String?

        enum CodingKeys: String, CodingKey { case type, mallID, content }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try? container.decodeIfPresent(String.self, forKey: .type)
            mallID = try? container.decodeIfPresent(IDText.self, forKey: .mallID)
            content = try? container.decodeIfPresent(String.self, forKey: .content)
        }
    }

    /// An id sent as a JSON string or number, as text with every digit (ids can exceed 64 bits in the clients' models).
    struct IDText: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                text = string
            } else if let number = try? container.decode(Int64.self) {
                text = String(number)
            } else if let number = try? container.decode(UInt64.self) {
                text = String(number)
            } else {
                text = "\(try container.decode(Decimal.self))"
            }
        }
    }

    /// The frame's JSON text; `id` and `mallID` are written as numbers when they are digits, as the platform sends them.
    public var text: String {
        var fields = ["\"commandType\":\(Self.quoted(commandType))"]
        if let time { fields.append("\"time\":\(time)") }
        if let id { fields.append("\"id\":\(Self.idJSON(id))") }
        if let sendTime { fields.append("\"sendTime\":\(sendTime)") }
        if let message {
            fields.append("\"message\":{\"type\":\(Self.quoted(message.type)),\"mallID\":\(Self.idJSON(message.mallID)),"
                          + "\"content\":\(Self.quoted(message.content))}")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// `{"commandType":"HeartBeat","time":ms}`.
    public static func heartBeat(timeMs: Int64) -> EpinduoMessageFrame {
        EpinduoMessageFrame(commandType: "HeartBeat", time: timeMs)
    }

    /// The `Ack` of this `Common` frame: `{"commandType":"Ack","time":ms,"id":…,"sendTime":…,"type":…,"mallID":…}`, the
    /// shape the open-source clients send (flat, not nested under `message`).
    public func ackText(timeMs: Int64) -> String {
        var fields = ["\"commandType\":\"Ack\"", "\"time\":\(timeMs)"]
        if let id { fields.append("\"id\":\(Self.idJSON(id))") }
        if let sendTime { fields.append("\"sendTime\":\(sendTime)") }
        if let message {
            fields.append("\"type\":\(Self.quoted(message.type))")
            fields.append("\"mallID\":\(Self.idJSON(message.mallID))")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// The order number an order event's `content` names (`tid`, else `order_sn`), if it is a JSON object naming one.
    public var orderNumber: String? {
        guard let content = message?.content,
              let object = try? JSONDecoder().decode([String: Lenient].self, from: Data(content.utf8)) else { return nil }
        for key in ["tid", "order_sn"] {
            if let value = object[key]?.id?.text, !value.isEmpty { return value }
        }
        return nil
    }

    /// Any JSON value, read as an id when it is a string or a number.
    private struct Lenient: Decodable {
        var id: IDText?
        init(from decoder: any Decoder) throws {
            id = try? IDText(from: decoder)
        }
    }

    static func idJSON(_ id: String) -> String {
        !id.isEmpty && id.utf8.count <= 38 && id.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) ? id : quoted(id)
    }

    package static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(text) else { return "\"\"" }
        return String(decoding: data, as: UTF8.self)
    }
}
