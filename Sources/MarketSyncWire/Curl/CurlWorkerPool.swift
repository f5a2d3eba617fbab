internal import CCurl
internal import Dispatch
internal import Foundation
internal import MarketSync
internal import Synchronization

/// A few dedicated threads that run blocking libcurl transfers off Swift's cooperative pool.
///
/// Each thread owns one easy handle for its whole life, so keep-alive connections are reused across
/// requests. Threads start on the first submitted job and end when the pool is closed.
final class CurlWorkerPool: Sendable {
    /// One piece of work for a worker thread: `run` gets the thread's easy handle (nil when libcurl could not
    /// make one), `fail` is called instead when the pool is shut down or the job was cancelled before it started.
    struct Job: Sendable {
        var cancel: CancellationFlag
        var run: @Sendable (CurlEasyHandle?) -> Void
        var fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var queue: [Job] = []
        var head = 0
        var started = false
        var closed = false

        mutating func pop() -> Job? {
            guard head < queue.count else { return nil }
            let job = queue[head]
            head += 1
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 64 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            return job
        }
    }

    private let options: CurlTransport.Options
    private let threadCount: Int
    private let state = Mutex(State())
    /// One signal per queued job, plus one per thread on close.
    private let available = DispatchSemaphore(value: 0)

    init(options: CurlTransport.Options) {
        self.options = options
        self.threadCount = min(max(options.maxConcurrentTransfers, 1), 64)
    }

    func submit(_ job: Job) {
        let (accepted, startThreads) = state.withLock { state -> (Bool, Bool) in
            guard !state.closed else { return (false, false) }
            state.queue.append(job)
            defer { state.started = true }
            return (true, !state.started)
        }
        guard accepted else {
            job.fail(MarketSyncError(.transport, "the curl transport was shut down"))
            return
        }
        if startThreads {
            for index in 0..<threadCount {
                let thread = Thread { [self] in work() }
                thread.name = "curl-\(index)"
                thread.start()
            }
        }
        available.signal()
    }

    /// Fails queued jobs and lets every thread finish its current transfer and exit.
    func close() {
        let (orphans, started) = state.withLock { state -> ([Job], Bool) in
            state.closed = true
            var orphans: [Job] = []
            while let job = state.pop() { orphans.append(job) }
            return (orphans, state.started)
        }
        for job in orphans {
            job.fail(MarketSyncError(.transport, "the curl transport was shut down"))
        }
        if started {
            for _ in 0..<threadCount { available.signal() }
        }
    }

    private func work() {
        let easy = CurlEasyHandle(options: options)
        while true {
            available.wait()
            let (job, closed) = state.withLock { state in (state.pop(), state.closed) }
            guard let job else {
                if closed { return }
                continue
            }
            if job.cancel.isCancelled {
                job.fail(CancellationError())
                continue
            }
            job.run(easy)
        }
    }

    /// Runs `body` on a worker thread with its easy handle and waits for it without blocking the caller's
    /// thread. Cancelling the task sets the flag `body` gets (libcurl's progress callback aborts the transfer).
    func run<Result: Sendable>(_ body: @escaping @Sendable (CurlEasyHandle, CancellationFlag) throws -> Result) async throws -> Result {
        try Task.checkCancellation()
        let initCode = ccurl_global_init_once()
        guard initCode == CURLE_OK else {
            throw MarketSyncError(.transport, "libcurl failed to initialise: code \(initCode.rawValue)")
        }
        let cancel = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
                submit(Job(cancel: cancel, run: { easy in
                    guard let easy else {
                        continuation.resume(throwing: MarketSyncError(.transport, "libcurl could not create a handle"))
                        return
                    }
                    continuation.resume(with: Swift.Result { try body(easy, cancel) })
                }, fail: { error in continuation.resume(throwing: error) }))
            }
        } onCancel: {
            cancel.cancel()
        }
    }
}
