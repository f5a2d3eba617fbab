internal import Foundation
internal import MarketSync
internal import NIOSSL

/// Whether and how the connection to PostgreSQL is encrypted, named as libpq names its `sslmode` values, so the same
/// URL means the same to `psql`.
public enum PostgresTLSMode: Sendable, Hashable {
    /// Plain TCP (`sslmode=disable`, the default): the database on the same host or a private network.
    case disable
    /// Encrypted, the server's certificate not checked (`sslmode=require`): safe from eavesdropping, not from a
    /// server that pretends to be the database.
    case require
    /// Encrypted, the certificate checked against `rootCertificate` (a PEM file; the system's roots when nil), the
    /// host name not (`sslmode=verify-ca`).
    case verifyCA(rootCertificate: String?)
    /// Encrypted, the certificate checked and issued for the URL's host (`sslmode=verify-full`).
    case verifyFull(rootCertificate: String?)

    /// The mode from a URL's `sslmode` and `sslrootcert` values.
    ///
    /// - Throws: `MarketSyncError` `.config` (key `store`) for a mode other than these four, a root certificate
    ///   given without a mode that checks one, or a root certificate file that cannot be read.
    init(sslmode: String?, sslrootcert: String?) throws {
        switch sslmode ?? "disable" {
        case "disable": self = .disable
        case "require": self = .require
        case "verify-ca": self = .verifyCA(rootCertificate: sslrootcert)
        case "verify-full": self = .verifyFull(rootCertificate: sslrootcert)
        case let other:
            throw MarketSyncError(.config, "the store URL's sslmode must be disable, require, verify-ca or verify-full, not \(other)",
                                  key: "store")
        }
        if let sslrootcert {
            guard rootCertificate != nil else {
                throw MarketSyncError(.config, "the store URL's sslrootcert is used only with sslmode=verify-ca or verify-full",
                                      key: "store")
            }
            guard FileManager.default.isReadableFile(atPath: sslrootcert) else {
                throw MarketSyncError(.config, "the store URL's sslrootcert \(sslrootcert) cannot be read", key: "store")
            }
        }
    }

    /// The PEM file certificates are checked against, when the mode checks them against a file of its own.
    public var rootCertificate: String? {
        switch self {
        case .disable, .require: nil
        case .verifyCA(let file), .verifyFull(let file): file
        }
    }

    /// `sslmode=…` (and `&sslrootcert=…`) as a URL says it; empty for `disable`.
    var queryText: String {
        let mode = switch self {
        case .disable: ""
        case .require: "sslmode=require"
        case .verifyCA: "sslmode=verify-ca"
        case .verifyFull: "sslmode=verify-full"
        }
        return mode + (rootCertificate.map { "&sslrootcert=\($0)" } ?? "")
    }

    /// The client's TLS settings; nil for `disable`.
    var configuration: TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch self {
        case .disable: return nil
        case .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let rootCertificate { tls.trustRoots = .file(rootCertificate) }
        return tls
    }
}
