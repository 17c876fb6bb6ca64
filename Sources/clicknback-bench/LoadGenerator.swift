import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// `clicknback-bench`: the load generator of `make bench`, an AsyncHTTPClient client that measures the
/// server from outside (latency = request sent → full response received).
@main
struct LoadGenerator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clicknback-bench", abstract: "Load generator for make bench.",
        subcommands: [ClosedLoop.self, OpenLoop.self])
}

/// What every load command needs: the API, the callers, the merchant to buy from.
struct Target: ParsableArguments {
    @Option(help: "API base URL.") var url = "http://127.0.0.1:8080"
    @Option(help: "File of 'user_id access_token' lines.") var tokens: String
    @Option(help: "Merchant id with an active offer.") var merchant: String
    @Option(help: "Prefix of generated external ids.") var prefix = "bench-\(UUID().uuidString.prefix(8))"
    @Option(
        help: """
            GET this path as each caller instead of posting purchases (the cost of the HTTP stack, auth and one \
            read without ingestion, for make bench-cpu).
            """)
    var get: String?

    func callers() throws -> [(user: String, token: String)] {
        try String(contentsOfFile: tokens, encoding: .utf8).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }

    func request(number: Int, caller: (user: String, token: String)) -> HTTPClientRequest {
        if let get {
            var request = HTTPClientRequest(url: url + get)
            request.headers.add(name: "Authorization", value: "Bearer \(caller.token)")
            return request
        }
        var request = HTTPClientRequest(url: url + "/api/v1/purchases/")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(caller.token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        let body =
            #"{"external_id": "\#(prefix)-\#(number)", "user_id": "\#(caller.user)", "merchant_id": "\#(merchant)", "amount": "100.00", "currency": "EUR"}"#
        request.body = .bytes(ByteBuffer(string: body))
        return request
    }
}

/// One request's outcome. `status` is 0 when no response came (connection error, timeout).
struct Sample: Sendable {
    let latency: Duration
    let status: Int
    let purchaseID: String?
    let completedAt: Date

    var ok: Bool { status == 201 || status == 200 }
    /// Refused by the ingest rate limit: the server was quick to say no, not slow.
    var limited: Bool { status == 429 }
}

func send(_ client: HTTPClient, _ request: HTTPClientRequest) async -> Sample {
    let started = ContinuousClock.now
    do {
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        let id =
            (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])?["id"] as? String
        return Sample(
            latency: ContinuousClock.now - started, status: Int(response.status.code), purchaseID: id,
            completedAt: Date())
    } catch {
        return Sample(latency: ContinuousClock.now - started, status: 0, purchaseID: nil, completedAt: Date())
    }
}

func makeClient(connections: Int) -> HTTPClient {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool = .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}

/// Percentiles and counts of a run, as JSON for the report. `rps` counts every answer, `accepted_rps` only the
/// purchases created; `limited` (429 from the rate limit) is kept apart from `errors` (anything else that is not
/// 201), so that a run against `make run`'s defaults tells "limited" from "slow".
func summary(_ samples: [Sample], elapsed: Duration, extra: [String: Any]) -> [String: Any] {
    let latencies = samples.map(\.latency.milliseconds).sorted()
    func percentile(_ p: Double) -> Double {
        latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
    }
    let seconds = elapsed.milliseconds / 1000
    var result: [String: Any] = [
        "requests": samples.count, "limited": samples.filter(\.limited).count,
        "errors": samples.filter { !$0.ok && !$0.limited }.count, "seconds": seconds,
        "rps": Double(samples.count) / max(seconds, 0.001),
        "accepted_rps": Double(samples.filter(\.ok).count) / max(seconds, 0.001),
        "statuses": Dictionary(grouping: samples) { $0.status == 0 ? "no answer" : String($0.status) }
            .mapValues(\.count), "p50_ms": percentile(0.50), "p90_ms": percentile(0.90),
        "p99_ms": percentile(0.99), "max_ms": latencies.last ?? 0,
        "latencies_ms_sample": stride(from: 0, to: latencies.count, by: max(1, latencies.count / 2000)).map {
            latencies[$0]
        },
    ]
    result.merge(extra) { _, new in new }
    return result
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}

func printJSON(_ object: [String: Any]) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

/// Closed loop: `concurrency` clients send back to back for `duration` seconds (throughput), or until `count`
/// requests are sent (a fixed amount of work, for CPU per request).
struct ClosedLoop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "closed", abstract: "Back-to-back load at a concurrency.")
    @OptionGroup var target: Target
    @Option var concurrency = 16
    @Option(help: "Seconds.") var duration = 10.0
    @Option(help: "Stop after this many requests instead of after the duration.") var count: Int?

    func run() async throws {
        let callers = try target.callers()
        let client = makeClient(connections: concurrency)
        let counter = SequenceNumbers()
        let deadline = ContinuousClock.now + .milliseconds(Int64(duration * 1000))
        let started = ContinuousClock.now
        let samples = await withTaskGroup(of: [Sample].self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var mine: [Sample] = []
                    while count != nil || ContinuousClock.now < deadline {
                        let number = counter.next()
                        if let count, number > count { break }
                        mine.append(
                            await send(client, target.request(number: number, caller: callers[number % callers.count])))
                    }
                    return mine
                }
            }
            return await group.reduce(into: [Sample]()) { $0 += $1 }
        }
        let elapsed = ContinuousClock.now - started
        try await client.shutdown()
        try printJSON(summary(samples, elapsed: elapsed, extra: ["concurrency": concurrency]))
    }
}

/// Open loop: requests arrive at a fixed rate whatever the server does (latency under a given load);
/// `--ids` writes `purchase_id,response_unix_seconds` for the ingest→settled measurement.
struct OpenLoop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Fixed-rate arrivals.")
    @OptionGroup var target: Target
    @Option(help: "Requests per second.") var rate = 100.0
    @Option var count = 1000
    @Option(help: "Where to write purchase ids and response times (CSV).") var ids: String?
    @Option(help: "Where to write each request's start (ms from the first) and latency in ms (CSV), in start order.")
    var samples: String?

    func run() async throws {
        let callers = try target.callers()
        let client = makeClient(connections: 256)
        let started = ContinuousClock.now
        let timed = await withTaskGroup(of: (sent: Duration, sample: Sample).self) { group in
            for number in 0..<count {
                let due = started + .microseconds(Int64(Double(number) / rate * 1_000_000))
                try? await Task.sleep(until: due, clock: .continuous)
                group.addTask {
                    let sent = ContinuousClock.now - started
                    return (
                        sent,
                        await send(client, target.request(number: number, caller: callers[number % callers.count]))
                    )
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let samples = timed.map(\.sample)
        let elapsed = ContinuousClock.now - started
        try await client.shutdown()
        if let ids {
            let lines = samples.compactMap { sample in
                sample.purchaseID.map { "\($0),\(String(format: "%.6f", sample.completedAt.timeIntervalSince1970))" }
            }
            try lines.joined(separator: "\n").appending("\n").write(toFile: ids, atomically: true, encoding: .utf8)
        }
        if let path = self.samples {
            let lines = timed.sorted { $0.sent < $1.sent }.map {
                String(format: "%.3f,%.3f", $0.sent.milliseconds, $0.sample.latency.milliseconds)
            }
            try lines.joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        try printJSON(summary(samples, elapsed: elapsed, extra: ["rate": rate]))
    }
}

/// Unique request numbers shared by the concurrent clients.
final class SequenceNumbers: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}
