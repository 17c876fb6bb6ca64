import AsyncHTTPClient
import Domain
import Foundation
import Metrics
import NIOCore
import NIOHTTP1

/// One JSON call to a downstream with its deadline, and the one place that tells a business answer from an
/// infrastructure failure (ADR 020): only a 200 whose body decodes is an answer; a timeout, a connection
/// that could not be made or broke, a 5xx, a 429, any other 4xx and an unreadable body are failures with
/// their class. Records `clicknback_downstream_call_seconds` and `clicknback_downstream_calls_total`.
struct DownstreamCall: Sendable {
    let client: HTTPClient
    let endpoint: DownstreamEndpoint

    /// Answers are small; anything bigger is not an answer of this contract.
    static let maxAnswerBytes = 64 * 1024

    func post<Body: Encodable, Answer: Decodable>(
        _ path: String, _ body: Body, headers extra: [(String, String)] = [], answer: Answer.Type
    ) async -> Result<Answer, DownstreamFailure> {
        let started = ContinuousClock.now
        let result = await send(path, body, extra, answer)
        let outcome: String
        switch result {
        case .success: outcome = "answer"
        case .failure(let failure): outcome = failure.failureClass.rawValue
        }
        let dimensions = [("downstream", endpoint.downstream.rawValue), ("outcome", outcome)]
        Counter(label: "clicknback_downstream_calls_total", dimensions: dimensions).increment()
        let elapsed = ContinuousClock.now - started
        Timer(label: "clicknback_downstream_call_seconds", dimensions: dimensions)
            .recordNanoseconds(elapsed.wholeNanoseconds)
        return result
    }

    private func send<Body: Encodable, Answer: Decodable>(
        _ path: String, _ body: Body, _ extra: [(String, String)], _ answer: Answer.Type
    ) async -> Result<Answer, DownstreamFailure> {
        var request = HTTPClientRequest(url: endpoint.baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let token = endpoint.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        do {
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
            let response = try await client.execute(
                request, timeout: .nanoseconds(endpoint.timeout.wholeNanoseconds))
            let bytes = try await response.body.collect(upTo: Self.maxAnswerBytes)
            guard response.status == .ok else { return .failure(Self.failure(status: response.status)) }
            do {
                return .success(try JSONDecoder().decode(Answer.self, from: Data(bytes.readableBytesView)))
            } catch {
                return .failure(DownstreamFailure(.malformed, "unreadable answer: \(error)"))
            }
        } catch {
            return .failure(Self.failure(error))
        }
    }

    static func failure(status: HTTPResponseStatus) -> DownstreamFailure {
        let message = "answered \(status.code)"
        return switch status.code {
        case 429: DownstreamFailure(.http429, message)
        case 500...: DownstreamFailure(.http5xx, message)
        default: DownstreamFailure(.http4xx, message)
        }
    }

    static func failure(_ error: any Error) -> DownstreamFailure {
        if let client = error as? HTTPClientError,
            [.deadlineExceeded, .readTimeout, .connectTimeout, .getConnectionFromPoolTimeout].contains(client)
        {
            return DownstreamFailure(.timeout, "no answer before the deadline (\(client))")
        }
        return DownstreamFailure(.connection, "call failed: \(error)")
    }
}
