internal import Foundation
internal import MarketSync

/// `OrderStore`: orders keyed by channel and id, stored idempotently, an older copy ignored, the history appended,
/// an illegal move held back with an incident, unmatched lines counted, and the cursor moved with the orders (never
/// backwards, never before the orders are visible).
enum OrderChecks {
    typealias D = ConformanceData

    static let all: [StoreConformanceCheck] = [
        StoreConformanceCheck(role: .orders, name: "keyed by channel and id, stored idempotently", needs: [.catalog]) { underTest in
            let store = try role(underTest.store, (any OrderStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            var p = ConformanceProblems()
            _ = try await catalog.applyImport([D.product("SKU-A"), D.product("SKU-B")], source: "a.csv", at: D.at(0))
            let window = [D.order("O-1", .readyToShip, updated: 10), D.order("O-2", .pendingAcceptance, updated: 11, lines: [("SKU-B", 2)])]
            p.expectEqual(try await store.storeOrders(window, channel: D.channel, cursor: D.at(100), at: D.at(100)),
                          OrderStoreCounts(new: 2), "the first window")
            p.expectEqual(try await store.storeOrders(window, channel: D.channel, cursor: D.at(100), at: D.at(101)),
                          OrderStoreCounts(unchanged: 2), "the same window again")
            p.expectEqual(try await store.storeOrders([D.order("O-1", .shipped, updated: 5)], channel: D.other, cursor: D.at(50), at: D.at(102)),
                          OrderStoreCounts(new: 1), "the same id on another channel")
            let stored = try await store.order("O-1", channel: D.channel)
            p.expectEqual(stored?.order.state, .readyToShip, "O-1 on the first channel")
            p.expectEqual(stored?.order.lines.map(\.sku), ["SKU-A"], "O-1's lines")
            p.expectEqual(stored?.order.total, D.cny(1_990), "O-1's total")
            p.expectEqual(stored?.order.updatedAt, D.at(10), "O-1's update time")
            p.expectEqual(stored?.history.map(\.state), [.readyToShip], "O-1's history")
            p.expectEqual(try await store.order("O-1", channel: D.other)?.order.state, .shipped, "O-1 on the other channel")
            p.expectEqual(try await store.orders(for: D.channel).map(\.order.id), ["O-1", "O-2"], "the channel's orders, by id")
            p.expect(try await store.order("O-9", channel: D.channel) == nil, "an unknown order is found")
            return p.list
        },
        StoreConformanceCheck(role: .orders, name: "later copies update, older ones change nothing", needs: [.catalog]) { underTest in
            let store = try role(underTest.store, (any OrderStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            var p = ConformanceProblems()
            _ = try await catalog.applyImport([D.product("SKU-A")], source: "a.csv", at: D.at(0))
            _ = try await store.storeOrders([D.order("O-1", .readyToShip, updated: 10)], channel: D.channel, cursor: D.at(100), at: D.at(100))
            p.expectEqual(try await store.storeOrders([D.order("O-1", .shipped, updated: 20, tracking: "SF1")], channel: D.channel,
                                                      cursor: D.at(200), at: D.at(200)),
                          OrderStoreCounts(updated: 1), "a later copy")
            p.expectEqual(try await store.storeOrders([D.order("O-1", .readyToShip, updated: 15)], channel: D.channel,
                                                      cursor: D.at(200), at: D.at(201)),
                          OrderStoreCounts(unchanged: 1), "an older copy")
            let stored = try await store.order("O-1", channel: D.channel)
            p.expectEqual(stored?.order.state, .shipped, "the state after an older copy")
            p.expectEqual(stored?.order.trackingNumber, "SF1", "the tracking number")
            p.expectEqual(stored?.history.map(\.state), [.readyToShip, .shipped], "the history")
            p.expectEqual(stored?.history.map(\.at), [D.at(10), D.at(20)], "the history's times (the order's update times)")
            return p.list
        },
        StoreConformanceCheck(role: .orders, name: "an illegal move is held back with an incident", needs: [.catalog, .incidents]) { underTest in
            let store = try role(underTest.store, (any OrderStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            let incidents = try role(underTest.store, (any IncidentStore).self)
            var p = ConformanceProblems()
            _ = try await catalog.applyImport([D.product("SKU-A")], source: "a.csv", at: D.at(0))
            _ = try await store.storeOrders([D.order("O-1", .shipped, updated: 10)], channel: D.channel, cursor: D.at(100), at: D.at(100))
            let counts = try await store.storeOrders([D.order("O-1", .readyToShip, raw: "WAIT_SELLER_SEND", updated: 20)], channel: D.channel,
                                                     cursor: D.at(200), at: D.at(200))
            p.expectEqual(counts.illegalTransitions, 1, "illegal transitions counted")
            p.expectEqual(try await store.order("O-1", channel: D.channel)?.order.state, .shipped, "the state after an illegal copy")
            let open = try await incidents.openIncidents(for: D.channel)
            p.expectEqual(open.map(\.kind), ["illegal_transition"], "open incidents")
            p.expect(open.first.map { $0.detail.contains("WAIT_SELLER_SEND") && $0.orderID == "O-1" } ?? false,
                     "the incident names the order and the raw status: \(open.first?.detail ?? "none")")
            let again = try await store.storeOrders([D.order("O-1", .readyToShip, raw: "WAIT_SELLER_SEND", updated: 20)], channel: D.channel,
                                                    cursor: D.at(200), at: D.at(201))
            p.expectEqual(again.illegalTransitions, 0, "the same illegal copy again is not counted twice")
            p.expectEqual(try await incidents.openIncidents(for: nil).count, 1, "incidents after the same copy again")
            return p.list
        },
        StoreConformanceCheck(role: .orders, name: "an unmatched line is an incident; a listing id links a line", needs: [.catalog, .incidents]) { underTest in
            let store = try role(underTest.store, (any OrderStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            let incidents = try role(underTest.store, (any IncidentStore).self)
            var p = ConformanceProblems()
            _ = try await catalog.applyImport([D.product("SKU-A")], source: "a.csv", at: D.at(0))
            var order = D.order("O-1", .readyToShip, updated: 10, lines: [("SKU-A", 1), ("NOPE", 2)])
            order.lines.append(OrderLine(sku: SKU(""), quantity: 1, listing: "g-SKU-A"))
            let counts = try await store.storeOrders([order], channel: D.channel, cursor: D.at(100), at: D.at(100))
            p.expectEqual(counts.unmatchedLines, 1, "unmatched lines")
            p.expectEqual(try await incidents.openIncidents(for: D.channel).map(\.kind), ["unmatched_line"], "open incidents")
            p.expectEqual(try await incidents.waitingWork(for: D.channel).incidents, 1, "incidents waiting")
            p.expectEqual(try await store.order("O-1", channel: D.channel)?.order.lines.last?.sku, "SKU-A", "a line linked by its listing id")
            return p.list
        },
        StoreConformanceCheck(role: .orders, name: "the cursor moves with the orders and never back") { underTest in
            let store = try role(underTest.store, (any OrderStore).self)
            var p = ConformanceProblems()
            p.expect(try await store.orderCursor(for: D.channel) == nil, "a cursor before the first pull")
            _ = try await store.storeOrders([], channel: D.channel, cursor: D.at(100), at: D.at(100))
            p.expectEqual(try await store.orderCursor(for: D.channel), D.at(100), "the cursor after an empty window")
            _ = try await store.storeOrders([D.order("O-1", .readyToShip, updated: 10)], channel: D.channel, cursor: D.at(50), at: D.at(101))
            p.expectEqual(try await store.orderCursor(for: D.channel), D.at(100), "the cursor after an earlier window end")
            p.expect(try await store.orderCursor(for: D.other) == nil, "another channel's cursor")
            // A reader that sees the cursor moved sees every order of its window: one transaction.
            let window = (0..<200).map { D.order(String(format: "W-%03d", $0), .readyToShip, updated: 300) }
            let moved = D.at(400)
            async let writer = store.storeOrders(window, channel: D.channel, cursor: moved, at: D.at(400))
            var sawMoved = false
            for _ in 0..<200 where !sawMoved {
                if try await store.orderCursor(for: D.channel) == moved {
                    sawMoved = true
                    let count = try await store.orders(for: D.channel).count
                    p.expectEqual(count, 201, "orders visible once the cursor moved")
                }
                await Task.yield()
            }
            p.expectEqual(try await writer.new, 200, "orders stored")
            p.expectEqual(try await store.orderCursor(for: D.channel), moved, "the cursor after the window")
            return p.list
        },
    ]
}
