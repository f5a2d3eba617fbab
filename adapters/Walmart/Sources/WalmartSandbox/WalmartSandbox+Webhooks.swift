internal import Foundation
internal import MarketSync
internal import Synchronization
internal import Walmart

/// Webhook emitting (docs/channels.md, "The sandbox"): every new purchase order the sandbox creates is a `PO_CREATED`
/// event and every line it auto-cancels a `PO_LINE_AUTOCANCELLED` event, posted to each `ACTIVE` subscription of that
/// event type with the subscription's authentication: HMAC (`WM_SEC.SIGNATURE` and `WM_SEC.TIMESTAMP`, signed with the
/// seller's client secret, ``WalmartWebhookSignature``) or BASIC (`Basic` user and password in the header named
/// `authHeaderName`, `Authorization` by default). An answer other than 200 (or none) is retried after 1, 2, 4 and 8
/// seconds of the sandbox's clock, with the same `eventId`; with `deliver_twice` on, a delivered event is sent once more.
extension WalmartSandbox {
    /// Waits between attempts of one event: five attempts in all.
    static let webhookRetryDelays: [Duration] = [.seconds(1), .seconds(2), .seconds(4), .seconds(8)]

    /// Delivers queued events until the task is cancelled; each event's attempts run beside the others'. Run it beside
    /// the server (nothing is delivered otherwise: events wait in the queue).
    public func runWebhookDeliveries() async {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let jobs = store.withLock { store -> [WalmartSandboxWebhookJob] in
                    defer { store.pendingWebhooks.removeAll() }
                    return store.pendingWebhooks
                }
                for job in jobs { group.addTask { await self.deliver(job) } }
                await webhookWake.wait()
            }
        }
    }

    /// What the sandbox does beside answering, for whoever runs its server: ``runWebhookDeliveries()``.
    public func runBackgroundWork() async {
        await runWebhookDeliveries()
    }

    /// Returns once at least `count` delivery attempts were made (recorded with their answers), or when the task is
    /// cancelled.
    public func waitForWebhookDeliveries(count: Int) async {
        let token = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = store.withLock { store -> Bool in
                    guard store.world.webhookDeliveries.count < count, !Task.isCancelled else { return true }
                    store.deliveryWaiters.append((token, count, continuation))
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = store.withLock { store -> CheckedContinuation<Void, Never>? in
                guard let index = store.deliveryWaiters.firstIndex(where: { $0.token == token }) else { return nil }
                return store.deliveryWaiters.remove(at: index).continuation
            }
            waiter?.resume()
        }
    }

    /// Sets whether each delivered event is sent a second time.
    public func setDeliverTwice(_ on: Bool) {
        mutate { world, _ in world.deliverTwice = on }
    }

    // MARK: Making events

    /// The jobs of one event about `order` for every active subscription of `type` (lines: the ones the event is
    /// about, all when nil). Called under the lock with the world as it is after the change.
    static func webhookJobs(_ type: String, order: WalmartSandboxOrder, lines: Set<String>? = nil, world: inout WalmartSandboxState,
                            now: Int64) -> [WalmartSandboxWebhookJob] {
        let subscriptions = world.subscriptions.values.filter { $0.eventType == type && $0.status == "ACTIVE" }
            .sorted { $0.subscriptionID < $1.subscriptionID }
        guard !subscriptions.isEmpty else { return [] }
        world.webhookEvents += 1
        let eventID = String(format: "sandbox-event-%08d", world.webhookEvents)
        let body = eventBody(type, eventID: eventID, order: order, lines: lines, now: now)
        return subscriptions.map {
            WalmartSandboxWebhookJob(eventID: eventID, eventType: type, purchaseOrderID: order.purchaseOrderID, subscription: $0, body: body)
        }
    }

    /// Queues `jobs` and wakes the delivery loop.
    func queue(_ jobs: [WalmartSandboxWebhookJob]) {
        guard !jobs.isEmpty else { return }
        store.withLock { $0.pendingWebhooks += jobs }
        webhookWake.signal()
    }

    /// The event as Walmart's order event pages show it: `source{eventType, eventVersion, eventTime, eventId}`,
    /// `payload{partnerId, purchaseOrderId, customerOrderId, orderDate, orderLines[…]}`, statuses in capitals.
    static func eventBody(_ type: String, eventID: String, order: WalmartSandboxOrder, lines: Set<String>?, now: Int64) -> Data {
        let orderLines: [[String: Any]] = order.lines.filter { lines?.contains($0.lineNumber) ?? true }.map { line in
            let status = line.statuses.last { $0.quantity > 0 } ?? line.statuses.last
            var object: [String: Any] = [
                "lineNumber": line.lineNumber, "sku": line.sku, "productName": line.productName,
                "quantity": ["unitOfMeasure": "EACH", "measurementValue": line.quantity] as [String: Any],
                "status": (status?.status ?? "Created").uppercased(), "statusDate": isoTime(line.statusDate),
            ]
            if let reason = status?.cancellationReason { object["cancellationReason"] = reason }
            return object
        }
        let event: [String: Any] = [
            "source": ["eventType": type, "eventVersion": "V1", "eventTime": isoTime(now), "eventId": eventID],
            "payload": [
                "partnerId": partnerID, "purchaseOrderId": order.purchaseOrderID, "customerOrderId": order.customerOrderID,
                "orderDate": isoTime(order.orderDate), "orderLines": orderLines,
            ] as [String: Any],
        ]
        return (try? JSONSerialization.data(withJSONObject: event, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }

    /// `2026-11-20T08:00:00.000Z`.
    static func isoTime(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000))
    }

    // MARK: Delivering

    /// Every attempt of one event: until a 200, or the retries run out (or the task is cancelled).
    func deliver(_ job: WalmartSandboxWebhookJob) async {
        var attempt = 1
        while !Task.isCancelled {
            if await send(job, attempt: attempt, repeated: false) == 200 {
                if store.withLock({ $0.world.deliverTwice }) { _ = await send(job, attempt: attempt, repeated: true) }
                return
            }
            guard attempt <= Self.webhookRetryDelays.count else { return }
            do { try await clock.sleep(for: Self.webhookRetryDelays[attempt - 1]) } catch { return }
            attempt += 1
        }
    }

    /// One attempt, recorded with its answer; returns the status, nil when nothing came back.
    private func send(_ job: WalmartSandboxWebhookJob, attempt: Int, repeated: Bool) async -> Int? {
        let sentAt = Self.milliseconds(clock.now())
        var status: Int?
        var answer: String
        if let transport = webhookTransport, let url = URL(string: job.subscription.eventURL) {
            let request = WireRequest(method: "POST", url: url, headers: headers(for: job, url: url, at: sentAt), body: job.body)
            do {
                let response = try await transport.send(request)
                status = response.status
                answer = String(decoding: response.body.prefix(300), as: UTF8.self)
            } catch {
                answer = "not delivered: \(error)"
            }
        } else {
            answer = "not delivered: the sandbox has no transport for webhooks"
        }
        let delivery = WalmartSandboxDelivery(eventID: job.eventID, eventType: job.eventType, purchaseOrderID: job.purchaseOrderID,
                                              subscriptionID: job.subscription.subscriptionID, attempt: attempt, status: status,
                                              answer: answer, repeated: repeated, sentAt: sentAt)
        let ready = store.withLock { store -> [CheckedContinuation<Void, Never>] in
            store.generation += 1
            store.world.webhookDeliveries.append(delivery)
            let count = store.world.webhookDeliveries.count
            let ready = store.deliveryWaiters.filter { $0.count <= count }.map(\.continuation)
            store.deliveryWaiters.removeAll { $0.count <= count }
            return ready
        }
        persist()
        for waiter in ready { waiter.resume() }
        return status
    }

    /// `Content-Type` and the subscription's authentication, signed (HMAC) at the time of sending.
    private func headers(for job: WalmartSandboxWebhookJob, url: URL, at milliseconds: Int64) -> [HeaderField] {
        var headers = [HeaderField("Content-Type", "application/json")]
        switch job.subscription.authMethod {
        case "HMAC":
            // Epoch seconds, as Walmart's "Security and authenticity" page says of WM_SEC.TIMESTAMP.
            let timestamp = String(milliseconds / 1000)
            var target = url.path(percentEncoded: true)
            if target.isEmpty { target = "/" }
            if let query = url.query(percentEncoded: true) { target += "?" + query }
            let signature = WalmartWebhookSignature.sign(method: "POST", target: target, timestamp: timestamp, body: job.body,
                                                         secret: clientSecret)
            headers.append(HeaderField(job.subscription.authHeaderName ?? WalmartWebhookSignature.signatureHeader, signature))
            headers.append(HeaderField(WalmartWebhookSignature.timestampHeader, timestamp))
        case "BASIC_AUTH":
            let credentials = Data("\(job.subscription.userName ?? ""):\(job.subscription.password ?? "")".utf8).base64EncodedString()
            headers.append(HeaderField(job.subscription.authHeaderName ?? "Authorization", "Basic \(credentials)"))
        default:
            break
        }
        return headers
    }
}
