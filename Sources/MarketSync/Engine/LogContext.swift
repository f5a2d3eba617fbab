public import Logging

/// What every log line written inside a run or a channel call carries without being handed a logger: the run's id
/// and the id of the channel call in flight. Task-local, so the adapters' own log lines made inside an engine call
/// carry them too, through `LogContext.metadataProvider` installed with the log handler.
public enum LogContext {
    /// The store's id of the run in progress (`runs.id`).
    @TaskLocal public static var runID: Int64?
    /// Our id of the channel call in progress: `<channel>/<run>/<first outbox item>/<attempt>`, the same in every
    /// line the call logs and in the summary's failures, so one push can be followed from the engine into the adapter.
    @TaskLocal public static var requestID: String?

    /// Adds `sync.run_id` and `sync.request_id` to every line logged while they are set.
    public static let metadataProvider = Logger.MetadataProvider {
        var metadata: Logger.Metadata = [:]
        if let runID { metadata[LogKey.runID] = "\(runID)" }
        if let requestID { metadata[LogKey.requestID] = .string(requestID) }
        return metadata
    }
}

extension LogKey {
    /// Our id of one channel call (`LogContext.requestID`).
    public static let requestID = "sync.request_id"
    /// The outbox version of a value pushed.
    public static let version = "sync.version"
    /// What an outbox item carries: `stock`, `price`, `shipment`, `acceptance`, `acknowledgement`.
    public static let kind = "sync.kind"
}
