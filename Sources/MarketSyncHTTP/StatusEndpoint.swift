internal import CoreMetrics
public import Hummingbird
public import Logging
internal import MarketSync
public import Prometheus
internal import HummingbirdCore
internal import NIOCore

/// The worker's HTTP endpoint on Hummingbird: `/healthz`, `/readyz`, `/metrics`, `/api/status` and the status page
/// at `/`; every one of these reads the store through `StatusSource` only. With a `WebhookIntake`, channels' webhook
/// deliveries are taken at `POST /webhooks/{channel}` (``WebhookReceiver``).
public struct StatusEndpoint: Sendable {
    /// The store reader.
    public let source: StatusSource
    /// The registry `/metrics` writes out (the process's, `PrometheusBootstrap.registry()`).
    public let registry: PrometheusCollectorRegistry
    /// The store-derived gauges, set on every scrape.
    public let gauges: StoreGauges
    /// Address and limits.
    public let settings: StatusEndpointSettings
    /// Where the server logs.
    public let logger: Logger
    /// The channels' webhooks and where their events go; nil serves no `/webhooks/` route.
    public let webhooks: WebhookIntake?

    /// The paths the endpoint serves; anything else is 404, another method than GET on one of them 405.
    public static let paths: Set<String> = ["/", "/healthz", "/readyz", "/metrics", "/api/status"]

    /// An endpoint over `source`, writing `registry` out at `/metrics`.
    public init(source: StatusSource, registry: PrometheusCollectorRegistry, settings: StatusEndpointSettings = StatusEndpointSettings(),
                logger: Logger, webhooks: WebhookIntake? = nil) {
        self.source = source
        self.webhooks = webhooks
        self.registry = registry
        self.gauges = StoreGauges(factory: PrometheusMetricsFactory(registry: registry), channels: source.channels)
        self.settings = settings
        self.logger = logger
    }

    /// The routes.
    public func router() -> Router<StatusRequestContext> {
        let router = Router(context: StatusRequestContext.self)
        router.addMiddleware {
            // The webhook route reads within its own limit and counts a refusal in marketsync_webhook_rejections_total.
            RequestLimitMiddleware<StatusRequestContext>(maxBodyBytes: settings.maxBodyBytes,
                                                         routesReadingTheirBody: webhooks == nil ? [] : ["/webhooks/"])
            MethodNotAllowedMiddleware<StatusRequestContext>(paths: Self.paths)
        }
        let source = self.source, registry = self.registry, gauges = self.gauges, logger = self.logger
        router.get("/healthz") { _, _ in
            StatusResponses.body("ok\n", contentType: "text/plain; charset=utf-8")
        }
        router.get("/readyz") { _, _ in
            let readiness = await source.readiness()
            return StatusResponses.json(readiness, status: readiness.ready ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            do {
                gauges.record(try await source.gaugeValues())
            } catch {
                gauges.recordStoreDown()
                logger.warning("metrics scrape could not read the store", metadata: [LogKey.errorMessage: "\(Self.message(error))"])
            }
            return StatusResponses.body(registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/api/status") { _, _ in
            do {
                return StatusResponses.json(try await source.report())
            } catch {
                return StatusResponses.json(["error": "cannot read the store: \(Self.message(error))"], status: .serviceUnavailable)
            }
        }
        router.get("/") { _, _ in
            var response = StatusResponses.body(StatusPage.html, contentType: "text/html; charset=utf-8")
            // The page needs its inline style and script and `/api/status`, nothing else.
            response.headers[.contentSecurityPolicy] =
                "default-src 'none'; connect-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self'"
            return response
        }
        if let webhooks { addWebhookRoutes(to: router, intake: webhooks) }
        return router
    }

    /// The Hummingbird application with the settings' address and limits. `onListening` gets the bound port (the
    /// one the system chose when the settings ask for port 0).
    public func application(onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        -> Application<RouterResponder<StatusRequestContext>>
    {
        let idle = settings.idleTimeout.components
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: settings.maxHeaderBytes, maxHeaderListSize: settings.maxHeaderBytes,
                                            maxHeaderFieldCount: 100))
        let configuration = ApplicationConfiguration(
            address: .hostname(settings.address.host, port: settings.address.port), serverName: "marketsync", backlog: 64,
            availableConnectionsDelegate: MaximumAvailableConnections(settings.maxConnections))
        return Application(router: router(), server: .http1(configuration: http1), configuration: configuration,
                           onServerRunning: { channel in await onListening(channel.localAddress?.port ?? settings.address.port) },
                           logger: logger)
    }

    /// Serves until the task is cancelled. Throws when the address cannot be bound.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await application(onListening: onListening).run()
    }

    /// A store error's message (safe to show), or the error's type.
    static func message(_ error: any Error) -> String {
        (error as? MarketSyncError)?.message ?? "\(type(of: error))"
    }
}
