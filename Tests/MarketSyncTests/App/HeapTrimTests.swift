import Foundation
import MarketSyncApp
import Testing

@Suite struct HeapTrimTests {
    /// 64 MiB in 32 KiB blocks (below malloc's mmap threshold, so they come from an arena), written so they are
    /// resident, then freed but for every 64th block, which keeps the freed runs from reaching the top of the arena
    /// where `free` would return them by itself. Only the trim hands those pages back.
    @Test func trimmingReturnsFreedHeapPagesToTheKernel() throws {
        let blockSize = 32 * 1024
        var blocks: [UnsafeMutableRawPointer] = []
        for _ in 0..<2048 {
            let block = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 16)
            block.initializeMemory(as: UInt8.self, repeating: 0xA5, count: blockSize)
            blocks.append(block)
        }
        for (index, block) in blocks.enumerated() where index % 64 != 63 { block.deallocate() }
        let before = try Self.residentAnonymousKiB()
        let released = HeapTrim.releaseFreeMemory()
        let after = try Self.residentAnonymousKiB()
        for (index, block) in blocks.enumerated() where index % 64 == 63 { block.deallocate() }
        #expect(released)
        // 63 MiB were freed; other tests running beside this one allocate too, so ask for half of it.
        #expect(before - after >= 32 * 1024, "RssAnon \(before) KiB before the trim, \(after) KiB after")
    }

    /// The process's resident anonymous memory (`RssAnon` of /proc/self/status), in KiB.
    static func residentAnonymousKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? ""))
    }
}
