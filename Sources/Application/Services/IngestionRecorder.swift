import Domain

/// Writes the drafts of concurrent single ingestions with one record statement (group commit, ADR 033).
///
/// Why: each single ingestion paid its own record statement, commit and wake-ups; under load that, not the SQL,
/// was most of the API's CPU per purchase and of the database's commits (docs/performance.md). The first request
/// writes alone; requests that finish their context read while a record statement runs are written together by
/// the next one (`GroupCommit`: no timer, batches grow only under load). Each draft keeps its own guard: it is
/// written only if its owner's wallet is still at the version its own context read saw.
struct IngestionRecorder: Sendable {
    /// A draft and the owner's wallet version its context read saw (`nil`: no wallet yet).
    struct Entry: Sendable {
        let draft: IngestionDraft
        let walletVersion: Int64?
    }

    /// What became of one draft.
    enum Outcome: Equatable, Sendable {
        case written
        /// Not written: the owner's wallet moved since the read, or another draft of the same owner went first.
        /// The caller reads its context again.
        case readAgain
        /// Not written: its external id exists.
        case duplicate
    }

    private let group: GroupCommit<Entry, Outcome>
    private typealias Answer = Result<Outcome, any Error>

    /// The most drafts per record statement; the statement's arrays grow with it, its round trip hardly does.
    static let maxBatch = 64

    init(unitOfWork: any UnitOfWork) {
        // The statement runs in a task of its own: the leader's request being cancelled (its client gone) must not
        // cancel the other requests' writes.
        group = GroupCommit(maxBatch: Self.maxBatch) { entries in
            await Task { await Self.recordTogether(entries, unitOfWork) }.value
        }
    }

    func record(_ draft: IngestionDraft, walletVersion: Int64?) async throws -> Outcome {
        try await group.submit(Entry(draft: draft, walletVersion: walletVersion))
    }

    /// One statement for the batch; one draft per owner in it, because drafts of one owner were each capped
    /// against the same "already earned" and together could pass the monthly cap. The others read again.
    private static func recordTogether(_ entries: [Entry], _ unitOfWork: any UnitOfWork) async -> [Answer] {
        var owners = Set<UserID>()
        let chosen = entries.indices.filter { owners.insert(entries[$0].draft.purchase.userID).inserted }
        var outcomes = [Answer](repeating: .success(.readAgain), count: entries.count)
        do {
            let written = try await write(chosen.map { entries[$0] }, unitOfWork)
            for (index, outcome) in zip(chosen, written) { outcomes[index] = .success(outcome) }
        } catch {
            for index in chosen { outcomes[index] = .failure(error) }
        }
        return outcomes
    }

    /// The statement for drafts of distinct owners. When one external id exists the statement writes nothing;
    /// then each draft is written alone, so that only the duplicate is refused.
    private static func write(_ entries: [Entry], _ unitOfWork: any UnitOfWork) async throws -> [Outcome] {
        var versions: [UserID: Int64] = [:]
        for entry in entries {
            if let version = entry.walletVersion { versions[entry.draft.purchase.userID] = version }
        }
        let drafts = entries.map(\.draft)
        let record = try await unitOfWork.withConnection { [versions] in
            try await $0.purchases.recordIngestions(drafts, walletGuard: .unchangedSince(versions))
        }
        switch record {
        case .recorded(let written):
            return entries.map { written.contains($0.draft.purchase.id) ? .written : .readAgain }
        case .duplicate where entries.count == 1:
            return [.duplicate]
        case .duplicate:
            var outcomes: [Outcome] = []
            for entry in entries { outcomes += try await write([entry], unitOfWork) }
            return outcomes
        }
    }
}
