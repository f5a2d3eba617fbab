public import MarketSync
internal import Foundation

extension ChannelSettings {
    /// The port on 127.0.0.1 a local sandbox for this channel listens on: `requested` when given (0 picks a free
    /// one), else the endpoint's own port, so the config reaches the sandbox as written, else 8931 (an endpoint
    /// without a port is a real channel's; the sandbox then keeps its usual port).
    public func sandboxPort(requested: UInt16?) -> UInt16 {
        if let requested { return requested }
        return endpoint.port.flatMap { UInt16(exactly: $0) } ?? 8931
    }
}
