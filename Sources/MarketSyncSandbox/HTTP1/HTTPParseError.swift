/// Why a request could not be read; the connection answers with `status` and closes.
struct HTTPParseError: Error, Equatable {
    var status: Int
    var reason: String

    static func badRequest(_ reason: String) -> HTTPParseError { HTTPParseError(status: 400, reason: reason) }
}
