internal import Hummingbird
internal import NIOCore

/// The request context of the loopback server: Hummingbird's core storage plus the connection, which tells the
/// bound port and lets an answer close its connection.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
