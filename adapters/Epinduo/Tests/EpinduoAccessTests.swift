import Epinduo
import EpinduoSandbox
import Foundation
import MarketSync
import Testing

@Suite("Epinduo access check")
struct EpinduoAccessTests {
    @Test func theRightCredentialsPassWithOneSignedReadOnlyCall() async throws {
        let fixture = EpinduoFixture()
        try await fixture.adapter.verifyAccess()
        #expect(fixture.log.all.count == 1)
        let request = try #require(fixture.log.last)
        let form = try #require(EpinduoForm.decode(request.body))
        #expect(form["type"] == "pdd.mall.info.get")
        #expect(form["sign"] != nil)
        let state = await fixture.admin("GET", "/_sandbox/state")
        let text = String(decoding: state.body, as: UTF8.self)
        #expect(!text.contains("\"quantity\""), "the access check must change nothing: \(text)")
    }

    @Test func aWrongSecretIsUnauthorized() async throws {
        let fixture = EpinduoFixture(adapterSecret: "not-the-secret")
        do {
            try await fixture.adapter.verifyAccess()
            Issue.record("a wrong secret must be rejected")
        } catch let error as MarketSyncError {
            #expect(error.code == .unauthorized)
            #expect(error.channel == "epinduo")
        }
    }
}
