internal import Foundation
internal import MarketSync

/// `CatalogStore`: an import upserts and counts, keeps SKUs it does not name, reads back lots and listings, and
/// applies nothing when a streamed source throws; a preview writes nothing.
enum CatalogChecks {
    typealias D = ConformanceData

    static let all: [StoreConformanceCheck] = [
        StoreConformanceCheck(role: .catalog, name: "an import upserts and counts") { underTest in
            let store = try role(underTest.store, (any CatalogStore).self)
            var p = ConformanceProblems()
            let first = try await store.applyImport([D.product("SKU-A"), D.product("SKU-B", lots: [3, 4])], source: "a.csv", at: D.at(0))
            p.expectEqual(first, ImportCounts(inserted: 2), "first import")
            let second = try await store.applyImport([D.product("SKU-A"), D.product("SKU-B", price: 12_000, lots: [3, 4]), D.product("SKU-C")],
                                                     source: "b.csv", at: D.at(10))
            p.expectEqual(second, ImportCounts(inserted: 1, updated: 1, unchanged: 1), "second import")
            p.expectEqual(try await store.productCount(), 3, "product count")
            let b = try await store.product("SKU-B")
            p.expectEqual(b?.basePrice, D.rub(12_000), "SKU-B's price")
            p.expectEqual(b?.lots, D.product("SKU-B", lots: [3, 4]).lots, "SKU-B's lots")
            p.expectEqual(b?.listings, D.product("SKU-B").listings, "SKU-B's listings")
            p.expectEqual(b?.gtin, D.product("SKU-B").gtin, "SKU-B's GTIN")
            p.expectEqual(b?.names, D.product("SKU-B").names, "SKU-B's names")
            // An import that does not name SKU-A leaves it as it was.
            _ = try await store.applyImport([D.product("SKU-C", lots: [9])], source: "c.csv", at: D.at(20))
            p.expectEqual(try await store.product("SKU-A"), D.product("SKU-A"), "SKU-A after an import without it")
            p.expect(try await store.product("NOPE") == nil, "an unknown SKU is found")
            return p.list
        },
        StoreConformanceCheck(role: .catalog, name: "lots and listings are replaced, not merged") { underTest in
            let store = try role(underTest.store, (any CatalogStore).self)
            var p = ConformanceProblems()
            _ = try await store.applyImport([D.product("SKU-A", lots: [1, 2, 3])], source: "a.csv", at: D.at(0))
            let replaced = D.product("SKU-A", lots: [7], listings: [D.other: "w-new"])
            _ = try await store.applyImport([replaced], source: "b.csv", at: D.at(1))
            p.expectEqual(try await store.product("SKU-A"), replaced, "SKU-A after the second import")
            return p.list
        },
        StoreConformanceCheck(role: .catalog, name: "a streamed import that throws applies nothing") { underTest in
            let store = try role(underTest.store, (any CatalogStore).self)
            var p = ConformanceProblems()
            _ = try await store.applyImport([D.product("SKU-A")], source: "a.csv", at: D.at(0))
            do {
                _ = try await store.applyImport(source: "stream", at: D.at(5)) { sink in
                    try sink.upsert([D.product("SKU-A", price: 1), D.product("SKU-N")])
                    throw MarketSyncError(.source, "the source broke half-way")
                }
                p.fail("the import did not throw")
            } catch let error as MarketSyncError where error.code == .source {
                // Expected: the body's error comes back.
            }
            p.expectEqual(try await store.productCount(), 1, "products after a failed streamed import")
            p.expectEqual(try await store.product("SKU-A")?.basePrice, D.rub(10_000), "SKU-A's price after a failed streamed import")
            let (counts, value) = try await store.applyImport(source: "stream", at: D.at(6)) { sink in
                try sink.upsert([D.product("SKU-A", price: 2)])
                try sink.upsert([D.product("SKU-N")])
                return 42
            }
            p.expectEqual(counts, ImportCounts(inserted: 1, updated: 1), "a streamed import's counts")
            p.expectEqual(value, 42, "what the body returned")
            return p.list
        },
        StoreConformanceCheck(role: .catalog, name: "a preview writes nothing") { underTest in
            let store = try role(underTest.store, (any CatalogStore).self)
            var p = ConformanceProblems()
            _ = try await store.applyImport([D.product("SKU-A")], source: "a.csv", at: D.at(0))
            let (products, _) = try await store.previewImport { sink in
                try sink.upsert([D.product("SKU-A", price: 5), D.product("SKU-N")])
            }
            p.expectEqual(Set(products.map(\.sku)), ["SKU-A", "SKU-N"], "the products a preview would write")
            p.expectEqual(try await store.productCount(), 1, "products after a preview")
            p.expectEqual(try await store.product("SKU-A")?.basePrice, D.rub(10_000), "SKU-A's price after a preview")
            return p.list
        },
    ]
}
