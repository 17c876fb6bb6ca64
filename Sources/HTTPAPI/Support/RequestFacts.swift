import Synchronization

/// What inner middleware learned about a request that outer middleware logs: the authenticated caller or
/// partner.
/// A reference, because each middleware passes the context on as a copy.
final class RequestFacts: Sendable {
    private let caller = Mutex<String?>(nil)
    private let partner = Mutex<String?>(nil)

    var callerID: String? {
        get { caller.withLock { $0 } }
        set { caller.withLock { $0 = newValue } }
    }

    var partnerID: String? {
        get { partner.withLock { $0 } }
        set { partner.withLock { $0 = newValue } }
    }
}
