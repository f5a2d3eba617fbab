import Testing
import MarketSync

/// Secrets never show: not in a description, not in `dump`.
@Suite struct CredentialsMirrorTests {
    @Test func dumpShowsNamesNotValues() {
        let credentials = Credentials(values: ["client_secret": "s3cr3t-value-xyz"], sources: ["client_secret": "SHOP_SECRET"])
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(!dumped.contains("s3cr3t-value-xyz"))
        #expect(dumped.contains("client_secret") && dumped.contains("SHOP_SECRET"))
        #expect(!"\(credentials)".contains("s3cr3t-value-xyz"))
    }
}
