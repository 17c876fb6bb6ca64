import Domain
import Foundation

/// One optimistic round of single ingestion (ADR 014), shared by the requests that arrive together (ADR 035): one
/// context read and one record statement for all of them, on one connection.
///
/// Why: a lone single ingestion made two round trips of its own (context, record), and each lone round trip costs
/// the API about as much CPU as the whole HTTP stack (docs/performance.md). Here the first request goes alone;
/// requests that arrive while a round runs go together in the next one (`GroupCommit`: no timer, rounds grow only
/// under load). Each draft keeps its own guard: it is written only if its owner's wallet is still at the version
/// the round's read saw, so the monthly cap stays exact.
struct IngestionRounds: Sendable {
    /// A submission and who submits it.
    struct Attempt: Sendable {
        let submission: PurchaseSubmission
        let submitter: Submitter
    }

    /// What became of one attempt that passed the policy (a refusal is thrown instead).
    enum Outcome: Sendable {
        case written(IngestionDraft)
        /// Not written: the owner's wallet moved since the read, or another draft of the same owner went first.
        /// The caller takes another round.
        case readAgain
        /// Not written: its external id was taken after the read.
        case duplicate
    }

    private typealias Answer = Result<Outcome, any Error>
    private let group: GroupCommit<Attempt, Outcome>

    /// The most attempts per round; the statements' arrays grow with it, their round trips hardly do.
    static let maxBatch = 64

    init(unitOfWork: any UnitOfWork, clock: any WallClock) {
        // The round runs in a task of its own: the leading request being cancelled (its client gone) must not
        // cancel the others' round.
        group = GroupCommit(maxBatch: Self.maxBatch, waitLimit: .forALease(of: unitOfWork)) { attempts in
            await Task { await Self.run(attempts, at: clock.now(), unitOfWork) }.value
        }
    }

    func attempt(_ submission: PurchaseSubmission, by submitter: Submitter) async throws -> Outcome {
        try await group.submit(Attempt(submission: submission, submitter: submitter))
    }

    /// The context of each attempt, in order, from one statement.
    static func contexts(of attempts: [Attempt], at now: Date, _ repositories: any Repositories)
        async throws -> [IngestionContext]
    {
        let contexts = try await repositories.purchases.ingestionContexts(
            of: attempts.map(\.submission), in: attempts.map(\.submitter.namespace), on: CalendarDate(utcDayOf: now),
            month: MonthWindow(containing: now))
        guard contexts.count == attempts.count else { throw GroupCommitError.resultCountMismatch }
        return contexts
    }

    /// A draft bound for the record statement, with its place in the round and the wallet version it was read at.
    private struct Entry {
        let index: Int
        let draft: IngestionDraft
        let walletVersion: Int64?
    }

    /// Reads every context, drafts what the policy admits (one draft per owner: drafts of one owner were each
    /// capped against the same "already earned", so together they could pass the cap; the others read again),
    /// and records the drafts in one statement. A failed statement fails the whole round, each request as it would
    /// have failed alone (the unit of work translates the error: an unreachable database is 503).
    private static func run(_ attempts: [Attempt], at now: Date, _ unitOfWork: any UnitOfWork) async -> [Answer] {
        do {
            return try await unitOfWork.withConnection { repositories in
                let contexts = try await contexts(of: attempts, at: now, repositories)
                var answers = [Answer](repeating: .success(.readAgain), count: attempts.count)
                var entries: [Entry] = []
                var owners = Set<UserID>()
                for (index, (attempt, context)) in zip(attempts, contexts).enumerated() {
                    do {
                        try IngestionPolicy.checkCaller(attempt.submitter, in: context)
                        let offer = try IngestionPolicy.eligibleOffer(
                            for: attempt.submission, in: context, on: CalendarDate(utcDayOf: now))
                        guard owners.insert(attempt.submission.userID).inserted else { continue }
                        let draft = IngestionPolicy.draft(
                            attempt.submission, offer: offer, alreadyEarned: context.earnedThisMonth[offer.id] ?? .zero,
                            by: attempt.submitter, at: now)
                        entries.append(Entry(index: index, draft: draft, walletVersion: context.walletVersion))
                    } catch {
                        answers[index] = .failure(error)
                    }
                }
                for (entry, answer) in zip(entries, try await record(entries, repositories)) {
                    answers[entry.index] = answer
                }
                return answers
            }
        } catch {
            return attempts.map { _ in .failure(error) }
        }
    }

    /// One statement for drafts of distinct owners. When it refuses the whole batch for one draft (an external id
    /// taken meanwhile, a sum out of range), each draft is written alone, so that only that one is refused.
    private static func record(_ entries: [Entry], _ repositories: any Repositories) async throws -> [Answer] {
        guard !entries.isEmpty else { return [] }
        var versions: [UserID: Int64] = [:]
        for entry in entries {
            if let version = entry.walletVersion { versions[entry.draft.purchase.userID] = version }
        }
        let record: IngestionRecord
        do {
            record = try await repositories.purchases.recordIngestions(
                entries.map(\.draft), walletGuard: .unchangedSince(versions))
        } catch let error as ValueOutOfRange {
            return entries.count == 1 ? [.failure(error)] : try await alone(entries, repositories)
        }
        switch record {
        case .recorded(let written):
            return entries.map { .success(written.contains($0.draft.purchase.id) ? .written($0.draft) : .readAgain) }
        case .duplicate where entries.count == 1:
            return [.success(.duplicate)]
        case .duplicate:
            return try await alone(entries, repositories)
        }
    }

    private static func alone(_ entries: [Entry], _ repositories: any Repositories) async throws -> [Answer] {
        var answers: [Answer] = []
        for entry in entries { answers += try await record([entry], repositories) }
        return answers
    }
}
