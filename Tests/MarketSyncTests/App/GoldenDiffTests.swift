import Foundation
import Testing
@testable import MarketSyncApp

@Suite struct GoldenDiffTests {
    func diff(_ expected: String, _ actual: String) -> String? {
        GoldenDiff.difference(expected: Data(expected.utf8), actual: Data(actual.utf8))
    }

    @Test func equalBytesHaveNoDifference() {
        #expect(diff("UNA:+.? 'UNB+UNOC:3'", "UNA:+.? 'UNB+UNOC:3'") == nil)
    }

    @Test func anEDIFACTFileIsCutAtItsTerminatorButNotAtAReleasedOne() {
        let expected = "UNA:+.? 'UNB+UNOC:3'IMD+F++:::Grandma?'s nuts'PRI+AAA:68.30'"
        let actual = "UNA:+.? 'UNB+UNOC:3'IMD+F++:::Grandma?'s nuts'PRI+AAA:68.40'"
        #expect(diff(expected, actual) == "segment 4 differs at byte 57: expected `PRI+AAA:68.30'`, got `PRI+AAA:68.40'`")
    }

    @Test func theTerminatorComesFromUNA() {
        #expect(diff("UNA:+.? !UNB+UNOC:3!BGM+9!", "UNA:+.? !UNB+UNOC:3!BGM+8!") == "segment 3 differs at byte 24: expected `BGM+9!`, got `BGM+8!`")
    }

    @Test func anX12FileIsCutAtTheISAsTerminator() {
        let isa = "ISA*00*          *00*          *ZZ*YUGRAFOODS     *08*925485US00     *261128*0900*U*00401*000000001*0*P*>~"
        #expect(isa.utf8.count == 106)
        #expect(diff(isa + "\nGS*FA~\nST*997*0001~", isa + "\nGS*FA~\nST*997*0002~")
                == "segment 3 differs at byte 124: expected `ST*997*0001~`, got `ST*997*0002~`")
    }

    @Test func aShorterFileSaysWhatIsMissing() {
        #expect(diff("a\nb\nc\n", "a\nb\n") == "line 3 differs at byte 4: expected `c\\n`, got nothing (the file ends before)")
        #expect(diff("a\n", "a\nz\n") == "line 2 differs at byte 2: expected nothing (the file ends before), got `z\\n`")
    }

    @Test func controlCharactersAreEscaped() {
        #expect(diff("x\n", "x\r\n") == "line 1 differs at byte 1: expected `x\\n`, got `x\\r\\n`")
    }
}
