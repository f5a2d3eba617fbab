internal import Foundation
internal import MarketSync
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Compares a step's file drops with what the scenario expects (`expect.files`): what each folder holds, by name or
/// glob with counts, and golden files byte for byte, naming the first segment or line that differs. With
/// `updateGolden` a golden file that differs (or is missing) is written from the drop instead: a person runs that
/// on purpose (`marketsync replay --update-golden`) and reviews the diff.
struct ScenarioFileCheck {
    let step: ScenarioSpec.Step
    let index: Int
    let file: ScenarioFile
    let drops: ScenarioDrops
    let updateGolden: Bool

    /// What failed (`step NAME: …`) and the golden files written.
    func check() -> (problems: [String], written: [String]) {
        var problems: [String] = [], written: [String] = []
        func fail(_ text: String) { problems.append("step \(step.name): \(text)") }
        for (channel, wanted) in (step.expect.files ?? [:]).sorted(by: { $0.key < $1.key }) {
            let id = ChannelID(channel)
            guard drops.channels[id] != nil else {
                fail("files: \(channel) is not a file channel of the config")
                continue
            }
            let folders: [(FileDropFolder, ScenarioSpec.FilePatterns?)] = [
                (.inbox, wanted.inbox), (.outbox, wanted.outbox), (.archive, wanted.archive), (.quarantine, wanted.quarantine),
            ]
            for case let (folder, patterns?) in folders {
                Self.compare(patterns, drops.names(in: folder, of: id)).forEach { fail("\(channel) \(folder): \($0)") }
            }
            for (place, golden) in (wanted.golden ?? [:]).sorted(by: { $0.key < $1.key }) {
                do {
                    if let (note, wrote) = try compareGolden(place, golden, channel: id) {
                        if wrote { written.append(note) } else { fail(note) }
                    }
                } catch let error as MarketSyncError {
                    fail(error.description)
                } catch {
                    fail("\(channel) \(place): \(error)")
                }
            }
        }
        return (problems, written)
    }

    /// What `patterns` say that `names` do not bear out: a pattern matching another count of files, a file no
    /// pattern matches. Each file counts for the first pattern it matches.
    static func compare(_ patterns: ScenarioSpec.FilePatterns, _ names: [String]) -> [String] {
        var problems: [String] = []
        var unmatched = names
        for wanted in patterns.counts {
            let matching = unmatched.filter { matches(wanted.pattern, $0) }
            unmatched.removeAll { matches(wanted.pattern, $0) }
            if matching.count != wanted.count {
                problems.append("\(matching.count) files match \"\(wanted.pattern)\", expected \(wanted.count)"
                                + (matching.isEmpty ? "" : " (\(matching.joined(separator: ", ")))"))
            }
        }
        if !unmatched.isEmpty { problems.append("unexpected \(unmatched.joined(separator: ", ")) (holds: \(names.joined(separator: ", ")))") }
        return problems
    }

    /// Whether `name` matches the shell glob `pattern` (`*`, `?`, `[…]`; a leading dot matched only by a dot).
    static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, FNM_PERIOD) == 0
    }

    /// Nil when the drop's file equals the golden one; else the difference, or (`wrote`) what was written.
    private func compareGolden(_ place: String, _ golden: String, channel: ChannelID) throws -> (String, wrote: Bool)? {
        let key = "steps[\(index)].expect.files.\(channel).golden"
        let (folder, name) = try ScenarioDrops.place(place, file: file, key: key)
        let goldenPath = try file.resolve(golden, key: "\(key).\(place)")
        let label = "\(channel) \(place)"
        guard let path = drops.path(of: name, in: folder, of: channel), let actual = FileManager.default.contents(atPath: path) else {
            return ("\(label): no such file in the drop (\(folder) holds: \(drops.names(in: folder, of: channel).joined(separator: ", ")))", false)
        }
        let expected = FileManager.default.contents(atPath: goldenPath)
        if let expected, expected == actual { return nil }
        if updateGolden {
            let url = URL(fileURLWithPath: goldenPath)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
            return ("wrote \(golden) from \(label)", true)
        }
        guard let expected else {
            return ("\(label): golden file \(golden) is missing (make it with marketsync replay --update-golden, then review it)", false)
        }
        return ("\(label) differs from \(golden): \(GoldenDiff.difference(expected: expected, actual: actual) ?? "")", false)
    }
}
