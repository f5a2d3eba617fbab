#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Converts bytes between two encodings through the C library's `iconv`, strictly: no transliteration, no
/// replacement character; the first byte sequence that cannot be converted stops the conversion and is reported.
/// (Foundation on Linux has no reliable GB18030 converter; glibc's iconv does, both ways.)
///
/// It owns an iconv handle, so it is a class used by one writer or reader call at a time, never shared.
final class SheetTranscoder {
    /// Where a conversion stopped: the offset of the first byte of the sequence that could not be converted.
    struct Failure: Error, Equatable {
        /// The offset within the bytes given.
        var offset: Int
    }

    private let handle: iconv_t

    /// A converter from `source` to `target` (iconv names: `UTF-8`, `GB18030`, `WINDOWS-1251`), or nil when the C
    /// library has none.
    init?(from source: String, to target: String) {
        let opened = iconv_open(target, source)
        // iconv_open reports failure as (iconv_t)-1.
        guard let opened, Int(bitPattern: opened) != -1 else { return nil }
        handle = opened
    }

    deinit {
        iconv_close(handle)
    }

    /// `bytes` converted, or where the first sequence that cannot be converted (or is cut short at the end) starts.
    func convert(_ bytes: [UInt8]) -> Result<[UInt8], Failure> {
        if bytes.isEmpty { return .success([]) }
        // Start from the initial shift state: the last call may have stopped mid-character.
        _ = iconv(handle, nil, nil, nil, nil)
        var input = bytes
        // No character of these encodings grows past 4 bytes, and none is shorter than 1: 4 × input is room enough.
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 8)
        let handle = self.handle
        let (consumed, produced, failed) = input.withUnsafeMutableBytes { inputBytes in
            output.withUnsafeMutableBytes { outputBytes -> (Int, Int, Bool) in
                guard let inputBase = inputBytes.baseAddress, let outputBase = outputBytes.baseAddress else { return (0, 0, true) }
                var inPointer: UnsafeMutablePointer<CChar>? = inputBase.assumingMemoryBound(to: CChar.self)
                var inLeft = inputBytes.count
                var outPointer: UnsafeMutablePointer<CChar>? = outputBase.assumingMemoryBound(to: CChar.self)
                var outLeft = outputBytes.count
                var failed = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) == size_t.max
                if !failed { failed = iconv(handle, nil, nil, &outPointer, &outLeft) == size_t.max }
                return (inputBytes.count - inLeft, outputBytes.count - outLeft, failed || inLeft > 0)
            }
        }
        if failed { return .failure(Failure(offset: consumed)) }
        return .success(Array(output[..<produced]))
    }
}
