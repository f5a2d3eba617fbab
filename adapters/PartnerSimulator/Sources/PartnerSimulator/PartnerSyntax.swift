import Foundation
import MarketSync

/// One chain's file format as the chain uses it: reading what the supplier sends, writing its own orders.
protocol PartnerSyntax: Sendable {
    /// What the chain makes of `file`; throws a `MarketSyncError` saying why when it cannot read it.
    func read(_ file: FileDropInboundFile) throws -> PartnerFileReading
    /// The file carrying `order`, named and encoded as the chain writes it.
    func write(_ order: PartnerOrder) throws -> (name: FileDropName, contents: Data, report: PartnerWrittenOrder)
}
