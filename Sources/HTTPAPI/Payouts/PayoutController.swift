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
            routes.on(.post, path) { request, context in
                let caller = try context.requireCaller()
                let payoutRequest = try await Self.payoutRequest(from: request, context: context)
                let result = try await payouts.request(payoutRequest, by: caller.id)
                if !result.replayed { APIMetrics.payoutRequested() }
                var response = try JSONResponse.make(
                    PayoutResponse(result.payout, includeUser: false), status: .created)
                if result.replayed { response.headers[Self.replayedHeader] = "true" }
                return response
            }
        }
        for path in ["/api/v1/users/payouts", "/api/v1/users/me/payouts"] {
            routes.on(.get, path) { request, context in
                let caller = try context.requireCaller()
                let (page, status) = try Self.listQuery(request)
                let result = try await payouts.list(userID: caller.id, status: status, page: page)
                return try JSONResponse.make(PayoutListResponse(result, includeUser: false))
            }
        }
        routes.on(.get, "/api/v1/admin/payouts") { request, context in
            _ = try context.requireAdmin()
            let (page, status) = try Self.listQuery(request)
            var query = QueryFields(request)
            let userID = query.uuid("user_id")
            try query.finish(status: .badRequest)
            let result = try await payouts.list(userID: userID.map(UserID.init), status: status, page: page)
            return try JSONResponse.make(PayoutListResponse(result, includeUser: true))
        }
        routes.on(.patch, "/api/v1/admin/payouts/{payout_id}/process") { request, context in
            let admin = try context.requireAdmin()
            let target = try await Self.targetStatus(from: request, context: context)
            let payout = try await payouts.process(
                payoutID: context.parameters.get("payout_id") ?? "", to: target, actor: .admin(admin.id))
            return try JSONResponse.make(["id": payout.id.description, "status": payout.status.rawValue])
        }
    }

    private static func payoutRequest(from request: Request, context: APIRequestContext) async throws -> PayoutRequest {
        var body = try await BodyFields.read(request, context: context, status: .badRequest)
        let amount = body.money("amount")
        let method = body.choice("method", as: PayoutMethod.self, message: "Input should be 'bank_transfer' or 'card'")
        let details = body.stringObject("details")
        if let method, let details { body.checkDestination(method: method, details: details) }
        let key = request.headers[idempotencyHeader]
        if let key, !(1...128).contains(key.count) {
            body.reject("Idempotency-Key", "Header should have 1 to 128 characters")
        }
        try body.finish(status: .badRequest)
        guard let amount, let method, var details else {
            throw APIError.validation(body.violations, status: .badRequest)
        }
        if let iban = details["iban"] { details["iban"] = IBAN.normalised(iban) ?? iban }
        return PayoutRequest(amount: amount, method: method, details: details, idempotencyKey: key)
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

    /// Bank transfers need a valid IBAN; cards need a token and never a full card number.
    mutating func checkDestination(method: PayoutMethod, details: [String: String]) {
        switch method {
        case .bankTransfer:
            guard let iban = details["iban"] else { return reject("details.iban", "Field required") }
            if IBAN.normalised(iban) == nil { reject("details.iban", "Value error, invalid IBAN") }
        case .card:
            if details["card_token"]?.isEmpty ?? true { reject("details.card_token", "Field required") }
        }
        for (key, value) in details where CardNumber.looksLikeOne(value) {
            reject("details.\(key)", "Full card numbers are not accepted; send a card_token from the payment provider")
        }
    }
}

/// Recognises primary account numbers so they are refused, never stored or logged.
enum CardNumber {
    static func looksLikeOne(_ text: String) -> Bool {
        let digits = text.filter { $0 != " " && $0 != "-" }
        return (13...19).contains(digits.count) && digits.allSatisfy(\.isASCIIDigitCharacter)
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
