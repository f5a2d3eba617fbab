import Foundation

/// 850 interchanges as a partner writes them (fixed-width ISA, counts computed unless a test breaks one).
enum X12TestFiles {
    static func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }

    /// An interchange from the partner (`RETAILERXYZ`) to us (`YUGRAFOODS`) holding one 850: order `number` dated
    /// `day` with `lines` (GTIN, units, price). `seCount` replaces the right `SE` count (a malformed file).
    static func purchaseOrder(_ number: String, control: Int = 555, day: String = "20250305",
                              lines: [(gtin: String, units: Int, price: String)], seCount: Int? = nil, receiver: String = "YUGRAFOODS") -> String {
        let isa13 = String(format: "%09d", control)
        let isa = "ISA*00*\(pad("", 10))*00*\(pad("", 10))*ZZ*\(pad("RETAILERXYZ", 15))*ZZ*\(pad(receiver, 15))*250305*0930*U*00401*\(isa13)*0*T*>"
        var body = ["BEG*00*SA*\(number)**\(day)"]
        for (index, line) in lines.enumerated() {
            body.append("PO1*\(index + 1)*\(line.units)*EA*\(line.price)**EN*\(line.gtin)")
        }
        body.append("CTT*\(lines.count)")
        let count = seCount ?? body.count + 2
        let segments = [isa, "GS*PO*RETAILERXYZ*YUGRAFOODS*20250305*0930*\(control)*X*004010", "ST*850*0001"] + body
            + ["SE*\(count)*0001", "GE*1*\(control)", "IEA*1*\(isa13)"]
        return segments.map { $0 + "~" }.joined(separator: "\n") + "\n"
    }
}
