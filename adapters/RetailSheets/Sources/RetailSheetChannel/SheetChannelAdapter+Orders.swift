import Foundation
import Logging
import MarketSync
import RetailFiles
import RetailSheets

extension SheetChannelAdapter {
    /// The orders of one order sheet. Each bad row is logged (`order sheet row skipped`, with `file:line`) and its
    /// order held back whole (logged too); the other orders are returned. A file with problems and not one order
    /// read throws `.sheetRow`, and one that is not a sheet of the layout `.sheetFormat` or `.sheetEncoding`, each
    /// with the line and column in its message: the exchange quarantines it with that reason. Before the orders go
    /// to the engine, what their answer will need of the sheet is kept (`SheetOrderNote`).
    func read(_ file: FileDropInboundFile, layout: SheetLayout) async throws -> [ChannelOrder] {
        let name = file.name.value
        let reader = try OrderSheetReader(layout: layout, catalog: try await catalog(for: []), timeZone: timeZone)
        let reading: OrderSheetReading
        do {
            reading = try reader.read([UInt8](file.contents), file: name, receivedAt: file.modified ?? clock.now())
        } catch {
            throw Self.located(error, channel: channel)
        }
        for problem in reading.problems {
            logger.warning("order sheet row skipped", metadata: [
                LogKey.channel: "\(channel)", LogKey.file: "\(name):\(problem.line ?? 0)", LogKey.errorCode: "\(problem.code)",
                LogKey.errorMessage: "\(Self.located(problem, channel: channel).message)",
            ])
        }
        for held in reading.heldBack {
            logger.warning("order held back: a row of it cannot be read", metadata: [
                LogKey.channel: "\(channel)", LogKey.file: "\(name):\(held.error.line ?? 0)", LogKey.errorMessage: "\(held.error.message)",
            ])
        }
        if reading.orders.isEmpty, let first = reading.problems.first {
            let located = Self.located(first, channel: channel)
            throw MarketSyncError(.sheetRow, "not one order could be read (\(reading.problems.count) problem\(reading.problems.count == 1 ? "" : "s"); the first: \(located.message))",
                                  channel: channel, file: name, line: first.line, key: first.key)
        }
        if layouts.orderResponse != nil {
            for order in reading.orders {
                let note = SheetOrderNote(order)
                _ = try await store.keep(OutgoingFile(key: SheetOrderNote.key(order.number), name: file.name, contents: try note.encoded(),
                                                  createdAt: clock.now(), deliveredAt: clock.now()), channel: channel)
            }
        }
        let orders = reading.orders.map(\.order)
        return capabilities.orderAnswer == .none ? orders.map { $0.bindingOnReceipt() } : orders
    }

    /// `error` for a quarantine note or a log line: its line and column in the message (`line 4, 订货数量: …`), the
    /// channel set.
    static func located(_ error: MarketSyncError, channel: ChannelID) -> MarketSyncError {
        var located = error
        located.channel = channel
        var place: [String] = []
        if let line = error.line { place.append("line \(line)") }
        if let key = error.key { place.append(key) }
        if !place.isEmpty { located.message = place.joined(separator: ", ") + ": " + error.message }
        return located
    }
}
