import NIOCore
import NIOHTTPTypes

/// One connection's link to the `ConnectionGovernor`: admits it (or closes it) when it opens, tells the governor
/// whether it is idle, reading a request body or being answered (requests are counted, since HTTP/1.1 clients
/// may pipeline), and closes a connection whose first request head has not arrived within the header timeout
/// (an idle or slowloris socket). Later requests on a kept-alive connection are bounded by Hummingbird's idle
/// timeout instead.
final class ConnectionGovernorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let governor: ConnectionGovernor
    private let headerTimeout: TimeAmount
    private var registered = false
    private var headerDeadline: Scheduled<Void>?
    /// Request heads received whose response has not ended yet.
    private var openRequests = 0
    /// A request head arrived and its end has not.
    private var readingBody = false

    init(governor: ConnectionGovernor, headerTimeout: Duration) {
        self.governor = governor
        self.headerTimeout = TimeAmount(headerTimeout)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { register(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        register(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            headerDeadline?.cancel()
            headerDeadline = nil
            openRequests += 1
            readingBody = true
            report(context)
        case .end:
            readingBody = false
            report(context)
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            openRequests = max(0, openRequests - 1)
            report(context)
        }
        context.write(data, promise: promise)
    }

    private func report(_ context: ChannelHandlerContext) {
        guard registered else { return }
        governor.set(context.channel, readingBody ? .reading : openRequests > 0 ? .answering : .idle)
    }

    func channelInactive(context: ChannelHandlerContext) {
        unregister(context)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        unregister(context)
    }

    private func register(_ context: ChannelHandlerContext) {
        guard !registered else { return }
        registered = true
        guard governor.admit(context.channel) else {
            context.close(promise: nil)
            return
        }
        let channel = context.channel
        headerDeadline = context.eventLoop.scheduleTask(in: headerTimeout) { channel.close(promise: nil) }
    }

    private func unregister(_ context: ChannelHandlerContext) {
        headerDeadline?.cancel()
        headerDeadline = nil
        guard registered else { return }
        registered = false
        governor.remove(context.channel)
    }
}

@available(*, unavailable)
extension ConnectionGovernorHandler: Sendable {}
