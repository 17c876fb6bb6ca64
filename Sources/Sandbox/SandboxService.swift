import Foundation
import Synchronization

/// One played service (the bank or the rail): its credential, its faults and its traffic.
public final class SandboxService: Sendable {
    let token: String?
    let traffic = SandboxTraffic()
    private let current: Mutex<SandboxControl>
    private let stopping = Mutex(false)

    public init(token: String?, control: SandboxControl) {
        self.token = token
        self.current = Mutex(control)
    }

    var control: SandboxControl { current.withLock { $0 } }

    func change(_ change: SandboxControlChange) -> Result<SandboxControl, SandboxRefusal> {
        current.withLock { control in
            let result = change.applied(to: control)
            if case .success(let next) = result { control = next }
            return result
        }
    }

    /// Ends every hung call (answered 503), so a graceful shutdown does not wait for them.
    public func stop() { stopping.withLock { $0 = true } }

    /// Whether `header` (the request's `Authorization`) carries this service's credential.
    func admits(_ header: String?) -> Bool {
        guard let token else { return true }
        return header == "Bearer \(token)"
    }

    /// Plays the faults before a business answer: the outage, the latency, then the error rate. Returns `false`
    /// when the call must be answered 503; a hang never returns before its task is cancelled.
    func faultsPass() async -> Bool {
        traffic.record()
        let control = self.control
        switch control.outage {
        case .down: return false
        case .hang:
            // Until the outage is switched off or the sandbox stops, so a hung call never outlives either.
            while self.control.outage == .hang, !stopping.withLock({ $0 }), !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
            }
            return false
        case .none: break
        }
        if control.latencyMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(control.latencyMilliseconds)) }
        return control.errorRate == 0 || Double.random(in: 0..<1) >= control.errorRate
    }
}
