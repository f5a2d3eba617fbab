/// A party of an interchange as `UNB` names it: an identification and the qualifier of its code list (`14` for
/// a GLN).
public struct EDIFACTPartyIdentification: Hashable, Sendable {
    /// The identification (`4607654300010`).
    public var id: String
    /// The code qualifier (`14` = GS1/EAN location number), or nil when none is given.
    public var qualifier: String?

    /// A party identified by `id` under `qualifier`.
    public init(id: String, qualifier: String?) {
        self.id = id
        self.qualifier = qualifier
    }

    /// A party identified by its GLN (qualifier `14`).
    public init(gln: GLN) {
        self.init(id: gln.digits, qualifier: "14")
    }
}
