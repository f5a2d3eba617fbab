internal import MarketSync

/// The problems found so far in one config file: readers report here and go on, so a single pass names every
/// error of the file, each with its `file:line: key.path`.
final class ConfigDiagnostics {
    private(set) var errors: [MarketSyncError] = []

    init() {}

    func report(_ error: MarketSyncError) {
        errors.append(error)
    }
}
