import Application
import Domain
import Foundation
import Hummingbird

/// The offer catalogue endpoints.
struct OfferController {
    let offers: OfferService
    let limits: PageLimits

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.post, "/api/v1/offers/", use: create)
        routes.on(.get, "/api/v1/offers/", use: list)
        routes.on(.get, "/api/v1/offers/active", use: listActive)
        routes.on(.get, "/api/v1/offers/{offer_id}", use: details)
        routes.on(.patch, "/api/v1/offers/{offer_id}/status", use: setStatus)
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<OfferResponse>
    {
        let admin = try context.requireAdmin()
        let draft = try await Self.draft(from: request, context: context)
        let offer = try await offers.create(draft, by: admin.id)
        return EditedResponse(status: .created, response: OfferResponse(offer))
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<OfferResponse> {
        _ = try context.requireCaller()
        var query = QueryFields(request)
        let page = query.page(defaultLimit: limits.defaultLimit, maxLimit: limits.maxLimit)
        let merchantID = query.uuid("merchant_id")
        let dateFrom = query.date("date_from")
        let dateTo = query.date("date_to")
        try query.finish()
        let filter = try OfferListFilter.parse(
            status: query.string("status"), merchantID: merchantID.map(MerchantID.init), dateFrom: dateFrom,
            dateTo: dateTo)
        let result = try await offers.list(filter: filter, page: page)
        return PageResponse(result, request: page, transform: OfferResponse.init)
    }

    @Sendable func listActive(_ request: Request, context: APIRequestContext) async throws
        -> PageResponse<ActiveOfferResponse>
    {
        _ = try context.requireCaller()
        let page = try QueryFields.page(of: request, limits: limits)
        let result = try await offers.listVisible(page: page)
        return PageResponse(result, request: page, transform: ActiveOfferResponse.init)
    }

    @Sendable func details(_ request: Request, context: APIRequestContext) async throws -> OfferDetailsResponse {
        let caller = try context.requireCaller()
        let id: OfferID = try context.id("offer_id", orElse: OfferError.notFound)
        return OfferDetailsResponse(try await offers.details(offerID: id, viewerRole: caller.role))
    }

    @Sendable func setStatus(_ request: Request, context: APIRequestContext) async throws -> StatusResponse {
        let admin = try context.requireAdmin()
        let status = try await StatusBody.read(request, context: context)
        let id: OfferID = try context.id("offer_id", orElse: OfferError.notFound)
        let offer = try await offers.setStatus(offerID: id, to: status, by: admin.id)
        return StatusResponse(id: id.description, status: ActivityStatus(active: offer.active))
    }

    private static func draft(from request: Request, context: APIRequestContext) async throws -> OfferDraft {
        var body = try await BodyFields.read(request, context: context)
        let merchantID = body.uuid("merchant_id")
        let type = body.choice("cashback_type", as: CashbackType.self, message: "Input should be 'percent' or 'fixed'")
        let value = body.decimal("cashback_value")
        let start = body.date("start_date")
        let end = body.date("end_date")
        let cap = body.decimal("monthly_cap")
        let (merchant, validType, validValue, validStart, validEnd, validCap) = try body.finish(
            merchantID, type, value, start, end, cap)
        return OfferDraft(
            merchantID: MerchantID(merchant), cashbackType: validType, cashbackValue: validValue,
            startDate: validStart, endDate: validEnd, monthlyCap: validCap)
    }
}
