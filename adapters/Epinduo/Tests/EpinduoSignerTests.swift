@testable import Epinduo
import Foundation
import MarketSync
import Testing

@Suite("Epinduo signature")
struct EpinduoSignerTests {
    // Vectors computed independently with python3:
    //   s = secret + "".join(k + p[k] for k in sorted(p)) + secret
    //   hashlib.md5(s.encode()).hexdigest().upper()
    static let stockParameters = [
        "type": "pdd.goods.quantity.update", "client_id": "client-demo", "access_token": "token-demo",
        "timestamp": "1700000000", "data_type": "JSON", "goods_id": "100200300", "sku_id": "4005006",
        "outer_id": "YG-HALVA-250", "quantity": "42", "update_type": "1",
    ]
    static let stockSign = "78EDA2FB05CD40DDE9E7C171BE8B36CA"
    // json.dumps([{...}], separators=(",", ":"), sort_keys=True)
    static let priceList = #"[{"group_price":12990,"is_onsale":1,"single_price":12990,"sku_id":4005006}]"#
    static let priceSign = "81D9D47EE997F6D9F1BD78F08916ECB5"

    @Test func knownVector() {
        #expect(EpinduoSigner(secret: Fake.secret).sign(Self.stockParameters) == Self.stockSign)
    }

    @Test func signIsLeftOutAndKeysSortByASCIIBytes() {
        var parameters = Self.stockParameters
        parameters["sign"] = "ANYTHING"
        #expect(EpinduoSigner(secret: Fake.secret).sign(parameters) == Self.stockSign)
        // Uppercase keys sort before lowercase ones; values are UTF-8 (python vector).
        #expect(EpinduoSigner(secret: Fake.secret).sign(["b": "雪松", "a": "1", "A": "x"]) == "B012DD82806213DBEA262F0C2859B89F")
    }

    @Test func adapterSignsWhatItSends() async throws {
        let fixture = EpinduoFixture()
        _ = try await fixture.adapter.completedStock([StockUpdate(sku: "YG-HALVA-250", listing: "100200300:4005006", quantity: 42)])
        let request = try #require(fixture.log.last)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "http://127.0.0.1:8931/api/router")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        var expected = Self.stockParameters
        expected["sign"] = Self.stockSign
        #expect(request.form == expected)
    }

    @Test func priceListIsCompactSortedJSONBeforeSigning() async throws {
        let fixture = EpinduoFixture()
        let results = try await fixture.adapter.completedPrices([
            PriceUpdate(sku: "YG-HALVA-250", listing: "100200300:4005006", price: Money(minorUnits: 12990, currency: .cny)),
        ])
        #expect(results.allSatisfy { $0.error == nil })
        let form = try #require(fixture.log.last).form
        #expect(form["sku_price_list"] == Self.priceList)
        #expect(form["sync_goods_operate"] == "1")
        #expect(form["sign"] == Self.priceSign)
    }

    @Test func signatureCheckAcceptsGoodAndRejectsTampered() async throws {
        let fixture = EpinduoFixture()
        _ = try await fixture.adapter.completedStock([StockUpdate(sku: "YG-HALVA-250", listing: "100200300:4005006", quantity: 42)])
        let request = try #require(fixture.log.last)
        let check = EpinduoSignatureCheck()
        #expect(check.isSignatureValid(request, secret: Fake.secret))
        #expect(!check.isSignatureValid(request, secret: "another-secret"))
        var tampered = request
        var form = request.form
        form["quantity"] = "4200"
        tampered.body = EpinduoForm.encode(form)
        #expect(!check.isSignatureValid(tampered, secret: Fake.secret))
        let rules = EpinduoAdapter.cassetteRules(signingCheck: true)
        #expect(rules.secretParameters == ["access_token", "client_secret", "sign"])
        #expect(rules.volatileParameters == ["timestamp", "sign"])
        #expect(rules.signature != nil)
        #expect(EpinduoAdapter.cassetteRules(signingCheck: false).signature == nil)
    }

    @Test func secretsStayOutOfDescriptions() throws {
        let settings = EpinduoSettings(baseURL: try #require(URL(string: "http://127.0.0.1:1/api/router")), clientID: "cid",
                                       clientSecret: "s3cr3t-value", accessToken: "t0ken-value")
        var dumped = ""
        dump(settings, to: &dumped)
        for text in [settings.description, String(describing: settings), dumped, EpinduoSigner(secret: "s3cr3t-value").description] {
            #expect(!text.contains("s3cr3t-value"))
            #expect(!text.contains("t0ken-value"))
        }
        #expect(EpinduoSettings(baseURL: settings.baseURL, clientID: "c", clientSecret: "s", accessToken: "t", pageSize: 500).pageSize == 100)
    }

    @Test func formRoundTripsAnyText() {
        let fields = ["sku_price_list": #"[{"sku_id":1}]"#, "name": "雪松 nut & jam=1+1%", "empty": ""]
        let body = EpinduoForm.encode(fields)
        #expect(String(decoding: body, as: UTF8.self).hasPrefix("empty=&name=%E9%9B%AA"))
        #expect(EpinduoForm.decode(body) == fields)
        #expect(EpinduoForm.decode(Data("a=1+2&b=%41".utf8)) == ["a": "1 2", "b": "A"])
        #expect(EpinduoForm.decode(Data("a=%4".utf8)) == nil)
        #expect(EpinduoForm.decode(Data("a=%FF".utf8)) == nil)
    }
}
