internal import CMalloc

/// Hands the heap memory a finished run freed back to the kernel.
///
/// A run reads the whole catalog and plans every SKU; what it allocated is freed when it ends, but glibc's malloc
/// keeps freed pages in its arenas (one per thread that allocated) for the next allocation, so an idle process still
/// counts them in its RSS. Trimming returns the free pages; the next run takes them from the kernel again, which
/// costs little next to the run itself. docs/benchmarks.md ("bench-footprint") has the figures.
public enum HeapTrim {
    /// Returns the free memory of every malloc arena to the kernel (glibc's `malloc_trim(0)`). True when some was
    /// released; false when none was, or on a C library without the call.
    @discardableResult
    public static func releaseFreeMemory() -> Bool {
        msync_malloc_trim() == 1
    }
}
