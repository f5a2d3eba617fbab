#ifndef MARKETSYNC_CMALLOC_H
#define MARKETSYNC_CMALLOC_H

/// Hands the free memory the C library's malloc keeps back to the kernel (glibc's malloc_trim(0), every arena).
/// Returns 1 when some memory was released, 0 when none was or the C library has no such call (musl).
int msync_malloc_trim(void);

#endif
