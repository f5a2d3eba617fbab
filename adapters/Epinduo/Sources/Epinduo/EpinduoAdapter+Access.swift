internal import MarketSync

extension EpinduoAdapter {
    /// Reads the shop's own information with `pdd.mall.info.get` (Pinduoduo's read-only shop call, signed and
    /// sent with the access token like every call): the platform checks the client id, the token and the
    /// signature before it answers, so a wrong secret or an expired token throws `.unauthorized` here, and
    /// nothing on the channel changes.
    public func verifyAccess() async throws {
        let method = settings.methods.mallInfo
        let envelope = try await call(method, fields: [:], sku: nil)
        _ = try errors.successPayload(envelope, key: "mall_info_get_response", method: method, sku: nil)
    }
}
