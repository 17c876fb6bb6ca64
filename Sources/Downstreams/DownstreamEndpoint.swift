public import Domain

/// Where one downstream lives and how it is called: `BANK_URL`/`RAIL_URL`, its bearer credential
/// (`BANK_TOKEN`/`RAIL_TOKEN`) and the deadline of every call (`BANK_TIMEOUT_MS`/`RAIL_TIMEOUT_MS`).
public struct DownstreamEndpoint: Sendable {
    public let downstream: Downstream
    /// Without a trailing slash; paths of the contract (`/v1/…`) are appended.
    public let baseURL: String
    public let token: String?
    public let timeout: Duration

    public init(downstream: Downstream, baseURL: String, token: String?, timeout: Duration) {
        self.downstream = downstream
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.timeout = timeout
    }
}
