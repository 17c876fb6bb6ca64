import Application
import Domain

/// The shared partner request guards in memory: signatures as a set, and a limit that ignores time (a partner
/// gets `burst` requests in all), enough for the services' tests; the timing is tested against PostgreSQL.
struct InMemoryPartnerRequests: PartnerRequestRepository {
    let working: WorkingCopy

    func recordSignature(_ signature: String, memory: Duration) async throws -> Bool {
        working.state.withLock { $0.partnerSignatures.insert(signature).inserted }
    }

    func takeSlot(for partner: PartnerID, interval: Duration, burst: Int) async throws -> Duration? {
        working.state.withLock { state in
            let taken = state.partnerRequestsTaken[partner, default: 0]
            guard taken < burst else { return interval }
            state.partnerRequestsTaken[partner] = taken + 1
            return nil
        }
    }
}
