import Application
import Domain
import Foundation
import PostgresNIO

/// Partners with their merchant bindings, and their credentials (secrets as AES-GCM ciphertext only).
struct PostgresPartnerRepository: PartnerRepository {
    let connection: PostgresConnection
    let logger: Logger

    private static let partnerColumns = """
        p.id, p.name, p.active, p.created_at,
        coalesce((SELECT array_agg(m.merchant_id::text) FROM partner_merchants m WHERE m.partner_id = p.id), '{}')
        """
    private static let credentialColumns = "c.key_id, c.partner_id, c.created_at, c.expires_at, c.revoked_at"

    func insert(_ partner: Partner) async throws -> Bool {
        do {
            try await connection.query(
                """
                WITH inserted AS (
                    INSERT INTO partners (id, name, active, created_at)
                    VALUES (\(partner.id.uuid), \(partner.name), \(partner.active), \(partner.createdAt)) RETURNING id
                )
                INSERT INTO partner_merchants (partner_id, merchant_id)
                SELECT inserted.id, m FROM inserted, unnest(\(partner.merchantIDs.map(\.uuid))::uuid[]) AS m
                """, logger: logger)
            return true
        } catch  where UniqueViolation.matches(error, constraint: "partners_name_key") {
            return false
        }
    }

    func find(id: PartnerID) async throws -> Partner? {
        try await partners("WHERE p.id = $1", id.uuid).first
    }

    func list() async throws -> [Partner] {
        try await partners("ORDER BY p.created_at, p.name", nil)
    }

    func insertCredential(_ credential: PartnerCredential, ciphertext: Data) async throws {
        try await connection.query(
            """
            INSERT INTO partner_credentials (key_id, partner_id, secret_ciphertext, created_at)
            VALUES (\(credential.keyID), \(credential.partnerID.uuid), \(ciphertext), \(credential.createdAt))
            """, logger: logger)
    }

    func credentials(of partnerID: PartnerID) async throws -> [PartnerCredential] {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.credentialColumns) FROM partner_credentials c
            WHERE c.partner_id = \(partnerID.uuid) ORDER BY c.created_at, c.key_id
            """, logger: logger)
        var credentials: [PartnerCredential] = []
        for try await row in rows.decode((String, UUID, Date, Date?, Date?).self) {
            credentials.append(Self.credential(row))
        }
        return credentials
    }

    func credential(keyID: String) async throws -> (PartnerCredential, Data, Partner)? {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.credentialColumns), c.secret_ciphertext, \(unescaped: Self.partnerColumns)
            FROM partner_credentials c JOIN partners p ON p.id = c.partner_id WHERE c.key_id = \(keyID)
            """, logger: logger)
        for try await row in rows.decode(
            (String, UUID, Date, Date?, Date?, Data, UUID, String, Bool, Date, [String]).self)
        {
            let credential = Self.credential((row.0, row.1, row.2, row.3, row.4))
            return (credential, row.5, Self.partner((row.6, row.7, row.8, row.9, row.10)))
        }
        return nil
    }

    func expire(keyID: String, partnerID: PartnerID, at instant: Date) async throws -> Bool {
        try await changed(
            """
            UPDATE partner_credentials SET expires_at = \(instant)
            WHERE key_id = \(keyID) AND partner_id = \(partnerID.uuid) AND revoked_at IS NULL
              AND expires_at IS NULL RETURNING key_id
            """)
    }

    func revoke(keyID: String, partnerID: PartnerID, at instant: Date) async throws -> Bool {
        try await changed(
            """
            UPDATE partner_credentials SET revoked_at = \(instant)
            WHERE key_id = \(keyID) AND partner_id = \(partnerID.uuid) AND revoked_at IS NULL RETURNING key_id
            """)
    }

    private func changed(_ query: PostgresQuery) async throws -> Bool {
        for try await _ in try await connection.query(query, logger: logger) { return true }
        return false
    }

    private func partners(_ clause: String, _ bind: UUID?) async throws -> [Partner] {
        var bindings = PostgresBindings()
        if let bind { bindings.append(bind) }
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(Self.partnerColumns) FROM partners p \(clause)", binds: bindings),
            logger: logger)
        var partners: [Partner] = []
        for try await row in rows.decode((UUID, String, Bool, Date, [String]).self) {
            partners.append(Self.partner(row))
        }
        return partners
    }

    private static func partner(_ row: (UUID, String, Bool, Date, [String])) -> Partner {
        Partner(
            id: PartnerID(row.0), name: row.1, merchantIDs: Set(row.4.compactMap(MerchantID.init(parsing:))),
            active: row.2, createdAt: row.3)
    }

    private static func credential(_ row: (String, UUID, Date, Date?, Date?)) -> PartnerCredential {
        PartnerCredential(
            keyID: row.0, partnerID: PartnerID(row.1), createdAt: row.2, expiresAt: row.3, revokedAt: row.4)
    }
}
