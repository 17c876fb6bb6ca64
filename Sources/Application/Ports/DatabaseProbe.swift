/// Answers whether the database can be reached (readiness).
public protocol DatabaseProbe: Sendable {
    func ping() async throws
}
