/// One segment of an EDIFACT or X12 interchange, as data: its tag and its elements, each a list of components.
///
/// The same value is what a writer is given and what a parser gives back; the separators, the release
/// character and the terminator belong to the syntax, never to the data. `EDISegment("QTY", ["145", "120"])`
/// is `QTY+145:120'` in EDIFACT and `QTY*145>120~` in X12.
public struct EDISegment: Hashable, Sendable, CustomStringConvertible {
    /// The segment tag (`UNH`, `LIN`, `BIA`).
    public var tag: String
    /// The data elements after the tag, in order; each is its components in order (a simple element has one).
    public var elements: [[String]]

    /// A segment with `tag` and these elements, each given as its list of components.
    public init(_ tag: String, _ elements: [String]...) {
        self.tag = tag
        self.elements = elements
    }

    /// A segment with `tag` and these elements, each given as its list of components.
    public init(tag: String, elements: [[String]]) {
        self.tag = tag
        self.elements = elements
    }

    /// The first component of the 1-based element `position`, or `""` when the segment has no such element.
    public subscript(_ position: Int) -> String {
        component(position, 1)
    }

    /// The 1-based component `component` of the 1-based element `element`, or `""` when absent.
    public func component(_ element: Int, _ component: Int) -> String {
        guard element >= 1, element <= elements.count else { return "" }
        let components = elements[element - 1]
        guard component >= 1, component <= components.count else { return "" }
        return components[component - 1]
    }

    /// The same segment without trailing empty components in each element and without trailing empty elements:
    /// what a writer sends, since EDIFACT and X12 both leave trailing separators out.
    public var trimmed: EDISegment {
        var elements = elements.map { components -> [String] in
            var components = components
            while let last = components.last, last.isEmpty { components.removeLast() }
            return components
        }
        while let last = elements.last, last.isEmpty { elements.removeLast() }
        return EDISegment(tag: tag, elements: elements)
    }

    /// Equal when written alike: the same tag and the same elements once trailing empty components and elements
    /// are left out (`[""]` and `[]` are both an empty element).
    public static func == (lhs: EDISegment, rhs: EDISegment) -> Bool {
        let left = lhs.trimmed
        let right = rhs.trimmed
        return left.tag == right.tag && left.elements == right.elements
    }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        let canonical = trimmed
        hasher.combine(canonical.tag)
        hasher.combine(canonical.elements)
    }

    /// A reading aid with EDIFACT's default separators and no escaping (`LIN+1++4601234500012:EN`); not a
    /// serialization (use a writer for that).
    public var description: String {
        ([tag] + elements.map { $0.joined(separator: ":") }).joined(separator: "+")
    }
}
