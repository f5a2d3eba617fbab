/// Metadata keys, declared once.
public enum LogKey {
    public static let channel = "sync.channel"
    public static let runID = "sync.run_id"
    public static let sku = "sync.sku"
    public static let file = "sync.file"
    public static let errorCode = "error.code"
    public static let delayMS = "retry.delay_ms"
    public static let httpStatus = "http.status"
    public static let count = "sync.count"
}

extension LogKey {
    public static let leaseHolder = "lease.holder"
    public static let done = "sync.done"
    public static let total = "sync.total"
}
