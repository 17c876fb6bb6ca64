import Application
import Domain
import Foundation
import Hummingbird

/// Admin management of partners and their credentials (ADR 015). A secret appears only in the answer that
/// issues it.
struct PartnerController {
    let partners: PartnerService

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.post, "/api/v1/admin/partners", use: create)
        routes.on(.get, "/api/v1/admin/partners", use: list)
        routes.on(.post, "/api/v1/admin/partners/{partner_id}/credentials", use: issueCredential)
        routes.on(.get, "/api/v1/admin/partners/{partner_id}/credentials", use: credentials)
        routes.on(.post, "/api/v1/admin/partners/{partner_id}/credentials/{key_id}/rotation", use: rotate)
        routes.on(.delete, "/api/v1/admin/partners/{partner_id}/credentials/{key_id}", use: revoke)
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws
        -> EditedResponse<PartnerResponse>
    {
        let admin = try context.requireAdmin()
        var body = try await BodyFields.read(request, context: context)
        let name = body.string("name", minLength: 1, maxLength: 200)
        let merchantIDs = body.stringArray("merchant_ids")
        let (validName, rawIDs) = try body.finish(name, merchantIDs)
        let malformed = rawIDs.filter { MerchantID(parsing: $0) == nil }
        guard malformed.isEmpty else { throw PartnerError.unknownMerchants(malformed) }
        let partner = try await partners.create(
            name: validName, merchantIDs: Set(rawIDs.compactMap(MerchantID.init(parsing:))), by: admin.id)
        return EditedResponse(status: .created, response: PartnerResponse(partner))
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> DataResponse<PartnerResponse> {
        _ = try context.requireAdmin()
        return DataResponse(data: try await partners.list().map(PartnerResponse.init))
    }

    @Sendable func issueCredential(_ request: Request, context: APIRequestContext) async throws
        -> EditedResponse<IssuedCredentialResponse>
    {
        let admin = try context.requireAdmin()
        let issued = try await partners.issueCredential(partnerID: try Self.partnerID(context), by: admin.id)
        return EditedResponse(status: .created, headers: .noStore, response: IssuedCredentialResponse(issued))
    }

    @Sendable func credentials(_ request: Request, context: APIRequestContext) async throws
        -> DataResponse<CredentialResponse>
    {
        _ = try context.requireAdmin()
        let now = Date()
        let credentials = try await partners.credentials(partnerID: try Self.partnerID(context))
        return DataResponse(data: credentials.map { CredentialResponse($0, now: now) })
    }

    @Sendable func rotate(_ request: Request, context: APIRequestContext) async throws
        -> EditedResponse<IssuedCredentialResponse>
    {
        let admin = try context.requireAdmin()
        let issued = try await partners.rotate(
            partnerID: try Self.partnerID(context), keyID: context.parameters.get("key_id") ?? "", by: admin.id)
        return EditedResponse(status: .created, headers: .noStore, response: IssuedCredentialResponse(issued))
    }

    @Sendable func revoke(_ request: Request, context: APIRequestContext) async throws -> Response {
        let admin = try context.requireAdmin()
        try await partners.revoke(
            partnerID: try Self.partnerID(context), keyID: context.parameters.get("key_id") ?? "", by: admin.id)
        return Response(status: .noContent)
    }

    private static func partnerID(_ context: APIRequestContext) throws -> PartnerID {
        try context.id("partner_id", orElse: PartnerError.notFound)
    }
}
