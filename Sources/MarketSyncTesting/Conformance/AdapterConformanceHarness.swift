public import Foundation
public import MarketSync

/// What the adapter conformance suite needs from one channel: an adapter talking to the channel's local sandbox,
/// and the sandbox's levers (faults, orders, what it holds). Each adapter's tests provide one.
///
/// Contract: `makeAdapter` gives a fresh sandbox each time it is called with `fresh: true`, and an adapter to the
/// same sandbox otherwise (a restarted process); every method talks only to that sandbox, in process or on
/// 127.0.0.1.
public protocol AdapterConformanceHarness: Sendable {
    /// An adapter to the sandbox (a new sandbox when `fresh`), with valid credentials unless `validCredentials`
    /// is false.
    func makeAdapter(fresh: Bool, validCredentials: Bool) async throws -> any ChannelAdapter
    /// Listing ids the sandbox knows for `count` SKUs, in order.
    func listings(_ count: Int) -> [String]
    /// The next stock update of `listing` is rejected for good (a validation error on that item only).
    func rejectNextStockUpdate(of listing: String) async throws
    /// The next call of any kind is throttled.
    func throttleNextCall() async throws
    /// Adds `count` orders ready to ship, each of one line of `listing`, updated at `updatedAt`; returns their ids.
    func addOrders(_ count: Int, listing: String, updatedAt: Date) async throws -> [String]
    /// Adds one order of one line of `listing`, updated at `updatedAt`, as a new order arrives on the channel: waiting
    /// for the seller's answer when the channel wants one (`capabilities.orderAnswer`), else ready to ship; returns
    /// its id.
    func addNewOrder(listing: String, updatedAt: Date) async throws -> String
    /// Whatever the channel itself does between the seller's answer and the order being ready to ship (Mirakl: the
    /// customer is debited). Called once the answer was sent; the default does nothing.
    func makeReadyToShip(_ orderID: String) async throws
    /// The quantity the sandbox holds for `listing` (nil when never set).
    func stock(of listing: String) async throws -> Int64?
    /// Whether the sandbox recorded a shipment of `orderID` with `trackingNumber`.
    func hasShipped(_ orderID: String, trackingNumber: String) async throws -> Bool
    /// The run's clock: the suite moves it forward when it waits for a submitted batch or past a channel's lag.
    var clock: any SyncClock { get }
    /// Moves the sandbox's and the adapter's clock forward.
    func advance(by duration: Duration) async
}

extension AdapterConformanceHarness {
    /// Channels whose orders are ready to ship once answered (or at once) need no step of their own.
    public func makeReadyToShip(_ orderID: String) async throws {}
}
