import EDI
import Foundation
import MarketSync

/// Values the EDI tests share: the identities of the samples in docs/edi.md's sources (invented; check digits valid).
enum EDIFixtures {
    /// 2025-03-01 08:00 in Shanghai (00:00 UTC).
    static let march1 = Date(timeIntervalSince1970: 1_740_787_200)
    static let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current

    static func gln(_ text: String) -> GLN {
        do { return try GLN(validating: text) } catch { fatalError("fixture GLN \(text): \(error)") }
    }

    static func gtin(_ text: String) -> GTIN {
        do { return try GTIN(validating: text) } catch { fatalError("fixture GTIN \(text): \(error)") }
    }

    static let us = gln("4607654300010")
    static let chain = gln("6901234500011")
    static let warehouse = gln("6901234500028")
    static let cedarNuts = gtin("4601234500012")
    static let lingonberry = gtin("4601234500029")

    static let subsets: [EANCOMMessageType: String] = [.invrpt: "EAN008", .pricat: "EAN008", .orders: "EAN008", .ordrsp: "EAN005"]

    static func eancom(characterSet: EDIFACTCharacterSet = .unoc, codes: [EANCOMMessageType: String] = subsets) throws -> EANCOMSettings {
        try EANCOMSettings(partner: "wumart", supplier: us, buyer: chain, associationCodes: codes, characterSet: characterSet,
                           timeZone: shanghai, currency: .cny)
    }

    static func x12(separators: X12Separators = .standard, skuQualifier: String = "VN") throws -> X12Settings {
        try X12Settings(partner: "walmart-edi", senderID: "YUGRAFOODS", receiverID: "RETAILERXYZ", separators: separators,
                        usage: .test, timeZone: shanghai, currency: .cny, skuQualifier: skuQualifier)
    }

    /// A test that expects `body` to throw a `MarketSyncError` and returns it (nil, recorded as a failure, when
    /// it throws nothing or something else).
    static func error(_ body: () throws -> Void) -> MarketSyncError? {
        do {
            try body()
            return nil
        } catch let error as MarketSyncError {
            return error
        } catch {
            return nil
        }
    }
}

/// A small deterministic generator (SplitMix64), so property-style tests draw the same cases on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
