internal import CCrypto
public import Foundation

/// Message digests and MACs over OpenSSL's libcrypto: the system library the project builds against anyway
/// (libssl-dev), which spares the build a second crypto stack.
public enum Digest {
    /// MD5 of `data`.
    public static func md5(_ data: Data) -> Data { run(16, data) { msync_md5($0, $1, $2) } }
    /// SHA-256 of `data`.
    public static func sha256(_ data: Data) -> Data { run(32, data) { msync_sha256($0, $1, $2) } }
    /// HMAC-SHA256 of `data` with `key`.
    public static func hmacSHA256(key: Data, _ data: Data) -> Data {
        key.withUnsafeBytes { keyBytes in
            run(32, data) { msync_hmac_sha256(keyBytes.baseAddress, keyBytes.count, $0, $1, $2) }
        }
    }
    /// HMAC-MD5 of `data` with `key`.
    public static func hmacMD5(key: Data, _ data: Data) -> Data {
        key.withUnsafeBytes { keyBytes in
            run(16, data) { msync_hmac_md5(keyBytes.baseAddress, keyBytes.count, $0, $1, $2) }
        }
    }

    private static func run(_ size: Int, _ data: Data, _ body: (UnsafeRawPointer?, Int, UnsafeMutablePointer<UInt8>?) -> Int32) -> Data {
        var out = [UInt8](repeating: 0, count: size)
        let status = data.withUnsafeBytes { bytes in
            out.withUnsafeMutableBufferPointer { body(bytes.baseAddress, bytes.count, $0.baseAddress) }
        }
        // libcrypto only fails here on allocation failure or a missing provider: a broken installation.
        precondition(status == 1, "libcrypto digest failed")
        return Data(out)
    }
}

extension Data {
    /// Uppercase hexadecimal.
    public var uppercaseHex: String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
