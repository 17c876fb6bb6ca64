import Application
import Domain
import Foundation
import Hummingbird

/// Admin merchant management: create, list, activate/deactivate.
struct MerchantController {
    let merchants: MerchantService
    let limits: PageLimits

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.post, "/api/v1/merchants/", use: create)
        routes.on(.get, "/api/v1/merchants/", use: list)
        routes.on(.patch, "/api/v1/merchants/{merchant_id}/status", use: setStatus)
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws
        -> EditedResponse<MerchantResponse>
    {
        let admin = try context.requireAdmin()
        var body = try await BodyFields.read(request, context: context)
        let name = body.string("name", maxLength: 200)
        let percentage = body.decimal("default_cashback_percentage")
        let active = body.optionalBool("active")
        let (validName, validPercentage) = try body.finish(name, percentage)
        let merchant = try await merchants.create(
            name: validName, defaultCashbackPercentage: validPercentage, active: active ?? true, by: admin.id)
        return EditedResponse(status: .created, response: MerchantResponse(merchant))
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<MerchantResponse> {
        _ = try context.requireAdmin()
        var query = QueryFields(request)
        let page = query.page(defaultLimit: limits.defaultLimit, maxLimit: limits.maxLimit)
        let active = query.bool("active")
        try query.finish()
        let result = try await merchants.list(active: active, page: page)
        return PageResponse(result, request: page, transform: MerchantResponse.init)
    }

    @Sendable func setStatus(_ request: Request, context: APIRequestContext) async throws -> StatusResponse {
        let admin = try context.requireAdmin()
        let status = try await StatusBody.read(request, context: context)
        let id: MerchantID = try context.id("merchant_id", orElse: MerchantError.notFound)
        let merchant = try await merchants.setStatus(merchantID: id, to: status, by: admin.id)
        return StatusResponse(id: id.description, status: ActivityStatus(active: merchant.active))
    }
}

/// The `{"status": "active" | "inactive"}` body of the activation endpoints.
enum StatusBody {
    static func read(_ request: Request, context: APIRequestContext) async throws -> ActivityStatus {
        var body = try await BodyFields.read(request, context: context)
        let status = body.choice("status", as: ActivityStatus.self, message: "Input should be 'active' or 'inactive'")
        return try body.finish(status)
    }
}

extension ActivityStatus: Encodable {}
