#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import Foundation
import MarketSync

/// Encodes a whole sheet's text the way a chain's office tools save it: UTF-8 (with or without a byte order mark)
/// by Swift, GB18030 and Windows-1251 through the C library's iconv, strictly (no transliteration): a character the
/// encoding cannot carry is an error, never replaced.
enum PartnerTextEncoder {
    /// `text` in the encoding named (`utf-8`, `utf-8-bom`, `gb18030`, `windows-1251`); throws `config` when a character
    /// cannot be carried or the C library has no converter.
    static func encode(_ text: String, encoding: String, channel: ChannelID) throws -> Data {
        switch encoding {
        case "utf-8": return Data(text.utf8)
        case "utf-8-bom": return Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        default: break
        }
        let target = encoding == "gb18030" ? "GB18030" : encoding == "windows-1251" ? "WINDOWS-1251" : encoding.uppercased()
        let handle = iconv_open(target, "UTF-8")
        guard let handle, Int(bitPattern: handle) != -1 else {
            throw MarketSyncError(.config, "the C library has no converter to \(encoding)", channel: channel, key: "sheets.format.encoding")
        }
        defer { iconv_close(handle) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 8)
        let produced: Int? = input.withUnsafeMutableBytes { inputBytes in
            output.withUnsafeMutableBytes { outputBytes -> Int? in
                guard let inputBase = inputBytes.baseAddress, let outputBase = outputBytes.baseAddress else { return 0 }
                var inPointer: UnsafeMutablePointer<CChar>? = inputBase.assumingMemoryBound(to: CChar.self)
                var inLeft = inputBytes.count
                var outPointer: UnsafeMutablePointer<CChar>? = outputBase.assumingMemoryBound(to: CChar.self)
                var outLeft = outputBytes.count
                guard iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) != size_t.max, inLeft == 0,
                      iconv(handle, nil, nil, &outPointer, &outLeft) != size_t.max else { return nil }
                return outputBytes.count - outLeft
            }
        }
        guard let produced else {
            throw MarketSyncError(.config, "the order sheet holds a character \(encoding) cannot carry", channel: channel,
                                  key: "sheets.format.encoding")
        }
        return Data(output[..<produced])
    }
}
