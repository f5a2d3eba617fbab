internal import Foundation

extension URL {
    /// The URL without user, password, query or fragment: safe for errors and logs (queries can hold tokens).
    var redactedForLogs: String {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return "<unparseable URL>" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "<unparseable URL>"
    }
}
