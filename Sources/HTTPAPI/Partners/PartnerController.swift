import Application
import Domain
import Foundation
import Hummingbird

/// Admin management of partners and their credentials (ADR 015). A secret appears only in the answer that
/// issues it.
struct PartnerController {
    let partners: PartnerService

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.post, "/api/v1/admin/partners") { request, context in
            let admin = try context.requireAdmin()
            var body = try await BodyFields.read(request, context: context)
            let name = body.string("name", minLength: 1, maxLength: 200)
            let merchantIDs = body.stringArray("merchant_ids")
            try body.finish()
            guard let name, let merchantIDs else { throw APIError.validation(body.violations) }
            let partner = try await partners.create(name: name, merchantIDs: merchantIDs, by: admin.id)
            return try JSONResponse.make(PartnerResponse(partner), status: .created)
        }
        routes.on(.get, "/api/v1/admin/partners") { _, context in
            _ = try context.requireAdmin()
            return try JSONResponse.make(["data": try await partners.list().map(PartnerResponse.init)])
        }
        routes.on(.post, "/api/v1/admin/partners/{partner_id}/credentials") { _, context in
            let admin = try context.requireAdmin()
            let issued = try await partners.issueCredential(partnerID: Self.partnerID(context), by: admin.id)
            return try JSONResponse.make(IssuedCredentialResponse(issued), status: .created, headers: .noStore)
        }
        routes.on(.get, "/api/v1/admin/partners/{partner_id}/credentials") { _, context in
            _ = try context.requireAdmin()
            let now = Date()
            let credentials = try await partners.credentials(partnerID: Self.partnerID(context))
            return try JSONResponse.make(["data": credentials.map { CredentialResponse($0, now: now) }])
        }
        routes.on(.post, "/api/v1/admin/partners/{partner_id}/credentials/{key_id}/rotation") { _, context in
            let admin = try context.requireAdmin()
            let issued = try await partners.rotate(
                partnerID: Self.partnerID(context), keyID: context.parameters.get("key_id") ?? "", by: admin.id)
            return try JSONResponse.make(IssuedCredentialResponse(issued), status: .created, headers: .noStore)
        }
        routes.on(.delete, "/api/v1/admin/partners/{partner_id}/credentials/{key_id}") { _, context in
            let admin = try context.requireAdmin()
            try await partners.revoke(
                partnerID: Self.partnerID(context), keyID: context.parameters.get("key_id") ?? "", by: admin.id)
            return Response(status: .noContent)
        }
    }

    private static func partnerID(_ context: APIRequestContext) -> String {
        context.parameters.get("partner_id") ?? ""
    }
}

struct PartnerResponse: Encodable {
    let id: String
    let name: String
    let merchantIDs: [String]
    let active: Bool
    let createdAt: String

    init(_ partner: Partner) {
        id = partner.id.description
        name = partner.name
        merchantIDs = partner.merchantIDs.map(\.description).sorted()
        active = partner.active
        createdAt = WireFormat.utcTimestamp(partner.createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, active
        case merchantIDs = "merchant_ids"
        case createdAt = "created_at"
    }
}

struct CredentialResponse: Encodable {
    let keyID: String
    let state: String
    let createdAt: String
    let expiresAt: String?

    init(_ credential: PartnerCredential, now: Date) {
        keyID = credential.keyID
        state = credential.state(at: now)
        createdAt = WireFormat.utcTimestamp(credential.createdAt)
        expiresAt = credential.expiresAt.map(WireFormat.utcTimestamp)
    }

    enum CodingKeys: String, CodingKey {
        case state
        case keyID = "key_id"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keyID, forKey: .keyID)
        try container.encode(state, forKey: .state)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(expiresAt, forKey: .expiresAt)
    }
}

/// The one answer that shows a secret; the bearer token is `<key_id>.<secret>`.
struct IssuedCredentialResponse: Encodable {
    let keyID: String
    let secret: String
    let createdAt: String

    init(_ issued: PartnerService.IssuedCredential) {
        keyID = issued.credential.keyID
        secret = issued.secret
        createdAt = WireFormat.utcTimestamp(issued.credential.createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case secret
        case keyID = "key_id"
        case createdAt = "created_at"
    }
}
