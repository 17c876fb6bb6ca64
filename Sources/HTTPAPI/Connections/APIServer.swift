public import HummingbirdCore
import NIOCore

/// The API's HTTP/1.1 server: Hummingbird's, with the connection governor on every connection, a header
/// timeout for the first request and an idle timeout between requests (`HTTP_*` settings).
public enum APIServer {
    public static func http1(governor: ConnectionGovernor, headerTimeout: Duration, idleTimeout: Duration)
        -> HTTPServerBuilder
    {
        .http1(
            configuration: .init(
                additionalChannelHandlers: [
                    ConnectionGovernorHandler(governor: governor, headerTimeout: headerTimeout)
                ],
                idleTimeout: TimeAmount(idleTimeout)))
    }
}
