internal import Dispatch
internal import Foundation
internal import MarketSync
internal import Synchronization

/// A few dedicated threads that run blocking libcurl transfers off Swift's cooperative pool.
///
/// Each thread owns one easy handle for its whole life, so keep-alive connections are reused across
/// requests. Threads start on the first submitted job and end when the pool is closed.
final class CurlWorkerPool: Sendable {
    struct Job: Sendable {
        var request: WireRequest
        var cancel: CancellationFlag
        var continuation: CheckedContinuation<WireResponse, any Error>
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
            job.continuation.resume(throwing: MarketSyncError(.transport, "the curl transport was shut down"))
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
            job.continuation.resume(throwing: MarketSyncError(.transport, "the curl transport was shut down"))
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
                job.continuation.resume(throwing: CancellationError())
                continue
            }
            guard let easy else {
                job.continuation.resume(throwing: MarketSyncError(.transport, "libcurl could not create a handle"))
                continue
            }
            job.continuation.resume(with: Result { try easy.perform(job.request, cancel: job.cancel) })
        }
    }
}
