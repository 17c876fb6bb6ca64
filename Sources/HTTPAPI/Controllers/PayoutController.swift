import Application
import Domain
import Foundation
import HTTPTypes
import Hummingbird

/// Withdrawals: users request and list payouts; admins list and process them.
struct PayoutController {
    let payouts: PayoutService

    static let idempotencyHeader: HTTPField.Name = {
        // A literal, valid token: this cannot fail at run time.
        guard let name = HTTPField.Name("Idempotency-Key") else { preconditionFailure("invalid header name literal") }
        return name
    }()

    static let replayedHeader: HTTPField.Name = {
        guard let name = HTTPField.Name("Idempotent-Replayed") else {
            preconditionFailure("invalid header name literal")
        }
        return name
    }()

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        for path in [
            "/api/v1/users/payouts", "/api/v1/users/me/payouts", "/api/v1/users/wallet/withdraw",
            "/api/v1/users/me/wallet/withdraw",
        ] {
            routes.on(.post, path, use: request)
        }
        for path in ["/api/v1/users/payouts", "/api/v1/users/me/payouts"] {
            routes.on(.get, path, use: listMine)
        }
        routes.on(.get, "/api/v1/admin/payouts", use: list)
        routes.on(.patch, "/api/v1/admin/payouts/{payout_id}/process", use: process)
    }

    @Sendable func request(_ request: Request, context: APIRequestContext) async throws
        -> EditedResponse<PayoutResponse>
    {
        let caller = try context.requireCaller()
        let payoutRequest = try await Self.payoutRequest(from: request, context: context)
        let result = try await payouts.request(payoutRequest, by: caller.id)
        if !result.replayed { APIMetrics.payoutRequested() }
        return EditedResponse(
            status: .created, headers: result.replayed ? [Self.replayedHeader: "true"] : [:],
            response: PayoutResponse(result.payout, includeUser: false))
    }

    @Sendable func listMine(_ request: Request, context: APIRequestContext) async throws -> PayoutListResponse {
        let caller = try context.requireCaller()
        let (page, status) = try Self.listQuery(request)
        let result = try await payouts.list(userID: caller.id, status: status, page: page)
        return PayoutListResponse(result, includeUser: false)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PayoutListResponse {
        _ = try context.requireAdmin()
        let (page, status) = try Self.listQuery(request)
        var query = QueryFields(request)
        let userID = query.uuid("user_id")
        try query.finish(status: .badRequest)
        let result = try await payouts.list(userID: userID.map(UserID.init), status: status, page: page)
        return PayoutListResponse(result, includeUser: true)
    }

    @Sendable func process(_ request: Request, context: APIRequestContext) async throws -> ProcessedPayoutResponse {
        let admin = try context.requireAdmin()
        let target = try await Self.targetStatus(from: request, context: context)
        let id: PayoutID = try context.id("payout_id", orElse: PayoutError.notFound)
        let payout = try await payouts.process(payoutID: id, to: target, actor: .admin(admin.id))
        return ProcessedPayoutResponse(id: payout.id.description, status: payout.status.rawValue)
    }

    private static func payoutRequest(from request: Request, context: APIRequestContext) async throws -> PayoutRequest {
        var body = try await BodyFields.read(request, context: context, status: .badRequest)
        let amount = body.money("amount")
        let method = body.choice("method", as: PayoutMethod.self, message: "Input should be 'bank_transfer' or 'card'")
        let details = body.stringObject("details")
        if let method, let details {
            for violation in PayoutDestination.violations(method: method, details: details) {
                body.reject(violation.field, violation.reason)
            }
        }
        let key = request.headers[idempotencyHeader]
        if let key, !(1...128).contains(key.count) {
            body.reject("Idempotency-Key", "Header should have 1 to 128 characters")
        }
        let (validAmount, validMethod, validDetails) = try body.finish(status: .badRequest, amount, method, details)
        return PayoutRequest(
            amount: validAmount, method: validMethod, details: PayoutDestination.normalised(validDetails),
            idempotencyKey: key)
    }

    private static func listQuery(_ request: Request) throws -> (PageRequest, PayoutStatus?) {
        var query = QueryFields(request)
        let page = query.page(defaultLimit: PageLimits.fixed.defaultLimit, maxLimit: PageLimits.fixed.maxLimit)
        var status: PayoutStatus?
        if let raw = query.string("status") {
            status = PayoutStatus(rawValue: raw)
            if status == nil {
                query.reject("status", "Input should be 'requested', 'processing', 'completed' or 'failed'")
            }
        }
        try query.finish(status: .badRequest)
        return (page, status)
    }

    private static func targetStatus(from request: Request, context: APIRequestContext) async throws -> PayoutStatus {
        var body = try await BodyFields.read(request, context: context, status: .badRequest)
        let raw = body.string("status")
        try body.finish(status: .badRequest)
        let supported: [PayoutStatus] = [.processing, .completed, .failed]
        guard let raw, let status = PayoutStatus(rawValue: raw), supported.contains(status) else {
            throw APIError(
                .badRequest, code: "VALIDATION_ERROR", message: "Unsupported payout status.",
                details: [
                    "field": "status", "received": .string(raw ?? ""),
                    "supported_values": .array(supported.map { .string($0.rawValue) }),
                ])
        }
        return status
    }
}

extension BodyFields {
    /// A JSON object of string values (the payout destination details).
    mutating func stringObject(_ name: String) -> [String: String]? {
        guard let value = field(name) else {
            reject(name, "Field required")
            return nil
        }
        guard case .object(let object) = value else {
            reject(name, "Input should be a valid dictionary")
            return nil
        }
        var strings: [String: String] = [:]
        for (key, value) in object {
            guard case .string(let text) = value else {
                reject("\(name).\(key)", "Input should be a valid string")
                continue
            }
            strings[key] = text
        }
        return strings
    }
}
