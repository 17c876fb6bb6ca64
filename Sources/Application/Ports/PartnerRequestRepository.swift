public import Domain

/// What every API instance shares about partner requests (ADR 038), so that a second instance neither accepts a
/// replayed signature nor doubles a partner's rate limit: the signatures already accepted, and each partner's
/// rate-limit clock.
public protocol PartnerRequestRepository: Sendable {
    /// Records `signature` as used; `false` when it was recorded before, by any instance. Signatures older than
    /// `memory` are forgotten (a signed request is refused anyway once its timestamp is out of the window).
    func recordSignature(_ signature: String, memory: Duration) async throws -> Bool

    /// Takes the partner's next request slot on a shared clock (GCRA): slots are `interval` apart, and up to
    /// `burst` may be taken at once. `nil` when a slot was taken, otherwise how long until the next one is free.
    func takeSlot(for partner: PartnerID, interval: Duration, burst: Int) async throws -> Duration?
}
