import Testing
@testable import MarketSync

@Suite struct GTINTests {
    @Test(arguments: ["4601234500012", "4601234500029", "96385074"])
    func acceptsValid(_ text: String) throws {
        #expect(try GTIN(validating: text).digits == text)
    }

    @Test func rejectsBadCheckDigit() {
        #expect(throws: GTIN.Problem.badCheckDigit(expected: 2, found: 3)) { try GTIN(validating: "4601234500013") }
    }
}
