public import Hummingbird

/// The request context of the status endpoint: Hummingbird's basic one with a small upload limit (no route reads a
/// body).
public struct StatusRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage

    /// A context for one request.
    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// No route takes a body: decoding one larger than this is refused with 413.
    public var maxUploadSize: Int { 4096 }
}
