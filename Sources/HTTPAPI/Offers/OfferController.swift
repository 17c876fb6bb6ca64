import Application
import Domain
import Foundation
import Hummingbird

/// The offer catalogue endpoints.
struct OfferController {
    let offers: OfferService
    let limits: PageLimits

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.post, "/api/v1/offers/") { request, context in
            let admin = try context.requireAdmin()
            let draft = try await Self.draft(from: request, context: context)
            let offer = try await offers.create(draft, by: admin.id)
            return try JSONResponse.make(OfferResponse(offer), status: .created)
        }
        routes.on(.get, "/api/v1/offers/") { request, context in
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
            return try JSONResponse.make(PageResponse(result, request: page, transform: OfferResponse.init))
        }
        routes.on(.get, "/api/v1/offers/active") { request, context in
            _ = try context.requireCaller()
            var query = QueryFields(request)
            let page = query.page(defaultLimit: limits.defaultLimit, maxLimit: limits.maxLimit)
            try query.finish()
            let result = try await offers.listVisible(page: page)
            return try JSONResponse.make(PageResponse(result, request: page, transform: ActiveOfferResponse.init))
        }
        routes.on(.get, "/api/v1/offers/{offer_id}") { _, context in
            let caller = try context.requireCaller()
            let listing = try await offers.details(
                offerID: context.parameters.get("offer_id") ?? "", viewerRole: caller.role)
            return try JSONResponse.make(OfferDetailsResponse(listing))
        }
        routes.on(.patch, "/api/v1/offers/{offer_id}/status") { request, context in
            let admin = try context.requireAdmin()
            let status = try await StatusBody.read(request, context: context)
            let id = context.parameters.get("offer_id") ?? ""
            let offer = try await offers.setStatus(offerID: id, to: status, by: admin.id)
            return try JSONResponse.make(StatusResponse(id: id, status: ActivityStatus(active: offer.active)))
        }
    }

    private static func draft(from request: Request, context: APIRequestContext) async throws -> OfferDraft {
        var body = try await BodyFields.read(request, context: context)
        let merchantID = body.uuid("merchant_id")
        let type = body.choice("cashback_type", as: CashbackType.self, message: "Input should be 'percent' or 'fixed'")
        let value = body.decimal("cashback_value")
        let start = body.date("start_date")
        let end = body.date("end_date")
        let cap = body.decimal("monthly_cap")
        try body.finish()
        guard let merchantID, let type, let value, let start, let end, let cap else {
            throw APIError.validation(body.violations)
        }
        return OfferDraft(
            merchantID: MerchantID(merchantID), cashbackType: type, cashbackValue: value, startDate: start,
            endDate: end, monthlyCap: cap)
    }
}
