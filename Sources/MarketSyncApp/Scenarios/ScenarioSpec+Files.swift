internal import Foundation

extension ScenarioSpec {
    /// A file a partner leaves in its drop before a step runs: copied from the scenario folder into the channel's
    /// per-run drop, its modification time the scenario clock's (so the inbox reads files in a fixed order).
    struct PartnerFile: Decodable, Sendable {
        /// The file channel whose drop gets the file.
        var channel: String
        /// The drop folder it lands in: `outbox` (the default: the partner's files for us), `inbox`, `archive` or
        /// `quarantine`.
        var folder: String?
        /// The file, relative to the scenario folder.
        var file: String
        /// The name it takes in the drop (default: the file's own name). Two names for the same bytes make a
        /// duplicate delivery.
        var name: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case channel, folder, file
            case name = "as"
        }
    }

    /// What one file channel's drop must hold after a step. Each folder given is compared whole: every file in it
    /// must match one of its patterns, and each pattern must match its count of files (`[]` means empty).
    struct FileExpectation: Decodable, Sendable {
        /// Files we delivered for the partner.
        var inbox: FilePatterns?
        /// The partner's files not read yet.
        var outbox: FilePatterns?
        /// The partner's files whose orders are stored (`yyyyMMddTHHmmssZ_NAME`).
        var archive: FilePatterns?
        /// The partner's files that could not be read, each with its `.reason.txt`.
        var quarantine: FilePatterns?
        /// `FOLDER/NAME` in the drop → a golden file in the scenario folder, compared byte for byte.
        var golden: [String: String]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case inbox, outbox, archive, quarantine, golden
        }
    }

    /// The files one drop folder must hold: a list of names or shell globs each matching exactly one file
    /// (`[INVRPT_000000001.edi, "PRICAT_*.edi"]`), or a mapping of names or globs to how many files each matches
    /// (`{"*.reason.txt": 1, "*_orders-3.edi": 1}`).
    struct FilePatterns: Decodable, Sendable {
        /// A name or glob and the number of files it must match.
        struct Count: Sendable {
            var pattern: String
            var count: Int
        }
        /// Each pattern with its count: a list's in the order written, a mapping's sorted.
        var counts: [Count]

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([String].self) {
                counts = list.map { Count(pattern: $0, count: 1) }
            } else {
                counts = try container.decode([String: Int].self).sorted { $0.key < $1.key }.map { Count(pattern: $0.key, count: $0.value) }
            }
        }
    }
}
