import Domain

/// Reads the accounts behind concurrent requests' access tokens with one statement (ADR 034).
///
/// Why: every authenticated request re-reads its caller, so that a deactivation or a role change counts at once.
/// Alone, that read was a round trip per request, the largest share of the API's CPU after the HTTP stack
/// (docs/performance.md). Grouped (`GroupCommit`), the first request reads alone and requests that arrive while a
/// read runs are read together by the next one. Each request's read still starts after the request arrived, so
/// nothing it sees is older than the request: no cache, nothing to invalidate.
struct CallerReader: Sendable {
    private let group: GroupCommit<UserID, User?>

    /// The most callers per statement.
    static let maxBatch = 64

    init(unitOfWork: any UnitOfWork) {
        // The read runs in a task of its own: the leading request being cancelled (its client gone) must not
        // fail the others' reads.
        group = GroupCommit(maxBatch: Self.maxBatch, waitLimit: .forALease(of: unitOfWork)) { ids in
            await Task { await Self.readTogether(ids, unitOfWork) }.value
        }
    }

    /// The account with this id, as stored when the read ran; `nil` when there is none.
    func read(_ id: UserID) async throws -> User? {
        try await group.submit(id)
    }

    private static func readTogether(_ ids: [UserID], _ unitOfWork: any UnitOfWork) async -> [Result<User?, any Error>]
    {
        do {
            let distinct = Array(Set(ids))
            let users = try await unitOfWork.withConnection { try await $0.users.find(ids: distinct) }
            let byID = Dictionary(users.map { ($0.id, $0) }) { first, _ in first }
            return ids.map { .success(byID[$0]) }
        } catch {
            return ids.map { _ in .failure(error) }
        }
    }
}
