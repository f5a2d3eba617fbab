import Foundation
@testable import MarketSyncWire
import Testing

@Suite struct SFTPListingTests {
    @Test func longLinesGiveRegularFilesWithExactSizesAndNamesWithSpaces() {
        let text = """
        drwxr-xr-x    2 root     root         4096 Nov 28 08:58 .
        drwxr-xr-x    5 root     root         4096 Nov 28 08:58 ..
        -rw-r--r--    1 root     root           10 Nov 28 08:58 ORDERS 001.edi
        -rw-r--r--    1 edi      partners  1234567 Jan  3  2025 ORDERS_002.edi\r
        lrwxrwxrwx    1 root     root           11 Nov 28 08:58 link.edi -> /etc/hostname
        drwxr-xr-x    2 root     root         4096 Nov 28 08:58 sub
        -rw-r--r--    1 root     root          3x Nov 28 08:58 unreadable-size.edi
        """
        #expect(SFTPListing.regularFiles(in: text) == [
            SFTPListing.Line(name: "ORDERS 001.edi", size: 10),
            SFTPListing.Line(name: "ORDERS_002.edi", size: 1_234_567),
        ])
    }

    @Test func nlstNamesLeaveOutDotEntries() {
        #expect(SFTPListing.names(in: ".\r\n..\r\nA.edi\r\nB C.edi\r\n") == ["A.edi", "B C.edi"])
    }

    @Test func sftpCommandPathsAreQuotedWithEscapes() {
        #expect(CurlFileDrop.quoted("/x/..\\a\"b") == "\"/x/..\\\\a\\\"b\"")
    }
}
