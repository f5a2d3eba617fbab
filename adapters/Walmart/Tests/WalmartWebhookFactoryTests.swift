import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncTesting
import Testing
import Walmart

/// `options.webhook.url` and `options.webhook.auth`, and the basic credentials allowed only with `basic`
/// (docs/configuration.md and docs/operations.md, "Walmart webhooks").
@Suite struct WalmartWebhookFactoryTests {
    /// The Walmart channel of a config with these option and credential lines.
    func channel(options: String, credentials: String = "") throws -> ChannelSettings {
        try WalmartChannelConfig.channel(options: options, credentials: credentials)
    }

    func webhook(_ settings: ChannelSettings) throws -> (any ChannelWebhook)? {
        try WalmartFactory().makeWebhook(settings, transport: UnusedWebhookTransport(), clock: ManualClock(now: Fake.start),
                                         logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// The config error building the channel throws (adapter and webhook both check), or nil.
    func problem(_ settings: ChannelSettings) -> MarketSyncError? {
        let factory = WalmartFactory()
        if let first = factory.problems(settings, file: "marketsync.yaml").first { return first }
        do {
            _ = try factory.makeAdapter(settings, transport: UnusedWebhookTransport(), clock: ManualClock(now: Fake.start),
                                        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            _ = try webhook(settings)
            return nil
        } catch {
            return error as? MarketSyncError
        }
    }

    @Test func noURLNoWebhook() throws {
        #expect(try webhook(try channel(options: "page_size: 50")) == nil)
    }

    @Test func aURLTurnsOnHMACByDefault() throws {
        let settings = try channel(options: "webhook:\n  url: https://sync.example.com/webhooks/walmart")
        #expect(problem(settings) == nil)
        let hook = try #require(try webhook(settings) as? WalmartWebhook)
        #expect(hook.webhook.authentication == .hmac)
        #expect(hook.webhook.url.absoluteString == "https://sync.example.com/webhooks/walmart")
    }

    @Test func basicTakesItsCredentialsFromTheEnvironmentAndNeverPrintsThePassword() throws {
        let settings = try channel(options: "webhook:\n  url: https://sync.example.com/webhooks/walmart\n  auth: basic",
                                   credentials: "webhook_user: HOOK_USER\nwebhook_password: HOOK_PASSWORD")
        #expect(problem(settings) == nil)
        let hook = try #require(try webhook(settings) as? WalmartWebhook)
        #expect(hook.webhook.authentication == .basic(user: "hook", password: "hook-password-value"))
        var dumped = ""
        dump(hook.webhook, to: &dumped)
        #expect(!dumped.contains("hook-password-value") && !"\(hook.webhook)".contains("hook-password-value"))
    }

    @Test(arguments: [
        ("webhook:\n  url: https://sync.example.com/webhooks/walmart\n  auth: oauth", "", "channels.walmart.options.webhook.auth"),
        ("webhook:\n  url: https://sync.example.com/hooks", "", "channels.walmart.options.webhook.url"),
        ("webhook:\n  url: not a url", "", "channels.walmart.options.webhook.url"),
        ("webhook:\n  auth: basic", "webhook_user: HOOK_USER\nwebhook_password: HOOK_PASSWORD", "channels.walmart.options.webhook.url"),
        ("webhook:\n  url: https://sync.example.com/webhooks/walmart", "webhook_user: HOOK_USER", "channels.walmart.credentials.webhook_user"),
        ("webhook:\n  url: https://sync.example.com/webhooks/walmart\n  auth: basic", "webhook_user: HOOK_USER",
         "channels.walmart.credentials.webhook_password"),
    ])
    func aBadWebhookSettingIsAConfigErrorNamingTheKey(options: String, credentials: String, key: String) throws {
        let error = try #require(problem(try channel(options: options, credentials: credentials)))
        #expect(error.code == .config)
        #expect(error.key == key, "\(error)")
        #expect(!error.description.contains("hook-password-value"))
    }
}
