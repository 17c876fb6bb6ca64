import Application
import Domain
import Foundation
import Hummingbird

/// The worker's queues for admins (ADR 020): each job's counts by state, a job's items by state with paging, one
/// item's attempt history, and the audited redrive of a parked item.
struct JobController {
    let jobs: JobAdministration
    let limits: PageLimits

    private static let jobMessage = "Input should be 'purchase_confirmation' or 'payout_settlement'"
    private static let stateMessage = "Input should be 'due', 'running', 'retrying' or 'parked'"

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.get, "/api/v1/admin/jobs", use: overview)
        routes.on(.get, "/api/v1/admin/jobs/{job}/items", use: items)
        routes.on(.get, "/api/v1/admin/jobs/{job}/items/{item_id}", use: history)
        routes.on(.post, "/api/v1/admin/jobs/{job}/items/{item_id}/redrive", use: redrive)
    }

    @Sendable func overview(_ request: Request, context: APIRequestContext) async throws -> JobOverviewListResponse {
        _ = try context.requireAdmin()
        return JobOverviewListResponse(data: try await jobs.overview().map(JobOverviewResponse.init))
    }

    @Sendable func items(_ request: Request, context: APIRequestContext) async throws -> PageResponse<JobItemResponse> {
        _ = try context.requireAdmin()
        let job = try Self.job(context)
        var query = QueryFields(request)
        let page = query.page(defaultLimit: limits.defaultLimit, maxLimit: limits.maxLimit)
        var state: JobItemState?
        if let raw = query.string("state") {
            state = JobItemState(rawValue: raw)
            if state == nil { query.reject("state", Self.stateMessage) }
        }
        try query.finish()
        let result = try await jobs.items(job, state: state, page: page)
        return PageResponse(result, request: page, transform: JobItemResponse.init)
    }

    @Sendable func history(_ request: Request, context: APIRequestContext) async throws -> JobItemHistoryResponse {
        _ = try context.requireAdmin()
        let (job, itemID) = try Self.item(context)
        var query = QueryFields(request)
        let limit = query.int("attempts_limit", default: 100, min: 1, max: 500)
        try query.finish()
        guard let history = try await jobs.history(job, itemID: itemID, limit: limit) else {
            throw Self.notFound(job, context)
        }
        return JobItemHistoryResponse(history)
    }

    @Sendable func redrive(_ request: Request, context: APIRequestContext) async throws -> JobItemResponse {
        let admin = try context.requireAdmin()
        let (job, itemID) = try Self.item(context)
        var body = try await BodyFields.read(request, context: context)
        let note = try body.finish(body.string("note", minLength: 1, maxLength: 500))
        do {
            return JobItemResponse(try await jobs.redrive(job, itemID: itemID, by: .admin(admin.id), note: note))
        } catch JobAdministration.RedriveError.notFound {
            throw Self.notFound(job, context)
        } catch JobAdministration.RedriveError.notParked(let state) {
            throw APIError(
                .conflict, code: "JOB_ITEM_NOT_PARKED",
                message: "The item is \(state.rawValue), not parked: there is nothing to redrive.",
                details: ["state": .string(state.rawValue)])
        }
    }

    private static func job(_ context: APIRequestContext) throws -> JobKind {
        let raw = context.parameters.get("job") ?? ""
        guard let job = JobKind(rawValue: raw) else {
            throw APIError(
                .notFound, code: "JOB_NOT_FOUND", message: "There is no job named '\(raw)'.",
                details: [
                    "job": .string(raw), "supported_values": .array(JobKind.allCases.map { .string($0.rawValue) }),
                ])
        }
        return job
    }

    /// The job and the item id of the path; an id that is not a UUID names no item.
    private static func item(_ context: APIRequestContext) throws -> (JobKind, UUID) {
        let job = try job(context)
        guard let itemID = UUID(uuidString: context.parameters.get("item_id") ?? "") else {
            throw notFound(job, context)
        }
        return (job, itemID)
    }

    private static func notFound(_ job: JobKind, _ context: APIRequestContext) -> APIError {
        let raw = context.parameters.get("item_id") ?? ""
        return APIError(
            .notFound, code: "JOB_ITEM_NOT_FOUND",
            message: "The \(job.rawValue) queue has no item '\(raw)'; settled items leave the queue.",
            details: ["job": .string(job.rawValue), "item_id": .string(raw)])
    }
}
