/// One request and the response it got.
public struct CassetteInteraction: Hashable, Sendable, Codable {
    /// What was sent.
    public var request: CassetteRequest
    /// What came back.
    public var response: CassetteResponse

    /// An interaction from a request and its response.
    public init(request: CassetteRequest, response: CassetteResponse) {
        self.request = request
        self.response = response
    }
}
