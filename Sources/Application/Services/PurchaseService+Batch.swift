public import Domain
import Foundation

extension PurchaseService {
    /// Ingests many purchases with the rules of single ingestion (`IngestionPolicy`), set-based: one context read
    /// and one record statement for the whole batch; items the set-based pass cannot settle (a wallet that changed
    /// meanwhile, an external id repeated inside the batch, a concurrent duplicate, a sum out of range) go through
    /// the single-item path. Each item is answered on its own, in order; one bad item does not fail the others.
    ///
    /// A database that cannot be reached fails the whole request (`DatabaseUnavailable`), as it does a single
    /// ingestion: the client retries the batch, and the items already recorded answer as duplicates.
    public func ingestBatch(_ submissions: [PurchaseSubmission], by submitter: Submitter) async throws
        -> [Result<Ingested, any Error>]
    {
        let now = clock.now()
        var results = [Result<Ingested, any Error>?](repeating: nil, count: submissions.count)
        for (index, submission) in submissions.enumerated() {
            do {
                try IngestionPolicy.checkSubmitter(submitter, of: submission)
            } catch {
                results[index] = .failure(error)
            }
        }
        let admitted = submissions.indices.filter { results[$0] == nil }
        let context = try await unitOfWork.withConnection { repositories in
            try await repositories.batchIngestion.context(
                externalIDs: admitted.map { submissions[$0].externalID }, in: submitter.namespace,
                merchantIDs: Array(Set(admitted.map { submissions[$0].merchantID })),
                userIDs: Array(Set(admitted.map { submissions[$0].userID })), on: CalendarDate(utcDayOf: now),
                month: MonthWindow(containing: now))
        }
        var plan = BatchPlan(context: context, submitter: submitter, now: now)
        for index in admitted {
            if let refusal = plan.admit(submissions[index], item: index) { results[index] = .failure(refusal) }
        }
        let recorded = try await record(plan.drafts.map(\.draft), walletVersions: context.walletVersions)
        var later = plan.later
        for (index, draft) in plan.drafts {
            if recorded.contains(draft.purchase.id) {
                results[index] = .success(Ingested(draft))
            } else {
                later.append(index)
            }
        }
        for index in later.sorted() {
            results[index] = try await single(submissions[index], by: submitter)
        }
        return results.compactMap { $0 }
    }

    /// The set-based record; nothing recorded when another writer took one of the external ids meanwhile or when
    /// a sum went out of range, so that those items find out one by one.
    private func record(_ drafts: [IngestionDraft], walletVersions: [UserID: Int64]) async throws -> Set<PurchaseID> {
        guard !drafts.isEmpty else { return [] }
        do {
            let record = try await unitOfWork.withConnection {
                try await $0.purchases.recordIngestions(drafts, walletGuard: .unchangedSince(walletVersions))
            }
            guard case .recorded(let written) = record else { return [] }
            return written
        } catch is ValueOutOfRange {
            return []
        }
    }

    /// One item through the single path; only an unreachable database fails the batch.
    private func single(_ submission: PurchaseSubmission, by submitter: Submitter) async throws
        -> Result<Ingested, any Error>
    {
        do {
            return .success(try await ingest(submission, by: submitter))
        } catch let error as DatabaseUnavailable {
            throw error
        } catch {
            return .failure(error)
        }
    }
}

/// The set-based pass of a batch: checks each item with `IngestionPolicy` against the batch's context and quotes
/// its cashback against the cap, counting what earlier items of the same batch already took.
struct BatchPlan {
    let context: BatchIngestionContext
    let submitter: Submitter
    let now: Date
    /// The drafts, each with the index of its item in the batch.
    private(set) var drafts: [(item: Int, draft: IngestionDraft)] = []
    /// The items left to the single-item path.
    private(set) var later: [Int] = []
    private var seen: Set<String> = []
    private var taken: [UserOffer: Money] = [:]

    init(context: BatchIngestionContext, submitter: Submitter, now: Date) {
        (self.context, self.submitter, self.now) = (context, submitter, now)
    }

    /// Drafts the item, leaves it to the single path (an external id repeated inside the batch), or answers why
    /// it is refused.
    mutating func admit(_ submission: PurchaseSubmission, item: Int) -> (any Error)? {
        guard seen.insert(submission.externalID).inserted else {
            later.append(item)
            return nil
        }
        let offer: Offer
        do {
            let itemContext = context.context(for: submission)
            try IngestionPolicy.checkCaller(submitter, in: itemContext)
            offer = try IngestionPolicy.eligibleOffer(for: submission, in: itemContext, on: CalendarDate(utcDayOf: now))
        } catch {
            return error
        }
        let key = UserOffer(user: submission.userID, offer: offer.id)
        let earned = (context.earned[key] ?? .zero) + (taken[key] ?? .zero)
        let draft = IngestionPolicy.draft(submission, offer: offer, alreadyEarned: earned, by: submitter, at: now)
        taken[key] = (taken[key] ?? .zero) + draft.purchase.cashbackAmount
        drafts.append((item, draft))
        return nil
    }
}
