import Foundation
import MarketSync
@testable import MarketSyncStore
import Testing

@Suite("SQLiteStore planning input and change tracking") struct SQLiteStorePlanningInputTests {
    typealias F = StoreFixtures

    /// Day numbers used below: 20_000 is 2024-10-04; lots expire at noon of the day.
    private static func noon(ofDay day: Int) -> Date { Date(timeIntervalSince1970: Double(day) * 86_400 + 43_200) }

    private static func product(_ sku: String, price: Int64 = 10_000, lots: [(String, Int64, Int?)],
                                listings: [ChannelID: String] = [:]) -> Product {
        Product(sku: SKU(sku), gtin: nil, names: LocalizedNames(ru: "Мёд", zh: "蜂蜜", en: "Honey"), unit: "pcs",
                basePrice: F.rub(price),
                lots: lots.enumerated().map { index, lot in
                    StockLot(warehouse: lot.0, lot: "L\(index)", quantity: lot.1, expiresOn: lot.2.map(noon(ofDay:)))
                },
                listings: listings)
    }

    /// The SKUs an incremental read since `sequence` returns.
    private func changed(_ store: SQLiteStore, since sequence: Int64, expiringBefore: Int32? = nil) async throws -> [SKU] {
        try await store.planningInput(channels: [F.epinduo], changedSince: sequence, expiringBefore: expiringBefore)
            .skus.map(\.sku)
    }

    @Test func importBumpsTheChangeSequenceOnlyForRealChanges() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        #expect(try await store.changeSequence() == 0)
        let a = F.product("SKU-A", lots: [5], listings: [F.epinduo: "g-a"])
        let b = F.product("SKU-B", lots: [7])
        let c = F.product("SKU-C", lots: [1])
        _ = try await store.applyImport([a, b, c], source: "a.csv", at: F.t0)
        let afterInsert = try await store.changeSequence()
        #expect(afterInsert > 0)
        #expect(try await changed(store, since: 0) == ["SKU-A", "SKU-B", "SKU-C"])
        #expect(try await changed(store, since: afterInsert) == [])

        // The same catalog again: nothing changes, not even the sequence.
        _ = try await store.applyImport([c, a, b], source: "a.csv", at: F.at(60))
        #expect(try await store.changeSequence() == afterInsert)
        #expect(try await changed(store, since: afterInsert) == [])

        // A price, a lot and a listing change: exactly those products, once each.
        var priced = a
        priced.basePrice = F.rub(12_345)
        _ = try await store.applyImport([priced, b, c], source: "b.csv", at: F.at(120))
        let afterPrice = try await store.changeSequence()
        #expect(afterPrice > afterInsert)
        #expect(try await changed(store, since: afterInsert) == ["SKU-A"])

        var restocked = b
        restocked.lots[0].quantity = 8
        _ = try await store.applyImport([restocked], source: "c.csv", at: F.at(180))
        #expect(try await changed(store, since: afterPrice) == ["SKU-B"])
        let afterLots = try await store.changeSequence()

        var listed = c
        listed.listings = [F.walmart: "w-c"]
        _ = try await store.applyImport([listed, restocked, priced], source: "d.csv", at: F.at(240))
        #expect(try await changed(store, since: afterLots) == ["SKU-C"])
        #expect(try await changed(store, since: afterInsert) == ["SKU-A", "SKU-B", "SKU-C"])
    }

    @Test func ordersBumpTheProductsWhoseReservationChanges() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        _ = try await store.applyImport(["SKU-A", "SKU-B", "SKU-C"].map { F.product($0) }, source: "a.csv", at: F.t0)
        var mark = try await store.changeSequence()
        func expectChanged(_ expected: [SKU], _ comment: Comment) async throws {
            #expect(try await changed(store, since: mark) == expected, comment)
            mark = try await store.changeSequence()
        }

        _ = try await store.storeOrders([F.order("O-1", .shipped, lines: [("SKU-A", 1)])],
                                        channel: F.epinduo, cursor: F.t0, at: F.t0)
        try await expectChanged([], "an order that never reserved changes no reservation")

        _ = try await store.storeOrders([F.order("O-2", .pendingAcceptance, lines: [("SKU-A", 1), ("SKU-GONE", 2)])],
                                        channel: F.epinduo, cursor: F.t0, at: F.t0)
        try await expectChanged(["SKU-A"], "a new reserving order")

        _ = try await store.storeOrders([F.order("O-2", .pendingAcceptance, lines: [("SKU-A", 1), ("SKU-GONE", 2)])],
                                        channel: F.epinduo, cursor: F.t0, at: F.t0)
        try await expectChanged([], "the same copy again")

        _ = try await store.storeOrders([F.order("O-2", .readyToShip, updated: 10, lines: [("SKU-A", 1), ("SKU-GONE", 2)])],
                                        channel: F.epinduo, cursor: F.t0, at: F.t0)
        try await expectChanged([], "reserving to reserving with the same lines")

        _ = try await store.storeOrders([F.order("O-2", .readyToShip, updated: 20, lines: [("SKU-B", 3)])],
                                        channel: F.epinduo, cursor: F.t0, at: F.t0)
        try await expectChanged(["SKU-A", "SKU-B"], "new lines on a reserving order: old and new SKUs")

        _ = try await store.storeOrders([F.order("O-2", .shipped, updated: 30, lines: [("SKU-B", 3)])],
                                        channel: F.epinduo, cursor: F.t0, at: F.t0)
        try await expectChanged(["SKU-B"], "shipping releases the reservation")

        _ = try await store.storeOrders([F.order("O-1", .delivered, updated: 40, lines: [("SKU-C", 1)])],
                                        channel: F.epinduo, cursor: F.t0, at: F.t0)
        try await expectChanged([], "non-reserving to non-reserving, even with other lines")

        _ = try await store.storeOrders([F.order("O-1", .unknown, raw: "9/9", updated: 50, lines: [("SKU-C", 1)])],
                                        channel: F.epinduo, cursor: F.t0, at: F.t0)
        try await expectChanged(["SKU-C"], "an unknown state reserves")
    }

    @Test func fullInputCarriesCatalogLotsReservationsAndEveryChannelsOffers() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        _ = try await store.applyImport([
            Self.product("SKU-B", price: 2_000, lots: [("KHM-1", 10, 20_000), ("MSK-2", 5, nil), ("KHM-1", 1, 19_990)],
                         listings: [F.epinduo: "g-b", F.walmart: "w-b"]),
            Self.product("SKU-A", price: 1_000, lots: [("MSK-2", 3, 20_100)], listings: [F.walmart: "w-a"]),
            Self.product("SKU-C", price: 3_000, lots: []),
        ], source: "a.csv", at: F.t0)
        _ = try await store.storeOrders([
            F.order("E-1", .pendingAcceptance, lines: [("SKU-B", 2), ("SKU-A", 1)]),
            F.order("E-2", .shipped, lines: [("SKU-B", 100)]),
        ], channel: F.epinduo, cursor: F.t0, at: F.t0)
        _ = try await store.storeOrders([F.order("W-1", .readyToShip, lines: [("SKU-B", 3)])],
                                        channel: F.walmart, cursor: F.t0, at: F.t0)
        let acknowledged = try await store.enqueue([F.stock("SKU-B", 8), F.price("SKU-B", 990)], at: F.t0)
        try await store.acknowledge(acknowledged, at: F.at(1))
        _ = try await store.enqueue([F.stock("SKU-B", 6), F.price("SKU-A", 500), F.stock("SKU-B", 1, on: F.walmart)],
                                    at: F.at(2))
        // Parked entries are not pending.
        let parked = try await store.enqueue([F.price("SKU-C", 1, on: F.walmart)], at: F.at(3))
        try await store.recordFailure(parked[0], reason: "bad", permanent: true, at: F.at(4))

        let input = try await store.planningInput(channels: [F.walmart, F.epinduo], changedSince: nil,
                                                  expiringBefore: nil)
        #expect(input.skus == [
            SKUState(sku: "SKU-A", basePriceMinor: 1_000, reserved: 1, lotStart: 0, lotCount: 1),
            SKUState(sku: "SKU-B", basePriceMinor: 2_000, reserved: 5, lotStart: 1, lotCount: 3),
            SKUState(sku: "SKU-C", basePriceMinor: 3_000, reserved: 0, lotStart: 4, lotCount: 0),
        ])
        let names = input.lots.map { input.warehouses[Int($0.warehouse)] }
        #expect(names == ["MSK-2", "KHM-1", "MSK-2", "KHM-1"])
        #expect(Set(input.warehouses) == ["KHM-1", "MSK-2"] && input.warehouses.count == 2)
        #expect(input.lots.map(\.quantity) == [3, 10, 5, 1])
        #expect(input.lots.map(\.expiresOnDay) == [20_100, 20_000, nil, 19_990])
        #expect(input.lots.allSatisfy { $0.producedOnDay == nil })

        #expect(input.channels.map(\.channel) == [F.walmart, F.epinduo])
        #expect(input.channels[0].states == [
            OfferState(listing: "w-a"),
            OfferState(listing: "w-b", pendingQuantity: 1),
            OfferState(listing: nil),
        ])
        #expect(input.channels[1].states == [
            OfferState(listing: nil, pendingPriceMinor: 500),
            OfferState(listing: "g-b", acknowledgedQuantity: 8, acknowledgedPriceMinor: 990, pendingQuantity: 6),
            OfferState(listing: nil),
        ])

        // Agrees with the per-channel rows the engine used before.
        let rows = try await store.planningRows(for: F.epinduo)
        #expect(rows.map(\.sku) == input.skus.map(\.sku))
        #expect(rows.map(\.reserved) == input.skus.map(\.reserved))
        #expect(rows.map(\.listing) == input.channels[1].states.map(\.listing))
    }

    @Test func datesBecomeDaysSince1970RoundedDown() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let lots: [StockLot] = [
            StockLot(warehouse: "W", lot: "a", quantity: 1, expiresOn: Date(timeIntervalSince1970: 0)),
            StockLot(warehouse: "W", lot: "b", quantity: 1, expiresOn: Date(timeIntervalSince1970: 86_399.999)),
            StockLot(warehouse: "W", lot: "c", quantity: 1, expiresOn: Date(timeIntervalSince1970: 86_400)),
            StockLot(warehouse: "W", lot: "d", quantity: 1, expiresOn: Date(timeIntervalSince1970: -0.001)),
            StockLot(warehouse: "W", lot: "e", quantity: 1, expiresOn: Date(timeIntervalSince1970: -86_400)),
            StockLot(warehouse: "W", lot: "f", quantity: 1, expiresOn: Date(timeIntervalSince1970: -86_400.001)),
        ]
        var product = F.product("SKU-A")
        product.lots = lots
        _ = try await temp.store.applyImport([product], source: "a.csv", at: F.t0)
        let input = try await temp.store.planningInput(channels: [], changedSince: nil, expiringBefore: nil)
        #expect(input.lots.map(\.expiresOnDay) == [0, 0, 1, -1, -1, -2])
        #expect(input.channels.isEmpty)
    }

    @Test func productionDatesRoundTripCountAsChangesAndBecomeDays() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        var product = Self.product("SKU-A", lots: [("KHM-1", 4, 20_100)])
        _ = try await store.applyImport([product], source: "a.csv", at: F.t0)
        let before = try await store.changeSequence()
        product.lots[0].producedOn = Self.noon(ofDay: 19_900)
        #expect(try await store.applyImport([product], source: "b.csv", at: F.at(1)).updated == 1)
        #expect(try await changed(store, since: before) == ["SKU-A"])
        #expect(try await store.product("SKU-A") == product)
        #expect(try await store.applyImport([product], source: "c.csv", at: F.at(2)).unchanged == 1)
        let lot = try #require(try await store.planningInput(channels: [], changedSince: nil, expiringBefore: nil).lots.first)
        #expect(lot.producedOnDay == 19_900 && lot.expiresOnDay == 20_100)
    }

    @Test func incrementalInputIsExactlyTheChangedPlusTheExpiring() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        let catalog = (0..<50).map { index in
            Self.product(String(format: "SKU-%02d", index), price: Int64(100 + index),
                         lots: [("KHM-1", Int64(index), 20_000 + index), ("MSK-2", 1, nil)],
                         listings: [F.epinduo: "g-\(index)", F.walmart: "w-\(index)"])
        }
        _ = try await store.applyImport(catalog, source: "a.csv", at: F.t0)
        let acknowledged = try await store.enqueue(catalog.map { F.stock($0.sku.rawValue, $0.onHand) }, at: F.t0)
        try await store.acknowledge(acknowledged, at: F.at(1))
        let mark = try await store.changeSequence()

        var changed = [catalog[7], catalog[31], catalog[44]]
        changed[0].basePrice = F.rub(1)
        changed[1].lots[1].quantity = 9
        changed[2].listings[F.walmart] = "w-new"
        _ = try await store.applyImport(changed, source: "b.csv", at: F.at(60))
        _ = try await store.storeOrders([F.order("O-1", .awaitingPayment, lines: [("SKU-12", 2)])],
                                        channel: F.walmart, cursor: F.t0, at: F.t0)

        let expected: [SKU] = ["SKU-07", "SKU-12", "SKU-31", "SKU-44"]
        #expect(try await self.changed(store, since: mark) == expected)
        // Lots expiring before day 20_003: SKU-00, -01, -02 join the changed ones, in SKU order.
        let input = try await store.planningInput(channels: [F.epinduo, F.walmart], changedSince: mark,
                                                  expiringBefore: 20_003)
        #expect(input.skus.map(\.sku) == ["SKU-00", "SKU-01", "SKU-02"] + expected)

        // Each SKU's values equal those of the full read, field by field.
        let full = try await store.planningInput(channels: [F.epinduo, F.walmart], changedSince: nil,
                                                 expiringBefore: nil)
        for (index, state) in input.skus.enumerated() {
            let fullIndex = try #require(full.skus.firstIndex { $0.sku == state.sku })
            let fullState = full.skus[fullIndex]
            #expect(state.basePriceMinor == fullState.basePriceMinor && state.reserved == fullState.reserved)
            let lots = input.lots[Int(state.lotStart)..<Int(state.lotStart + state.lotCount)]
            let fullLots = full.lots[Int(fullState.lotStart)..<Int(fullState.lotStart + fullState.lotCount)]
            #expect(lots.map { input.warehouses[Int($0.warehouse)] } == fullLots.map { full.warehouses[Int($0.warehouse)] })
            #expect(lots.map(\.quantity) == fullLots.map(\.quantity))
            #expect(lots.map(\.expiresOnDay) == fullLots.map(\.expiresOnDay))
            for channel in 0..<2 {
                #expect(input.channels[channel].states[index] == full.channels[channel].states[fullIndex])
            }
        }
        #expect(input.skus.first { $0.sku == "SKU-12" }?.reserved == 2)
        #expect(input.channels[1].states[expected.count + 3 - 1].listing == "w-new")
        #expect(input.channels[0].states[5].acknowledgedQuantity == Int64(31 + 1))

        // Nothing changed since now: empty, unless lots expire.
        let now = try await store.changeSequence()
        #expect(try await self.changed(store, since: now) == [])
        #expect(try await self.changed(store, since: now, expiringBefore: 20_001) == ["SKU-00"])
    }

    /// The incremental read splits the selection over two connections and merges them by SKU: with ids not in
    /// SKU order, an odd selection, a warehouse only one half sees, several channels (one not requested), pending,
    /// parked, acknowledged and approved values, it must equal the full read product by product.
    @Test func incrementalHalvesMergeIntoTheFullReadsValues() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        let ozon: ChannelID = "ozon"
        // Inserted in an order unlike SKU (byte) order; mixed case and non-ASCII sort by their UTF-8 bytes.
        let names = (0..<40).map { String(format: "SKU-%02d", 39 - $0) } + ["sku-a", "SKU-Z", "SKU-Ё", "SKU-z", "SKU-É"]
        let catalog = names.enumerated().map { index, sku in
            Self.product(sku, price: Int64(1_000 + index),
                         lots: index < names.count / 2
                             ? [("KHM-1", Int64(index), 20_000 + index), ("MSK-2", 2, nil), ("KHM-1", 1, 20_500)]
                             : [("EKB-3", Int64(index), nil)],
                         listings: index % 5 == 0 ? [ozon: "o-\(index)"]
                             : [F.epinduo: "g-\(index)", F.walmart: "w-\(index)", ozon: "o-\(index)"])
        }
        _ = try await store.applyImport(catalog, source: "a.csv", at: F.t0)
        let acknowledged = try await store.enqueue(names.indices.filter { $0 % 3 == 0 }.flatMap {
            [F.stock(names[$0], Int64($0)), F.price(names[$0], Int64(500 + $0), on: F.walmart)]
        }, at: F.t0)
        try await store.acknowledge(acknowledged, at: F.at(1))
        _ = try await store.enqueue([F.stock("SKU-Ё", 3), F.price("SKU-07", 77, on: F.walmart),
                                     F.stock("SKU-30", 4, on: ozon)], at: F.at(2))
        let parked = try await store.enqueue([F.price("sku-a", 1)], at: F.at(3))
        try await store.recordFailure(parked[0], reason: "bad", permanent: true, at: F.at(4))
        try await store.replaceHeldChanges(["SKU-Z", "SKU-12"].map {
            HeldChange(channel: F.epinduo, sku: SKU($0), from: nil, to: F.cny(999), guardKind: .maxChange, reason: "r", heldAt: F.t0)
        }, channel: F.epinduo, planned: nil)
        _ = try await store.approveHeldChanges(channel: F.epinduo, skus: nil, at: F.at(5))
        let mark = try await store.changeSequence()

        // 13 products change; lots expiring before day 20_002 add SKU-39 and SKU-38 (indices 0 and 1).
        let changedIndices = [2, 3, 5, 8, 13, 21, 25, 34, 40, 41, 42, 43, 44]
        _ = try await store.applyImport(changedIndices.map { index in
            var product = catalog[index]
            product.basePrice = F.rub(Int64(7_000 + index))
            return product
        }, source: "b.csv", at: F.at(60))
        _ = try await store.storeOrders([F.order("O-1", .awaitingPayment, lines: [("SKU-Z", 2), ("SKU-10", 1)])],
                                        channel: F.walmart, cursor: F.t0, at: F.t0)

        let channels = [F.walmart, F.epinduo]
        let full = try await store.planningInput(channels: channels, changedSince: nil, expiringBefore: nil)
        #expect(full.skus.map(\.sku.rawValue) == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for (since, expiring) in [(mark, Int32(20_002)), (0, nil)] as [(Int64, Int32?)] {
            let input = try await store.planningInput(channels: channels, changedSince: since, expiringBefore: expiring)
            var expected = Set((changedIndices + [names.firstIndex(of: "SKU-10") ?? 0]).map { names[$0] })
            if expiring != nil { expected.formUnion(["SKU-39", "SKU-38"]) }
            if since == 0 { expected = Set(names) }
            #expect(input.skus.map(\.sku.rawValue) == full.skus.map(\.sku.rawValue).filter(expected.contains))
            #expect(input.channels.map(\.channel) == channels)
            for (index, state) in input.skus.enumerated() {
                let fullIndex = try #require(full.skus.firstIndex { $0.sku == state.sku })
                let fullState = full.skus[fullIndex]
                #expect(state.basePriceMinor == fullState.basePriceMinor && state.reserved == fullState.reserved)
                let lots = input.lots[Int(state.lotStart)..<Int(state.lotStart + state.lotCount)]
                let fullLots = full.lots[Int(fullState.lotStart)..<Int(fullState.lotStart + fullState.lotCount)]
                #expect(lots.map { input.warehouses[Int($0.warehouse)] } == fullLots.map { full.warehouses[Int($0.warehouse)] })
                #expect(lots.map(\.quantity) == fullLots.map(\.quantity))
                #expect(lots.map(\.expiresOnDay) == fullLots.map(\.expiresOnDay))
                for channel in channels.indices {
                    #expect(input.channels[channel].states[index] == full.channels[channel].states[fullIndex],
                            "\(state.sku) on \(channels[channel])")
                }
            }
            #expect(Set(input.warehouses).count == input.warehouses.count)
        }
        // Spot checks that the values compared are the interesting ones.
        let all = try await store.planningInput(channels: channels, changedSince: 0, expiringBefore: nil)
        func state(_ sku: SKU, _ channel: Int) throws -> OfferState {
            all.channels[channel].states[try #require(all.skus.firstIndex { $0.sku == sku })]
        }
        #expect(try state("SKU-Ё", 1).pendingQuantity == 3)
        #expect(try state("SKU-07", 0).pendingPriceMinor == 77)
        #expect(try state("sku-a", 1).pendingPriceMinor == nil)
        #expect(try state("SKU-Z", 1).approvedPriceMinor == 999)
        #expect(try state("SKU-39", 0).acknowledgedPriceMinor == 500 && state("SKU-39", 1).acknowledgedQuantity == 0)
        #expect(try state("SKU-39", 0).listing == nil && state("SKU-38", 0).listing == "w-1")
        #expect(all.skus.first { $0.sku == "SKU-Z" }?.reserved == 2)
    }

    @Test func heldChangesAreReplacedPerPlannedSKU() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        func held(_ sku: SKU, _ to: Int64, on channel: ChannelID = F.epinduo) -> HeldChange {
            HeldChange(channel: channel, sku: sku, from: F.cny(100), to: F.cny(to), guardKind: .maxChange, reason: "change exceeds 30%",
                       heldAt: F.t0)
        }
        try await store.replaceHeldChanges([held("SKU-A", 200), held("SKU-B", 300), held("SKU-C", 400)],
                                           channel: F.epinduo, planned: nil)
        try await store.replaceHeldChanges([held("SKU-A", 500, on: F.walmart)], channel: F.walmart, planned: nil)

        // An incremental pass planned B and D: B is no longer held, D is; A and C stay as they were.
        try await store.replaceHeldChanges([held("SKU-D", 900)], channel: F.epinduo, planned: ["SKU-B", "SKU-D"])
        #expect(try await store.heldChanges(for: F.epinduo).map(\.sku) == ["SKU-A", "SKU-C", "SKU-D"])
        #expect(try await store.heldChanges(for: F.epinduo).last == held("SKU-D", 900))

        // A full pass replaces the channel's list; the other channel's is untouched.
        try await store.replaceHeldChanges([held("SKU-C", 450)], channel: F.epinduo, planned: nil)
        #expect(try await store.heldChanges(for: F.epinduo) == [held("SKU-C", 450)])
        #expect(try await store.heldChanges(for: nil) == [held("SKU-C", 450), held("SKU-A", 500, on: F.walmart)])

        // No previous price survives the round trip as nil.
        let fresh = HeldChange(channel: F.walmart, sku: "SKU-Z", from: nil, to: F.cny(1), guardKind: .ceiling, reason: "r", heldAt: F.at(5))
        try await store.replaceHeldChanges([fresh], channel: F.walmart, planned: ["SKU-Z"])
        #expect(try await store.heldChanges(for: F.walmart) == [held("SKU-A", 500, on: F.walmart), fresh])
    }

    @Test func approvalsShowInOfferStateAndAreUsedOnceByTheAcknowledgementOfThatPrice() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        _ = try await store.applyImport(["SKU-A", "SKU-B", "SKU-C"].map { F.product($0, listings: [F.epinduo: "g"]) },
                                        source: "a.csv", at: F.t0)
        func held(_ sku: SKU, _ to: Int64) -> HeldChange {
            HeldChange(channel: F.epinduo, sku: sku, from: F.cny(100), to: F.cny(to), guardKind: .maxChange, reason: "r", heldAt: F.t0)
        }
        try await store.replaceHeldChanges([held("SKU-A", 200), held("SKU-B", 300), held("SKU-C", 400),
                                            held("SKU-GONE", 1)], channel: F.epinduo, planned: nil)
        #expect(try await store.approveHeldChanges(channel: F.epinduo, skus: ["SKU-B", "SKU-X"], at: F.at(1)) == 1)
        #expect(try await store.heldChanges(for: F.epinduo).map(\.sku) == ["SKU-A", "SKU-C", "SKU-GONE"])
        #expect(try await store.approveHeldChanges(channel: F.epinduo, skus: nil, at: F.at(2)) == 2)
        #expect(try await store.heldChanges(for: F.epinduo) == [])

        func approved() async throws -> [Int64?] {
            try await store.planningInput(channels: [F.epinduo], changedSince: nil, expiringBefore: nil)
                .channels[0].states.map(\.approvedPriceMinor)
        }
        #expect(try await approved() == [200, 300, 400])
        #expect(try await store.planningInput(channels: [F.walmart], changedSince: nil, expiringBefore: nil)
            .channels[0].states.allSatisfy { $0.approvedPriceMinor == nil })

        // A: another price is acknowledged, the approval stays. B: the approved price is acknowledged, used up.
        // C: the approved price is acknowledged as an older version than one already acknowledged: not applied,
        // so the approval stays.
        let newer = try await store.enqueue([F.price("SKU-C", 999)], at: F.at(3))
        let pushed = try await store.enqueue([F.price("SKU-A", 250), F.price("SKU-B", 300)], at: F.at(4))
        let late = OutboxItem(id: newer[0].id, channel: F.epinduo, key: "SKU-C", listing: "g",
                              payload: .price(F.cny(400)), version: newer[0].version - 1, attempts: 0,
                              status: .pending, lastError: nil, enqueuedAt: F.t0)
        try await store.acknowledge(newer + pushed, at: F.at(5))
        try await store.acknowledge([late], at: F.at(6))
        #expect(try await approved() == [200, nil, 400])

        // Stock acknowledgements never touch approvals.
        let stock = try await store.enqueue([F.stock("SKU-A", 200)], at: F.at(7))
        try await store.acknowledge(stock, at: F.at(8))
        #expect(try await approved() == [200, nil, 400])
        let a = try await store.enqueue([F.price("SKU-A", 200)], at: F.at(9))
        try await store.acknowledge(a, at: F.at(10))
        #expect(try await approved() == [nil, nil, 400])
    }

    @Test func planMarksAndOutboxVersions() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        _ = try await store.applyImport([F.product("SKU-A"), F.product("SKU-B")], source: "a.csv", at: F.t0)
        #expect(try await store.planMark(for: F.epinduo) == nil)
        try await store.setPlanMark(PlanMark(sequence: 3, rulesDigest: "abc"), for: F.epinduo)
        try await store.setPlanMark(PlanMark(sequence: 5, rulesDigest: "def"), for: F.epinduo)
        try await store.setPlanMark(PlanMark(sequence: 1, rulesDigest: "w"), for: F.walmart)
        #expect(try await store.planMark(for: F.epinduo) == PlanMark(sequence: 5, rulesDigest: "def"))
        #expect(try await temp.reopen().planMark(for: F.walmart) == PlanMark(sequence: 1, rulesDigest: "w"))

        let first = try await store.enqueue([F.stock("SKU-A", 1), F.stock("SKU-B", 2)], at: F.t0)
        let second = try await store.enqueue([F.stock("SKU-A", 3)], at: F.at(1))
        try await store.acknowledge([first[1]], at: F.at(2))
        let versions = try await store.outboxVersions(of: [first[0].id, first[1].id, 12_345])
        #expect(versions == [first[0].id: second[0].version])
        #expect(try await store.outboxVersions(of: []) == [:])
    }
}
