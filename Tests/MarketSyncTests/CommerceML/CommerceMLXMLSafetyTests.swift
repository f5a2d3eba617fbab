import Foundation
import MarketSync
import MarketSyncStore
import Testing

/// What a CommerceML file must never get through: a DTD, entity declarations, external references, entity
/// references, XML that is not well-formed. Each is refused with the file and line, and nothing is applied.
@Suite struct CommerceMLXMLSafetyTests {
    typealias F = CommerceMLFixture

    /// The package with `import.xml` replaced by `text`, imported into a fresh store: the error, and whether the
    /// store holds any product afterwards.
    func refusal(importXML text: String) async throws -> (MarketSyncError?, Int, CommerceMLFixture) {
        let package = try CommerceMLFixture(files: ["import.xml": text, "offers.xml": F.offersXML(F.offers)])
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let source = CommerceMLSource(settings: package.settings())
        let error = await #expect(throws: MarketSyncError.self) {
            _ = try await temp.store.applyImport(source: source.name, at: Date(timeIntervalSince1970: 1_790_000_000)) { sink in
                try source.apply(to: sink, overlay: LotsOverlay())
            }
        }
        return (error, try await temp.store.productCount(), package)
    }

    static let prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    @Test func aDocumentTypeDeclarationIsRefusedWithItsLine() async throws {
        let body = F.importXML(F.items).replacingOccurrences(of: Self.prolog, with: "")
        let text = Self.prolog + "<!-- выгрузка 1С -->\n<!DOCTYPE КоммерческаяИнформация>\n" + body
        let (error, products, package) = try await refusal(importXML: text)
        defer { package.remove() }
        #expect(error?.code == .source)
        #expect(error?.file == package.path("import.xml"))
        #expect(error?.line == 3)
        #expect(error?.message.contains("document type declaration (<!DOCTYPE) is refused") == true, "\(error?.description ?? "")")
        #expect(products == 0)
    }

    @Test func anExternalEntityIsRefusedWithItsLine() async throws {
        let body = F.importXML(F.items).replacingOccurrences(of: Self.prolog, with: "")
            .replacingOccurrences(of: "<Описание>Продукт Югры</Описание>", with: "<Описание>&xxe;</Описание>")
        let text = Self.prolog + "<!DOCTYPE КоммерческаяИнформация [\n  <!ELEMENT Описание ANY>\n  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n" + body
        let (error, products, package) = try await refusal(importXML: text)
        defer { package.remove() }
        #expect(error?.line == 4)
        #expect(error?.message.contains("external entity") == true, "\(error?.description ?? "")")
        #expect(products == 0)
    }

    @Test func anInternalEntityDeclarationIsRefused() async throws {
        let body = F.importXML(F.items).replacingOccurrences(of: Self.prolog, with: "")
        let text = Self.prolog + "<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">\n]>\n" + body
        let (error, _, package) = try await refusal(importXML: text)
        defer { package.remove() }
        #expect(error?.line == 3)
        #expect(error?.message.contains("entity declaration (<!ENTITY) is refused") == true, "\(error?.description ?? "")")
    }

    @Test func anEntityReferenceWithoutADeclarationIsRefusedWithItsLine() async throws {
        let text = F.importXML(F.items).replacingOccurrences(of: "<Описание>Продукт Югры</Описание>", with: "<Описание>&xxe;</Описание>")
        let (error, products, package) = try await refusal(importXML: text)
        defer { package.remove() }
        #expect(error?.line == (try package.line(of: "&xxe;", in: "import.xml")))
        #expect(error?.message.contains("entity reference is refused") == true, "\(error?.description ?? "")")
        #expect(products == 0)
    }

    @Test func aFileThatIsNotWellFormedIsRefusedWholeWithItsLine() async throws {
        // Foundation runs libxml2 in recovery mode; the first error still stops the read.
        let text = F.importXML(F.items).replacingOccurrences(of: "<Страна>РОССИЯ</Страна>", with: "<Страна>РОССИЯ</Стрна>")
        let (error, products, package) = try await refusal(importXML: text)
        defer { package.remove() }
        #expect(error?.line == (try package.line(of: "</Стрна>", in: "import.xml")))
        #expect(error?.message == "not well-formed XML: an end tag does not match its start tag", "\(error?.description ?? "")")
        #expect(products == 0)
    }

    @Test func anOffersFileWithADoctypeIsRefusedAfterTheCatalogueWasReadAndNothingIsApplied() async throws {
        let package = try CommerceMLFixture(files: [
            "import.xml": F.importXML(F.items),
            "offers.xml": F.offersXML(F.offers).replacingOccurrences(of: Self.prolog, with: Self.prolog + "<!DOCTYPE x SYSTEM \"http://example.invalid/x.dtd\">\n"),
        ])
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let source = CommerceMLSource(settings: package.settings())
        let error = await #expect(throws: MarketSyncError.self) {
            _ = try await temp.store.applyImport(source: source.name, at: Date(timeIntervalSince1970: 1_790_000_000)) { sink in
                try source.apply(to: sink, overlay: LotsOverlay())
            }
        }
        #expect(error?.file == package.path("offers.xml"))
        #expect(error?.line == 2)
        #expect(error?.message.contains("with an external reference") == true, "\(error?.description ?? "")")
        #expect(try await temp.store.productCount() == 0)
    }

    @Test func anOffersFileCutShortIsRefusedAndNothingIsApplied() async throws {
        // 1C still writing the file, or a copy broken off: the products read before the cut are not applied either.
        let lines = F.offersXML(F.offers).split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.prefix(lines.count * 2 / 3).joined(separator: "\n") + "\n"
        let package = try CommerceMLFixture(files: ["import.xml": F.importXML(F.items), "offers.xml": cut])
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let source = CommerceMLSource(settings: package.settings())
        let error = await #expect(throws: MarketSyncError.self) {
            _ = try await temp.store.applyImport(source: source.name, at: Date(timeIntervalSince1970: 1_790_000_000)) { sink in
                try source.apply(to: sink, overlay: LotsOverlay())
            }
        }
        #expect(error?.file == package.path("offers.xml"))
        #expect(error?.message.contains("cut short") == true, "\(error?.description ?? "")")
        #expect(try await temp.store.productCount() == 0)
    }

    @Test func aFileThatIsNotCommerceMLIsRefused() async throws {
        let (error, _, package) = try await refusal(importXML: Self.prolog + "<yml_catalog><shop/></yml_catalog>\n")
        defer { package.remove() }
        #expect(error?.message.contains("not a CommerceML file: the root element is <yml_catalog>") == true)
        #expect(error?.line == 2)
    }
}
