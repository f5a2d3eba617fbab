import Foundation

/// ORDERS interchanges as a chain writes them (the shape of docs/edi.md's sources' sample), with the counts computed
/// unless a test breaks one on purpose.
enum EANCOMTestFiles {
    /// An ORDERS interchange from the chain to us: one order `number` dated `day` (CCYYMMDD) with `lines` (GTIN,
    /// units). `untCount` replaces the right `UNT` count (a malformed file).
    static func orders(_ number: String, reference: String = "ORD0001", day: String = "20250305", lines: [(gtin: String, units: Int)],
                       untCount: Int? = nil) -> String {
        var body = ["BGM+220+\(number)+9", "DTM+137:\(day):102", "NAD+BY+6901234500011::9", "NAD+SU+4607654300010::9"]
        for (index, line) in lines.enumerated() {
            body.append("LIN+\(index + 1)++\(line.gtin):EN")
            body.append("QTY+21:\(line.units)")
        }
        body += ["UNS+S", "CNT+2:\(lines.count)"]
        let segments = ["UNH+1+ORDERS:D:96A:UN:EAN008"] + body
        let count = untCount ?? segments.count + 1
        let all = ["UNB+UNOC:3+6901234500011:14+4607654300010:14+250305:0930+\(reference)"] + segments
            + ["UNT+\(count)+1", "UNZ+1+\(reference)"]
        return "UNA:+.? '" + all.map { $0 + "'" }.joined(separator: "\n") + "\n"
    }
}
