#if canImport(Glibc)
import Glibc
#endif
import MarketSync
import RetailSheets

/// Decodes a delivered GB18030 sheet with glibc's iconv directly (not the codec's decoder), strictly: a byte that is
/// not GB18030 fails the test.
enum SheetTextCheck {
    static func utf8(fromGB18030 bytes: [UInt8]) throws -> [UInt8] {
        let converter = iconv_open("UTF-8", "GB18030")
        guard let converter, Int(bitPattern: converter) != -1 else {
            throw MarketSyncError(.sheetEncoding, "iconv has no GB18030 converter")
        }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let written: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return -1 }
                return outBuffer.count - outLeft
            }
        }
        guard written >= 0 else { throw MarketSyncError(.sheetEncoding, "the sheet is not GB18030") }
        return output.prefix(written).map { UInt8(bitPattern: $0) }
    }
}
