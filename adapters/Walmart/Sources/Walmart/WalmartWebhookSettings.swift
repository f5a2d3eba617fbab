public import Foundation

/// How Walmart delivers webhooks to the worker (docs/channels.md, "Notifications (webhooks)"): the public URL Walmart
/// calls (ending in `/webhooks/<channel id>`, TLS ended in front of the worker) and how each delivery is
/// authenticated.
///
/// Never prints the basic password: `description` and reflection show it redacted.
public struct WalmartWebhookSettings: Sendable, CustomStringConvertible, CustomReflectable {
    /// How a delivery proves it comes from Walmart.
    public enum Authentication: Sendable, Hashable {
        /// `WM_SEC.SIGNATURE`, an HMAC-SHA256 keyed by the seller's client secret (``WalmartWebhookSignature``).
        case hmac
        /// `Authorization: Basic` with this user and password (Walmart's `BASIC_AUTH`).
        case basic(user: String, password: String)

        /// Walmart's `authMethod`: `HMAC` or `BASIC_AUTH`.
        public var authMethod: String {
            switch self {
            case .hmac: "HMAC"
            case .basic: "BASIC_AUTH"
            }
        }
    }

    /// The URL Walmart posts to (`eventUrl` of the subscriptions).
    public var url: URL
    /// How deliveries are authenticated.
    public var authentication: Authentication

    /// Settings as given.
    public init(url: URL, authentication: Authentication) {
        self.url = url
        self.authentication = authentication
    }

    /// The settings with the password redacted.
    public var description: String {
        "WalmartWebhookSettings(url: \(url.absoluteString), auth: \(authentication.authMethod))"
    }

    /// Reflection shows the same redacted fields, so `dump(settings)` cannot leak the password.
    public var customMirror: Mirror {
        Mirror(self, children: ["url": url.absoluteString, "auth": authentication.authMethod], displayStyle: .struct)
    }
}
