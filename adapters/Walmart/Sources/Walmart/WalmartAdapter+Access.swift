internal import Foundation
public import MarketSync

extension WalmartAdapter {
    /// Takes a token with the client credentials (`tokenAPI`) and reads its details (`getTokenDetail`:
    /// `GET /v3/token/detail`), which changes nothing on the channel. Wrong credentials throw `.unauthorized`; so does
    /// a token Walmart says is not valid, or one whose scopes give `no_access` to inventory, prices or orders (every
    /// sync would fail on them).
    public func verifyAccess() async throws {
        let answer = try await client.call(WalmartRequest("getTokenDetail", "GET", path: ["v3", "token", "detail"], key: "credentials"))
        guard let valid = answer.object["is_valid"] as? Bool else {
            throw answer.violation("no is_valid in the token details", field: "is_valid")
        }
        guard valid else {
            throw MarketSyncError(.unauthorized, "\(channel) getTokenDetail: Walmart says the token is not valid", channel: channel,
                                  key: "credentials")
        }
        let scopes = answer.object["scopes"] as? [String: Any] ?? [:]
        for scope in ["inventory", "price", "orders"] where WalmartJSON.string(scopes[scope]) == "no_access" {
            throw MarketSyncError(.unauthorized, "\(channel) getTokenDetail: these credentials have no access to \(scope)",
                                  channel: channel, key: "scopes.\(scope)")
        }
    }

    /// How Walmart traffic is recorded and replayed: the Basic credentials and the token never reach a cassette
    /// (`Authorization`, `WM_SEC.ACCESS_TOKEN`, `access_token` in the token answer, and the webhook password in a
    /// subscription's `authDetails` are redacted); the correlation id, new on every request, is matched by presence.
    public static var cassetteRules: CassetteRules {
        CassetteRules(secretHeaders: ["authorization", "wm_sec.access_token"],
                      secretParameters: ["access_token", "client_secret", "password"],
                      volatileHeaders: ["wm_qos.correlation_id"])
    }
}
