internal import CoreMetrics
public import Prometheus
internal import Synchronization

/// The process's metrics backend: one Prometheus registry, bootstrapped into `MetricsSystem` once per process
/// (swift-metrics allows one bootstrap; a second one traps).
public enum PrometheusBootstrap {
    private static let state = Mutex<PrometheusCollectorRegistry?>(nil)

    /// The process's registry, bootstrapping `MetricsSystem` with a factory over it on the first call; later calls
    /// return the same registry.
    public static func registry() -> PrometheusCollectorRegistry {
        state.withLock { current in
            if let current { return current }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            current = registry
            return registry
        }
    }
}
