import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who the client is, for the per-client limits on login and registration (ADR 018). Without trusted proxies
/// it is the connection's peer address and `X-Forwarded-For` is ignored, since anyone can send it. Behind a
/// reverse proxy or load balancer listed in `TRUSTED_PROXIES`, it is the right-most `X-Forwarded-For` address
/// that is not itself a trusted proxy (the last hop that a trusted machine saw). IPv6 clients are keyed by their
/// /64 network, which one subscriber usually holds whole.
public struct ClientAddressPolicy: Sendable {
    private let trusted: [IPRange]

    /// `trustedProxies`: addresses (`10.0.0.5`, `::1`) or CIDR ranges (`10.0.0.0/8`, `fd00::/8`).
    public init(trustedProxies: [String]) throws(InvalidProxy) {
        self.trusted = try trustedProxies.map { entry throws(InvalidProxy) in
            guard let range = IPRange(entry) else { throw InvalidProxy(entry: entry) }
            return range
        }
    }

    /// A `TRUSTED_PROXIES` entry that is neither an address nor a CIDR range.
    public struct InvalidProxy: Error, Equatable, Sendable {
        public let entry: String

        public init(entry: String) { self.entry = entry }
    }

    /// The key the limits count under: the client's address (IPv6: its /64), or `unknown` without a peer.
    public func clientKey(peer: String?, forwardedFor: [String]) -> String {
        guard let peer, let peerAddress = IPAddress(peer) else { return "unknown" }
        var client = peerAddress
        if isTrusted(peerAddress) {
            let hops = forwardedFor.flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces) }
            for hop in hops.reversed() {
                // Something a trusted proxy wrote that is no address: count it as its own client rather than
                // as the proxy, which would put everyone behind that proxy into one budget.
                guard let address = Self.address(inHop: hop) else { return "forwarded:" + hop.prefix(64) }
                client = address
                if !isTrusted(address) { break }
            }
        }
        return client.limitKey
    }

    /// The address of one `X-Forwarded-For` entry: bare, `a.b.c.d:port` or `[v6]:port` (as some balancers write).
    static func address(inHop hop: String) -> IPAddress? {
        if let bare = IPAddress(hop) { return bare }
        if hop.hasPrefix("["), let close = hop.firstIndex(of: "]") {
            return IPAddress(String(hop[hop.index(after: hop.startIndex)..<close]))
        }
        if hop.filter({ $0 == ":" }).count == 1, let colon = hop.firstIndex(of: ":") {
            return IPAddress(String(hop[..<colon]))
        }
        return nil
    }

    private func isTrusted(_ address: IPAddress) -> Bool { trusted.contains { $0.contains(address) } }
}

/// An IPv4 or IPv6 address as bytes.
struct IPAddress: Equatable {
    let bytes: [UInt8]

    init?(_ text: String) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            let raw = withUnsafeBytes(of: &v6) { Array($0) }
            // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 client it maps.
            bytes = raw.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] ? Array(raw.suffix(4)) : raw
        } else {
            return nil
        }
    }

    /// Dotted IPv4, or the first 64 bits of IPv6 in hex followed by `::/64`.
    var limitKey: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 8, by: 2).map {
            String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16)
        }
        return groups.joined(separator: ":") + "::/64"
    }
}

/// An address range in CIDR form (a bare address is a range of one).
struct IPRange {
    let network: IPAddress
    let prefixLength: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let network = parts.first.flatMap(IPAddress.init) else { return nil }
        let bits = network.bytes.count * 8
        let length = parts.count == 2 ? Int(parts[1]) : bits
        guard let length, (0...bits).contains(length) else { return nil }
        self.network = network
        self.prefixLength = length
    }

    func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var remaining = prefixLength
        for (have, want) in zip(address.bytes, network.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xff : ~(0xff >> UInt8(remaining))
            guard have & mask == want & mask else { return false }
            remaining -= 8
        }
        return true
    }
}
