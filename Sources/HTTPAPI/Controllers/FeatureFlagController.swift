import Application
import Domain
import Foundation
import Hummingbird

/// Admin feature-flag endpoints: upsert, evaluate, list, delete.
struct FeatureFlagController {
    let flags: FeatureFlagService
    let limits: PageLimits

    private static let scopeTypeMessage = "Input should be 'global', 'merchant' or 'user'"

    func register(on routes: RouteRegistrar<some RouterMethods<APIRequestContext>>) {
        routes.on(.put, "/api/v1/feature-flags/{key}", use: set)
        routes.on(.get, "/api/v1/feature-flags/{key}/evaluate", use: evaluate)
        routes.on(.get, "/api/v1/feature-flags", use: list)
        routes.on(.delete, "/api/v1/feature-flags/{key}", use: delete)
    }

    @Sendable func set(_ request: Request, context: APIRequestContext) async throws -> FeatureFlagResponse {
        let admin = try context.requireAdmin()
        var body = try await BodyFields.read(request, context: context)
        let enabled = body.bool("enabled")
        let scopeType = body.optionalChoice("scope_type", as: FlagScopeType.self, message: Self.scopeTypeMessage)
        let scopeID = body.optionalUUID("scope_id")
        let description = body.optionalString("description", maxLength: 1000)
        let isEnabled = try body.finish(enabled)
        let key = try FeatureFlagKey(validating: context.parameters.get("key") ?? "")
        let assignment = FlagAssignment(
            key: key, enabled: isEnabled, scope: FlagScope(type: (scopeType ?? .global).rawValue, id: scopeID),
            description: description)
        return FeatureFlagResponse(try await flags.set(assignment, by: admin.id))
    }

    @Sendable func evaluate(_ request: Request, context: APIRequestContext) async throws -> FlagEvaluationResponse {
        _ = try context.requireAdmin()
        var query = QueryFields(request)
        let scopeID = query.uuid("scope_id")
        try query.finish()
        let key = context.parameters.get("key") ?? ""
        let scope = FlagScope(type: query.string("scope_type") ?? FlagScopeType.global.rawValue, id: scopeID)
        let enabled = try await flags.evaluate(key: key, scope: scope)
        return FlagEvaluationResponse(key: key, enabled: enabled)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<
        FeatureFlagResponse
    > {
        _ = try context.requireAdmin()
        var query = QueryFields(request)
        let page = query.page(defaultLimit: limits.defaultLimit, maxLimit: limits.maxLimit)
        let scopeID = query.uuid("scope_id")
        try query.finish()
        let filter = FlagListFilter(
            key: query.string("key"), scopeType: query.string("scope_type"),
            scopeID: scopeID)
        let result = try await flags.list(filter: filter, page: page)
        return PageResponse(result, request: page, transform: FeatureFlagResponse.init)
    }

    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> Response {
        let admin = try context.requireAdmin()
        var query = QueryFields(request)
        let scopeID = query.uuid("scope_id")
        let rawScopeType = query.string("scope_type")
        if rawScopeType == nil { query.reject("scope_type", "Field required") }
        if let rawScopeType, FlagScopeType(rawValue: rawScopeType) == nil {
            query.reject("scope_type", Self.scopeTypeMessage)
        }
        try query.finish()
        let scope = FlagScope(type: rawScopeType ?? FlagScopeType.global.rawValue, id: scopeID)
        try await flags.delete(key: context.parameters.get("key") ?? "", scope: scope, by: admin.id)
        return Response(status: .noContent)
    }
}
