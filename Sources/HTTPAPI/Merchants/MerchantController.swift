import Application
import Domain
import Foundation
import Hummingbird

/// Admin merchant management: create, list, activate/deactivate.
struct MerchantController {
    let merchants: MerchantService
    let limits: PageLimits

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.post, "/api/v1/merchants/") { request, context in
            let admin = try context.requireAdmin()
            var body = try await BodyFields.read(request, context: context)
            let name = body.string("name", maxLength: 200)
            let percentage = body.decimal("default_cashback_percentage")
            let active = body.optionalBool("active")
            try body.finish()
            guard let name, let percentage else { throw APIError.validation(body.violations) }
            let merchant = try await merchants.create(
                name: name, defaultCashbackPercentage: percentage, active: active ?? true, by: admin.id)
            return try JSONResponse.make(MerchantResponse(merchant), status: .created)
        }
        routes.on(.get, "/api/v1/merchants/") { request, context in
            _ = try context.requireAdmin()
            var query = QueryFields(request)
            let page = query.page(defaultLimit: limits.defaultLimit, maxLimit: limits.maxLimit)
            let active = query.bool("active")
            try query.finish()
            let result = try await merchants.list(active: active, page: page)
            return try JSONResponse.make(PageResponse(result, request: page, transform: MerchantResponse.init))
        }
        routes.on(.patch, "/api/v1/merchants/{merchant_id}/status") { request, context in
            let admin = try context.requireAdmin()
            let status = try await StatusBody.read(request, context: context)
            let id = context.parameters.get("merchant_id") ?? ""
            let merchant = try await merchants.setStatus(merchantID: id, to: status, by: admin.id)
            return try JSONResponse.make(StatusResponse(id: id, status: ActivityStatus(active: merchant.active)))
        }
    }
}

/// A merchant as the API shows it.
struct MerchantResponse: Encodable {
    let name: String
    let defaultCashbackPercentage: Decimal
    let active: Bool
    let id: String

    init(_ merchant: Merchant) {
        self.name = merchant.name
        self.defaultCashbackPercentage = merchant.defaultCashbackPercentage
        self.active = merchant.active
        self.id = merchant.id.description
    }

    enum CodingKeys: String, CodingKey {
        case name, active, id
        case defaultCashbackPercentage = "default_cashback_percentage"
    }
}

/// The `{"status": "active" | "inactive"}` body of the activation endpoints.
enum StatusBody {
    static func read(_ request: Request, context: APIRequestContext) async throws -> ActivityStatus {
        var body = try await BodyFields.read(request, context: context)
        let status = body.choice("status", as: ActivityStatus.self, message: "Input should be 'active' or 'inactive'")
        try body.finish()
        guard let status else { throw APIError.validation(body.violations) }
        return status
    }
}

/// `{"id", "status"}`, the answer of the activation endpoints.
struct StatusResponse: Encodable {
    let id: String
    let status: ActivityStatus
}

extension ActivityStatus: Encodable {}
