public import Domain
import Foundation

/// Partner administration (create, credentials: issue, list, rotate, revoke) and the lookup that
/// authenticates a partner request (ADR 015).
public struct PartnerService: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock
    let sealer: any SecretSealer
    /// How long a rotated credential keeps working (`PARTNER_ROTATION_OVERLAP_SECONDS`).
    let rotationOverlap: Duration

    public init(unitOfWork: any UnitOfWork, clock: any WallClock, sealer: any SecretSealer, rotationOverlap: Duration) {
        (self.unitOfWork, self.clock, self.sealer, self.rotationOverlap) = (unitOfWork, clock, sealer, rotationOverlap)
    }

    /// A credential just issued, with its secret: the only time the secret is shown.
    public struct IssuedCredential: Sendable {
        public let credential: PartnerCredential
        public let secret: String
    }

    public func create(name: String, merchantIDs: Set<MerchantID>, by admin: UserID) async throws -> Partner {
        let partner = Partner(id: .random(), name: name, merchantIDs: merchantIDs, active: true, createdAt: clock.now())
        return try await unitOfWork.transaction { repositories in
            var missing: [String] = []
            for id in merchantIDs.sorted(by: { $0.description < $1.description })
            where try await repositories.merchants.lock(id: id) == nil {
                missing.append(id.description)
            }
            guard missing.isEmpty else { throw PartnerError.unknownMerchants(missing) }
            guard try await repositories.partners.insert(partner) else { throw PartnerError.duplicateName(name) }
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: partner.createdAt, actor: .admin(admin), action: .partnerCreated,
                    resourceType: "partner", resourceID: partner.id.description,
                    details: [
                        "name": name, "merchant_ids": merchantIDs.map(\.description).sorted().joined(separator: ","),
                    ]))
            return partner
        }
    }

    public func list() async throws -> [Partner] {
        try await unitOfWork.withConnection { try await $0.partners.list() }
    }

    public func issueCredential(partnerID id: PartnerID, by admin: UserID) async throws -> IssuedCredential {
        let partner = try await existing(id)
        return try await issue(for: partner.id, action: .partnerCredentialIssued, by: admin) { _ in }
    }

    public func credentials(partnerID id: PartnerID) async throws -> [PartnerCredential] {
        let partner = try await existing(id)
        return try await unitOfWork.withConnection { try await $0.partners.credentials(of: partner.id) }
    }

    /// Issues a new credential and lets `keyID` work for the overlap only.
    public func rotate(partnerID id: PartnerID, keyID: String, by admin: UserID) async throws -> IssuedCredential {
        let partner = try await existing(id)
        let expiry = clock.now().addingTimeInterval(rotationOverlap.seconds)
        return try await issue(for: partner.id, action: .partnerCredentialRotated, by: admin) { repositories in
            guard try await repositories.partners.expire(keyID: keyID, partnerID: partner.id, at: expiry) else {
                throw PartnerError.credentialNotFound(keyID)
            }
        }
    }

    public func revoke(partnerID id: PartnerID, keyID: String, by admin: UserID) async throws {
        let partner = try await existing(id)
        let now = clock.now()
        try await unitOfWork.transaction { repositories in
            guard try await repositories.partners.revoke(keyID: keyID, partnerID: partner.id, at: now) else {
                throw PartnerError.credentialNotFound(keyID)
            }
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: now, actor: .admin(admin), action: .partnerCredentialRevoked,
                    resourceType: "partner_credential", resourceID: keyID))
        }
    }

    /// Records a verified signature as used; `false` when any API instance accepted it before, a replay (ADR 038).
    /// It is remembered for twice `window`, the span in which its timestamp is accepted.
    public func acceptSignature(_ signature: String, window: Duration) async throws -> Bool {
        try await unitOfWork.withConnection {
            try await $0.partnerRequests.recordSignature(signature, memory: window * 2)
        }
    }

    /// Takes one request from the partner's limit, which every API instance shares (ADR 038): `nil` when the
    /// request may go on, otherwise how long until the partner may send the next one.
    public func takeRequest(for partner: PartnerID, perSecond rate: Double, burst: Int) async throws -> Duration? {
        let interval = Duration.nanoseconds(Int64((1_000_000_000 / rate).rounded()))
        return try await unitOfWork.withConnection {
            try await $0.partnerRequests.takeSlot(for: partner, interval: interval, burst: burst)
        }
    }

    /// The active partner behind a usable credential, with the credential's secret in the text form the partner
    /// holds (the bearer secret and the HMAC key); `nil` otherwise.
    public func authenticate(keyID: String) async throws -> (partner: Partner, secret: String)? {
        guard
            let (credential, ciphertext, partner) = try await unitOfWork.withConnection({
                try await $0.partners.credential(keyID: keyID)
            }), credential.isUsable(at: clock.now()), partner.active
        else { return nil }
        // A secret sealed under another server key (the key changed) cannot authenticate anything: refuse it
        // like a wrong secret rather than failing the request.
        guard let secret = try? sealer.open(ciphertext, keyID: keyID) else { return nil }
        return (partner, Self.base64URL(secret))
    }

    private func existing(_ id: PartnerID) async throws -> Partner {
        guard let partner = try await unitOfWork.withConnection({ try await $0.partners.find(id: id) }) else {
            throw PartnerError.notFound(id.description)
        }
        return partner
    }

    private func issue(
        for partnerID: PartnerID, action: AuditAction, by admin: UserID,
        _ before: @escaping @Sendable (any Repositories) async throws -> Void
    ) async throws -> IssuedCredential {
        var generator = SystemRandomNumberGenerator()
        let keyID =
            "pk_" + (0..<10).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let secretBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let credential = PartnerCredential(
            keyID: keyID, partnerID: partnerID, createdAt: clock.now(), expiresAt: nil, revokedAt: nil)
        let ciphertext = try sealer.seal(secretBytes, keyID: keyID)
        try await unitOfWork.transaction { repositories in
            try await before(repositories)
            try await repositories.partners.insertCredential(credential, ciphertext: ciphertext)
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: credential.createdAt, actor: .admin(admin), action: action,
                    resourceType: "partner_credential", resourceID: keyID,
                    details: ["partner_id": partnerID.description]))
        }
        return IssuedCredential(credential: credential, secret: Self.base64URL(secretBytes))
    }

    /// A secret's text form: base64url without padding.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

}
