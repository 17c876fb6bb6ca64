public import Hummingbird
import NIOCore

/// How every handler's transfer type becomes a response body: JSON with the API's one configuration (`JSONWire`:
/// sorted keys, unescaped slashes). Handlers return the value, with `EditedResponse` for another status or extra
/// headers; `APIRequestContext.responseEncoder` hands them here.
public struct WireResponseEncoder: ResponseEncoder {
    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response
    {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONWire.encode(value))))
    }
}
