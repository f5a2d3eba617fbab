internal import Foundation
internal import Mirakl

/// One OF24 import in the sandbox: taken at once, applied later. It walks `WAITING` → `RUNNING` → `COMPLETE` (or
/// `FAILED`) as the sandbox's clock passes its timings, and is applied when it completes, after every earlier import
/// (docs/channels.md, "What a local sandbox must imitate").
struct MiraklSandboxImport: Sendable, Hashable, Codable {
    var importID: Int64
    /// When it was taken (Unix seconds of the sandbox's clock).
    var createdAt: Int64
    /// When it stops waiting and starts running.
    var runsAt: Int64
    /// When it completes (or fails) and is applied, at the earliest.
    var completesAt: Int64
    /// The lines as sent.
    var lines: [MiraklSandboxOfferLine]
    /// SKUs whose line fails, with the message the error report gives (an armed fault).
    var failing: [String: String]
    /// Fails the whole import with this `reason_status` (an armed fault).
    var failReason: String?
    /// Set once applied: the outcome.
    var outcome: Outcome?

    /// What applying the import gave.
    struct Outcome: Sendable, Hashable, Codable {
        var failed: Bool
        var inserted: Int
        var updated: Int
        var deleted: Int
        /// The failed lines: the line as sent and the reason.
        var errors: [ErrorLine]
    }

    /// A failed line of the error report.
    struct ErrorLine: Sendable, Hashable, Codable {
        var line: Int
        var sku: String
        var price: String?
        var quantity: Int64?
        var message: String
    }

    enum CodingKeys: String, CodingKey {
        case importID = "import_id", createdAt = "created_at", runsAt = "runs_at", completesAt = "completes_at", lines, failing
        case failReason = "fail_reason", outcome
    }

    /// OF02's `status` at `now`.
    func status(at now: Int64) -> String {
        if let outcome { return outcome.failed ? "FAILED" : "COMPLETE" }
        return now < runsAt ? "WAITING" : "RUNNING"
    }

    /// The OF02 answer at `now`.
    func of02(at now: Int64) -> [String: Any] {
        var object: [String: Any] = [
            "import_id": importID, "date_created": MiraklSandboxTime.string(createdAt), "status": status(at: now), "mode": "NORMAL",
            "origin": "API", "lines_read": outcome == nil ? 0 : lines.count,
        ]
        if let outcome {
            let errors = outcome.failed ? lines.count : outcome.errors.count
            object["lines_in_success"] = outcome.failed ? 0 : lines.count - errors
            object["lines_in_error"] = errors
            object["lines_in_pending"] = 0
            object["offer_inserted"] = outcome.inserted
            object["offer_updated"] = outcome.updated
            object["offer_deleted"] = outcome.deleted
            object["has_error_report"] = !outcome.failed && !outcome.errors.isEmpty
            if outcome.failed { object["reason_status"] = failReason ?? "import failed" }
        } else {
            object["lines_in_success"] = 0
            object["lines_in_error"] = 0
            object["lines_in_pending"] = lines.count
            object["has_error_report"] = false
        }
        return object
    }

    /// The OF03 report: a semicolon CSV of the failed lines, OF01's column names plus `error-line` and `error-message`.
    var errorReport: String? {
        guard let outcome, !outcome.failed, !outcome.errors.isEmpty else { return nil }
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var text = "\"sku\";\"price\";\"quantity\";\"error-line\";\"error-message\"\n"
        for error in outcome.errors {
            text += [quoted(error.sku), quoted(error.price ?? ""), quoted(error.quantity.map(String.init) ?? ""),
                     quoted(String(error.line)), quoted(error.message)].joined(separator: ";") + "\n"
        }
        return text
    }
}

/// The sandbox's dates, as Mirakl writes them (ISO 8601, UTC).
enum MiraklSandboxTime {
    static func string(_ unixSeconds: Int64) -> String {
        MiraklTime.string(Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
    }
}
