/// What a writer made of one run's rows: the files to deliver and the rows it left out.
public struct SheetWriteResult: Sendable {
    /// The files, by split value (store code or order number) in code-point order; one file for a sheet that is not
    /// split (with only the header when no row could be written, so a snapshot of nothing is still said).
    public var files: [SheetFile]
    /// The rows left out, each with its reason. Whether a sheet missing rows may still go is the adapter's choice
    /// (a snapshot without a row may read as "no longer stocked" to a chain).
    public var refused: [SheetRowRefusal]
    /// The sequence number the next run's first file takes.
    public var nextSequence: Int

    /// A result as made.
    public init(files: [SheetFile], refused: [SheetRowRefusal], nextSequence: Int) {
        self.files = files
        self.refused = refused
        self.nextSequence = nextSequence
    }
}
