internal import Foundation
internal import MarketSync
internal import MarketSyncConfig

/// The file drops of one scenario run. A file channel (one whose adapter takes `options.delivery.url`) must name its
/// drop `file://{scenario_drop}/NAME`: the runner puts a fresh temporary folder in place of `{scenario_drop}` for
/// every run, so a scenario never writes into `fixtures/` nor anywhere else, and two runs never see each other's
/// files. Before a step the drops get the partner's files the step seeds (`partner_files`); a step may block a
/// channel's archive folder (`block_archive`) to make archiving fail after the orders are stored.
struct ScenarioDrops: Sendable {
    /// What a file channel's `options.delivery.url` starts with in a scenario's config.
    static let placeholder = "file://{scenario_drop}/"

    /// The per-run folder standing for `{scenario_drop}`.
    let root: URL
    /// Each file channel's drop, with `{scenario_drop}` replaced.
    let channels: [ChannelID: FileDropSettings]

    /// Replaces `{scenario_drop}` in every file channel of `configuration` with `root`; throws `.config` naming the
    /// config's key when a file channel's drop is not `file://{scenario_drop}/NAME` or one of its folders leads out.
    static func prepare(_ configuration: inout SyncConfiguration, root: URL, registry: AdapterRegistry) throws -> ScenarioDrops {
        var channels: [ChannelID: FileDropSettings] = [:]
        let rootPath = root.standardizedFileURL.path
        for index in configuration.channels.indices {
            var settings = configuration.channels[index]
            let factory = try registry.factory(for: settings, file: configuration.file)
            guard factory.knownOptions.contains("delivery.url") else { continue }
            func refuse(_ message: String) -> MarketSyncError {
                var error = settings.configError(message, key: "options.delivery.url")
                error.file = error.file ?? configuration.file
                return error
            }
            let given = settings.options["delivery.url"]?.text.trimmingCharacters(in: .whitespaces) ?? ""
            guard given.hasPrefix(placeholder) else {
                throw refuse("a file channel's drop in a scenario must be \(placeholder)NAME (a fresh folder per run), not \"\(given)\"")
            }
            let name = String(given.dropFirst(placeholder.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            guard !name.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }), !name.contains("\\"),
                  name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0 != "{" && $0 != "}" }) else {
                throw refuse("\"\(name)\" after \(placeholder) must be a folder name without .., braces or control characters")
            }
            let url = URL(fileURLWithPath: rootPath).appendingPathComponent(name, isDirectory: true)
            settings.options["delivery.url"]?.text = url.absoluteString
            settings.endpoint = url
            guard let drop = try DeliveryConfig.settings(of: settings, environment: [:]) else {
                throw refuse("a file channel needs a delivery block")
            }
            let base = url.path(percentEncoded: false)
            for folder in FileDropFolder.allCases where !drop.path(of: folder).hasPrefix(base.hasSuffix("/") ? base : base + "/") {
                var error = settings.configError("the \(folder) folder must stay inside the scenario's drop: no absolute path",
                                                 key: "options.delivery.\(folder)")
                error.file = error.file ?? configuration.file
                throw error
            }
            // The partner sets up the two folders it exchanges through; archive and quarantine appear when first used.
            for folder in [FileDropFolder.inbox, .outbox] {
                try FileManager.default.createDirectory(atPath: drop.path(of: folder), withIntermediateDirectories: true)
            }
            configuration.channels[index] = settings
            channels[settings.id] = drop
        }
        return ScenarioDrops(root: root, channels: channels)
    }

    /// Checks what every step asks of the drops before any runs: seeded files exist inside the scenario folder, name
    /// a file channel and a folder, and take a plain name; blocked archives are file channels'.
    func validate(_ file: ScenarioFile) throws(MarketSyncError) {
        for (index, step) in file.spec.steps.enumerated() {
            for (number, seed) in (step.partnerFiles ?? []).enumerated() {
                let key = "steps[\(index)].partner_files[\(number)]"
                _ = try resolve(seed, file: file, key: key)
            }
            for (number, channel) in (step.blockArchive ?? []).enumerated() where channels[ChannelID(channel)] == nil {
                throw file.error("\"\(channel)\" is not a file channel of the config", key: "steps[\(index)].block_archive[\(number)]")
            }
            for (channel, wanted) in step.expect.files ?? [:] {
                let key = "steps[\(index)].expect.files.\(channel)"
                guard channels[ChannelID(channel)] != nil else { throw file.error("\"\(channel)\" is not a file channel of the config", key: key) }
                for (place, golden) in wanted.golden ?? [:] {
                    _ = try Self.place(place, file: file, key: "\(key).golden")
                    _ = try file.resolve(golden, key: "\(key).golden.\(place)")
                }
            }
        }
    }

    /// A golden file's place in a drop, `FOLDER/NAME`, as its folder and name; throws naming `key` otherwise.
    static func place(_ place: String, file: ScenarioFile, key: String) throws(MarketSyncError) -> (FileDropFolder, String) {
        let parts = place.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let folder = FileDropFolder(rawValue: parts[0]), !parts[1].isEmpty, !parts[1].contains("/"),
              parts[1] != ".", parts[1] != ".." else {
            throw file.error("\"\(place)\" must be FOLDER/NAME with FOLDER inbox, outbox, archive or quarantine", key: key)
        }
        return (folder, parts[1])
    }

    /// Copies the step's partner files into the drops, each dated `now` (the scenario clock), never over a file
    /// already there.
    func seed(_ seeds: [ScenarioSpec.PartnerFile], step index: Int, file: ScenarioFile, now: Date) throws {
        for (number, seed) in seeds.enumerated() {
            let key = "steps[\(index)].partner_files[\(number)]"
            let (source, target) = try resolve(seed, file: file, key: key)
            let folder = (target as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            guard !FileManager.default.fileExists(atPath: target) else {
                throw file.error("the drop already holds \((target as NSString).lastPathComponent) in \(folder.split(separator: "/").last ?? "")",
                                 key: key)
            }
            try FileManager.default.copyItem(atPath: source, toPath: target)
            try FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: target)
        }
    }

    /// Puts a plain file where each channel's archive folder is (the folder itself set aside), so a move into it
    /// fails the way a full disk or a withdrawn permission would. Returns what `unblock` puts back.
    func blockArchives(_ names: [String]) throws -> [BlockedArchive] {
        var blocked: [BlockedArchive] = []
        for name in names {
            guard let drop = channels[ChannelID(name)] else { continue }
            let path = drop.path(of: .archive)
            var aside: String?
            if FileManager.default.fileExists(atPath: path) {
                aside = path + ".set-aside-by-scenario"
                try FileManager.default.moveItem(atPath: path, toPath: path + ".set-aside-by-scenario")
            }
            let parent = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try Data("archive blocked by the scenario step\n".utf8).write(to: URL(fileURLWithPath: path))
            blocked.append(BlockedArchive(path: path, aside: aside))
        }
        return blocked
    }

    /// Puts back what `blockArchives` set aside.
    func unblock(_ blocked: [BlockedArchive]) throws {
        for archive in blocked {
            try FileManager.default.removeItem(atPath: archive.path)
            if let aside = archive.aside { try FileManager.default.moveItem(atPath: aside, toPath: archive.path) }
        }
    }

    /// An archive folder replaced by a plain file for one step.
    struct BlockedArchive: Sendable {
        /// Where the folder was (the plain file is there now).
        var path: String
        /// Where the folder waits, when there was one.
        var aside: String?
    }

    /// The names in one folder of a channel's drop, sorted (dot files included: a temporary file left behind is
    /// something to see); empty when the folder does not exist.
    func names(in folder: FileDropFolder, of channel: ChannelID) -> [String] {
        guard let drop = channels[channel] else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: drop.path(of: folder))) ?? []).sorted()
    }

    /// The path of `name` in one folder of a channel's drop.
    func path(of name: String, in folder: FileDropFolder, of channel: ChannelID) -> String? {
        channels[channel].map { "\($0.path(of: folder))/\(name)" }
    }

    /// The seed's source inside the scenario folder and its target in the drop; throws naming `key`.
    private func resolve(_ seed: ScenarioSpec.PartnerFile, file: ScenarioFile, key: String) throws(MarketSyncError) -> (String, String) {
        guard let drop = channels[ChannelID(seed.channel)] else {
            throw file.error("\"\(seed.channel)\" is not a file channel of the config", key: "\(key).channel")
        }
        guard let folder = FileDropFolder(rawValue: seed.folder ?? "outbox") else {
            throw file.error("\"\(seed.folder ?? "")\" must be outbox, inbox, archive or quarantine", key: "\(key).folder")
        }
        let source = try file.resolve(seed.file, key: "\(key).file")
        guard FileManager.default.fileExists(atPath: source) else { throw file.error("\"\(seed.file)\" does not exist", key: "\(key).file") }
        let name = seed.name ?? (seed.file as NSString).lastPathComponent
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), name.unicodeScalars.allSatisfy({ $0.value >= 0x20 }) else {
            throw file.error("\"\(name)\" must be a plain file name", key: "\(key).\(seed.name == nil ? "file" : "as")")
        }
        return (source, "\(drop.path(of: folder))/\(name)")
    }
}
