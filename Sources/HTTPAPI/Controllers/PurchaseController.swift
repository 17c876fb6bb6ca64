import Application
import Domain
import Foundation
import Hummingbird

/// Purchase ingestion, queries, and the admin confirm and reverse actions.
struct PurchaseController {
    let purchases: PurchaseService
    let ingestLimiter: RateLimiter
    /// Per-partner limit of ingestion requests (`PARTNER_RATE_LIMIT_*`).
    let partnerLimiter: PartnerRateLimiter

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.post, "/api/v1/purchases/batch", use: ingestBatch)
        routes.on(.get, "/api/v1/purchases/{purchase_id}", use: details)
        routes.on(.get, "/api/v1/users/me/purchases", use: listMine)
        routes.on(.get, "/api/v1/purchases/", use: list)
        routes.on(.patch, "/api/v1/purchases/{purchase_id}/reverse", use: reverse)
        routes.on(.post, "/api/v1/purchases/{purchase_id}/confirmation", use: confirm)
    }

    /// The single ingestion, on routes whose authentication leaves the account to the ingestion's own read
    /// (`AuthenticationMiddleware.AccountCheck.inTheHandlersStatement`, ADR 041).
    func registerIngestion(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.post, "/api/v1/purchases/", use: ingest)
    }

    /// Purchases per batch request.
    static let maxBatch = 500

    @Sendable func ingest(_ request: Request, context: APIRequestContext) async throws
        -> EditedResponse<PurchaseResponse>
    {
        let submitter = try await submitter(for: context)
        var body = try await BodyFields.read(request, context: context)
        let ingested = try await purchases.ingest(try Self.submission(from: &body), by: submitter)
        APIMetrics.ingested(partner: Self.partnerLabel(submitter))
        return EditedResponse(
            status: .created, response: PurchaseResponse(ingested.purchase, capApplied: ingested.capApplied))
    }

    @Sendable func ingestBatch(_ request: Request, context: APIRequestContext) async throws -> BatchResponse {
        let submitter = try await batchSubmitter(for: context)
        let body = try await BodyFields.read(request, context: context)
        guard case .array(let items)? = body.field("purchases"), (1...Self.maxBatch).contains(items.count) else {
            throw APIError.validation([("purchases", "Provide an array of 1 to \(Self.maxBatch) purchases")])
        }
        let parsed = items.enumerated().map { Self.parse($1, index: $0) }
        let valid = parsed.compactMap { try? $0.get() }
        // One outcome per valid item, in order (`ingestBatch` answers every submission).
        var outcomes = try await purchases.ingestBatch(valid, by: submitter)[...]
        let results = parsed.enumerated().map { index, item -> BatchItemResult in
            switch item {
            case .failure(let error): Self.failed(index, error)
            case .success: Self.answer(index, outcomes.removeFirst())
            }
        }
        for result in results where result.status == 201 { APIMetrics.ingested(partner: Self.partnerLabel(submitter)) }
        return BatchResponse(results: results)
    }

    @Sendable func details(_ request: Request, context: APIRequestContext) async throws -> PurchaseDetailsResponse {
        let caller = try context.requireCaller()
        let id: PurchaseID = try context.id("purchase_id", orElse: PurchaseError.notFound)
        return PurchaseDetailsResponse(try await purchases.details(purchaseID: id, caller: caller))
    }

    @Sendable func listMine(_ request: Request, context: APIRequestContext) async throws
        -> PageResponse<PurchaseDetailsResponse>
    {
        let caller = try context.requireCaller()
        var query = QueryFields(request)
        let page = query.page(defaultLimit: PageLimits.fixed.defaultLimit, maxLimit: PageLimits.fixed.maxLimit)
        try query.finish()
        let status = try PurchaseFilter.status(from: query.string("status"))
        let result = try await purchases.listMine(caller, status: status, page: page)
        return PageResponse(result, request: page, transform: PurchaseDetailsResponse.init)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws
        -> PageResponse<PurchaseAdminResponse>
    {
        _ = try context.requireAdmin()
        var query = QueryFields(request)
        let page = query.page(defaultLimit: PageLimits.fixed.defaultLimit, maxLimit: PageLimits.fixed.maxLimit)
        let start = query.date("start_date")
        let end = query.date("end_date")
        let userID = query.uuid("user_id").map(UserID.init)
        let merchantID = query.uuid("merchant_id").map(MerchantID.init)
        try query.finish()
        let filter = PurchaseFilter(
            status: try PurchaseFilter.status(from: query.string("status")), userID: userID,
            merchantID: merchantID, startDate: start, endDate: end)
        let result = try await purchases.list(filter: filter, page: page)
        return PageResponse(result, request: page, transform: PurchaseAdminResponse.init)
    }

    @Sendable func reverse(_ request: Request, context: APIRequestContext) async throws -> PurchaseResponse {
        try await transition("reverse", context) { try await purchases.reverse(purchaseID: $0, by: $1) }
    }

    @Sendable func confirm(_ request: Request, context: APIRequestContext) async throws -> PurchaseResponse {
        try await transition("confirm", context) { try await purchases.confirm(purchaseID: $0, by: $1) }
    }

    /// An admin's transition of the purchase in the path, counted under `name`.
    private func transition(
        _ name: String, _ context: APIRequestContext, _ apply: (PurchaseID, UserID) async throws -> Purchase
    ) async throws -> PurchaseResponse {
        let admin = try context.requireAdmin()
        let id: PurchaseID = try context.id("purchase_id", orElse: PurchaseError.notFound)
        let purchase = try await apply(id, admin.id)
        APIMetrics.adminTransition(name)
        return PurchaseResponse(purchase, capApplied: nil)
    }

    /// Who ingests: a partner (for its merchants) or a user (for themselves), each rate limited.
    private func submitter(for context: APIRequestContext) async throws -> Submitter {
        if let partner = context.partner {
            if let wait = try await partnerLimiter.retryAfter(for: partner.id) { throw APIError.rateLimited(wait) }
            return .partner(partner)
        }
        guard let userID = context.tokenSubject else { throw AuthError.invalidToken }
        if let wait = ingestLimiter.retryAfter(for: userID.description) { throw APIError.rateLimited(wait) }
        return .user(userID)
    }

    /// Batches are for partners (high volume, server to server); a user's token gets 403 — the per-user ingest
    /// limit counts requests, and a batch would multiply it by 500.
    private func batchSubmitter(for context: APIRequestContext) async throws -> Submitter {
        guard context.partner != nil else {
            _ = try context.requireCaller()
            throw AuthError.forbidden
        }
        return try await submitter(for: context)
    }

    /// The `partner` label of the ingestion counter (none for users).
    private static func partnerLabel(_ submitter: Submitter) -> String? {
        if case .partner(let partner) = submitter { partner.id.description } else { nil }
    }

    private static func parse(_ item: JSONValue, index: Int) -> Result<PurchaseSubmission, APIError> {
        guard case .object(let fields) = item else {
            return .failure(APIError.validation([("purchases[\(index)]", "Input should be an object")]))
        }
        var body = BodyFields.object(fields)
        do {
            return .success(try submission(from: &body))
        } catch {
            return .failure(error)
        }
    }

    private static func answer(_ index: Int, _ outcome: Result<PurchaseService.Ingested, any Error>) -> BatchItemResult
    {
        switch outcome {
        case .success(let ingested):
            BatchItemResult(
                index: index, status: 201,
                purchase: PurchaseResponse(ingested.purchase, capApplied: ingested.capApplied), error: nil)
        case .failure(let error):
            failed(
                index,
                DomainErrorMapping.apiError(for: error)
                    ?? APIError(.internalServerError, code: "INTERNAL_SERVER_ERROR", message: "Not processed."))
        }
    }

    private static func failed(_ index: Int, _ error: APIError) -> BatchItemResult {
        BatchItemResult(
            index: index, status: Int(error.status.code), purchase: nil,
            error: ["code": .string(error.code), "message": .string(error.message), "details": .object(error.details)])
    }

    private static func submission(from body: inout BodyFields) throws(APIError) -> PurchaseSubmission {
        let externalID = body.string("external_id", minLength: 1, maxLength: 255)
        let userID = body.uuid("user_id")
        let merchantID = body.uuid("merchant_id")
        let amount = body.money("amount")
        let currency = body.string("currency", minLength: 3, maxLength: 3)
        let (validExternalID, validUserID, validMerchantID, validAmount, validCurrency) = try body.finish(
            externalID, userID, merchantID, amount, currency)
        return PurchaseSubmission(
            externalID: validExternalID, userID: UserID(validUserID), merchantID: MerchantID(validMerchantID),
            amount: validAmount, currency: validCurrency)
    }
}

extension BodyFields {
    /// A positive amount with at most two decimals as written, within `numeric(14,2)`; never rounded.
    mutating func money(_ name: String) -> Money? {
        guard let value = decimal(name) else { return nil }
        guard value > 0 else {
            reject(name, "Input should be greater than 0")
            return nil
        }
        guard value <= Money.maximum.decimal else {
            reject(name, "Input should be less than or equal to \(Money.maximum)")
            return nil
        }
        guard let money = Money(exactly: value) else {
            reject(name, "Value error, Amount must have at most 2 decimal places")
            return nil
        }
        return money
    }
}

extension APIError {
    /// 429 with `Retry-After` in whole seconds.
    static func rateLimited(_ wait: Double) -> APIError {
        let seconds = max(1, Int(wait.rounded(.up)))
        return APIError(
            .tooManyRequests, code: "RATE_LIMITED", message: "Too many requests. Retry after \(seconds) second(s).",
            details: ["retry_after_seconds": .number(Decimal(seconds))], headers: [.retryAfter: String(seconds)])
    }
}
