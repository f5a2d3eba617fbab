internal import Foundation
internal import MarketSync

extension EpinduoSandbox {
    /// `pdd.mall.info.get`: the shop's information, read-only. Credentials and the signature are checked by the
    /// router first, like every call, which is what `check-config --online` relies on.
    static func mallInfo(clientID: String) -> WireResponse {
        json(200, ["mall_info_get_response": [
            "mall_id": 10_001, "mall_name": "Sandbox shop (\(clientID))", "mall_desc": "local Epinduo sandbox",
            "merchant_type": 1, "logo": "",
        ] as [String: Any]])
    }
}
