import Foundation
public import MarketSync
import RetailFiles
import RetailSheets

extension SheetChannelAdapter {
    /// The key an order's response sheet is kept under.
    static func answerKey(_ orderID: String) -> String { "order_response \(orderID)" }

    /// An acceptance becomes the chain's order response sheet, made once from the stored order and the note kept
    /// when its sheet was read, kept, and delivered; sending it again delivers nothing new. A chain without an order
    /// response layout takes no answer, and acknowledgements and shipments are not sheet answers (`.validation`).
    /// An answer that cannot be written whole (a line without a decision, a value the layout requires missing) is
    /// refused with `.validation`, never sent in part.
    public func respond(_ response: OrderResponse) async throws {
        guard case let .acceptance(orderID, decisions) = response else {
            throw MarketSyncError(.validation, "\(channel) takes no \(response.payload.kind) of orders", channel: channel,
                                  key: "order \(response.orderID)")
        }
        guard let layout = layouts.orderResponse else {
            throw MarketSyncError(.validation, "\(channel) takes no order response sheet (none configured)", channel: channel,
                                  key: "order \(orderID)")
        }
        try await exchange.deliverKept(Self.answerKey(orderID)) {
            try await answer(orderID, decisions: decisions, layout: layout)
        }
    }

    private func answer(_ orderID: String, decisions: [OrderLineDecision], layout: SheetLayout) async throws -> ComposedFile {
        func refuse(_ reason: String) -> MarketSyncError {
            MarketSyncError(.validation, "order \(orderID): \(reason)", channel: channel, key: "order \(orderID)")
        }
        guard let stored = try await store.order(orderID, channel: channel) else { throw refuse("not in the store") }
        guard let kept = try await store.outgoingFile(SheetOrderNote.key(orderID), channel: channel) else {
            throw refuse("what its sheet said (store, line numbers) was not kept when it was read")
        }
        let note: SheetOrderNote
        do { note = try SheetOrderNote.decoded(kept.contents) } catch { throw refuse("its kept sheet note cannot be read (\(error))") }
        let order = note.sheetOrder(stored.order)
        let decided = Set(decisions.map(\.line))
        for line in order.lines {
            guard let id = line.line.id else { throw refuse("a line has no line number") }
            guard decided.contains(id) else { throw refuse("no decision for line \(id)") }
        }
        guard !order.lines.isEmpty else { throw refuse("it has no lines") }
        let rows = OrderResponseSheetRow.rows(for: order, decisions: decisions)
        let writer = try OrderResponseSheetWriter(layout: layout, catalog: try await catalog(for: order.lines.map(\.line.sku)),
                                                  timeZone: timeZone)
        let first = try await store.next(Self.sequence, for: channel)
        let written = try writer.write(rows, on: clock.now(), firstSequence: first)
        if let refusal = written.refused.first {
            throw refuse("the answer cannot be written: \(Self.located(refusal.error, channel: channel).message)")
        }
        guard written.files.count == 1, let file = written.files.first else {
            throw refuse("the answer makes \(written.files.count) files, not one")
        }
        return ComposedFile(name: try FileDropName(file.name), contents: Data(file.bytes))
    }
}
