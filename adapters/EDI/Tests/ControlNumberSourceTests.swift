import EDI
import MarketSync
import Testing

@Suite("Control numbers")
struct ControlNumberSourceTests {
    @Test("numbers count up per partner and kind, independently")
    func perPartnerAndKind() async throws {
        let source = InMemoryControlNumberSource(first: [.interchange: 100])
        #expect(try await source.next(.interchange, for: "a") == 100)
        #expect(try await source.next(.interchange, for: "a") == 101)
        #expect(try await source.next(.interchange, for: "b") == 100)
        #expect(try await source.next(.message, for: "a") == 1)
        #expect(try await source.next(.group, for: "a") == 1)
        #expect(try await source.next(.interchange, for: "a") == 102)
    }

    @Test("concurrent callers never get the same number")
    func concurrent() async throws {
        let source = InMemoryControlNumberSource()
        let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<200 { group.addTask { try await source.next(.interchange, for: "wumart") } }
            var all: [Int] = []
            for try await number in group { all.append(number) }
            return all
        }
        #expect(Set(numbers).count == 200)
        #expect(numbers.max() == 200)
    }

    @Test("past the limit the source throws instead of wrapping round to a used number")
    func limit() async throws {
        let source = InMemoryControlNumberSource(first: [.interchange: 999_999_998])
        #expect(try await source.next(.interchange, for: "a") == 999_999_998)
        #expect(try await source.next(.interchange, for: "a") == 999_999_999)
        do {
            _ = try await source.next(.interchange, for: "a")
            Issue.record("the source wrapped")
        } catch let error as MarketSyncError {
            #expect(error.code == .ediControl)
            #expect(error.channel == "a")
        }
    }
}
