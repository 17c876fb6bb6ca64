public import Domain
import Foundation

/// Who posts a batch: a user (their own purchases) or a partner (for its merchants, any user).
public enum Submitter: Sendable {
    case user(User)
    case partner(Partner)

    var actor: AuditActor {
        switch self {
        case .user(let user): .user(user.id)
        case .partner(let partner): .partner(partner.id)
        }
    }
}

extension PurchaseService {
    /// Ingests many purchases with the rules of single ingestion, set-based: one context read and one record
    /// statement for the whole batch; items the set-based pass cannot settle (a wallet that changed meanwhile,
    /// an external id repeated inside the batch, a concurrent duplicate) go through the single-item path.
    /// Each item is answered on its own, in order; one bad item does not fail the others.
    public func ingestBatch(_ submissions: [PurchaseSubmission], by submitter: Submitter) async
        -> [Result<Ingested, any Error>]
    {
        let now = clock.now()
        let today = CalendarDate(utcDayOf: now)
        var results = [Result<Ingested, any Error>?](repeating: nil, count: submissions.count)
        for (index, submission) in submissions.enumerated() {
            if let refusal = Self.precheck(submission, by: submitter) { results[index] = .failure(refusal) }
        }
        let admitted = submissions.indices.filter { results[$0] == nil }
        var later: [Int] = []
        if let context = try? await unitOfWork.read({ repositories in
            try await repositories.batchIngestion.context(
                externalIDs: admitted.map { submissions[$0].externalID },
                merchantIDs: Array(Set(admitted.map { submissions[$0].merchantID })),
                userIDs: Array(Set(admitted.map { submissions[$0].userID })), on: today,
                month: MonthWindow(containing: now))
        }) {
            var plan = BatchPlan(context: context, submitter: submitter, today: today, now: now)
            for index in admitted {
                switch plan.admit(submissions[index]) {
                case .refused(let error): results[index] = .failure(error)
                case .later: later.append(index)
                case .drafted(let position): plan.indices.append((index, position))
                }
            }
            let drafts = plan.drafts
            let versions = Dictionary(
                Set(drafts.map(\.ingested.purchase.userID)).map { ($0, context.walletVersions[$0]) },
                uniquingKeysWith: { first, _ in first })
            let recorded =
                (try? await unitOfWork.read {
                    try await $0.batchIngestion.record(
                        drafts.map { ($0.ingested.purchase, $0.audit) }, walletVersions: versions)
                }) ?? []
            for (index, position) in plan.indices {
                let draft = drafts[position]
                if recorded.contains(draft.ingested.purchase.id) {
                    results[index] = .success(draft.ingested)
                } else {
                    later.append(index)
                }
            }
        } else {
            later = admitted
        }
        for index in later.sorted() {
            results[index] = await single(submissions[index], by: submitter)
        }
        return results.map { $0 ?? .failure(PurchaseError.notFound("")) }
    }

    private func single(_ submission: PurchaseSubmission, by submitter: Submitter) async -> Result<Ingested, any Error>
    {
        do {
            switch submitter {
            case .user(let user): return .success(try await ingest(submission, by: user))
            case .partner(let partner): return .success(try await ingest(submission, byPartner: partner))
            }
        } catch {
            return .failure(error)
        }
    }

    private static func precheck(_ submission: PurchaseSubmission, by submitter: Submitter) -> (any Error)? {
        switch submitter {
        case .user(let user):
            submission.userID == user.id ? nil : PurchaseError.notOwnSubmission
        case .partner(let partner):
            partner.merchantIDs.contains(submission.merchantID)
                ? nil : PartnerError.notPartnerMerchant(merchant: submission.merchantID)
        }
    }
}

/// The set-based pass of a batch: checks each item in the spec's order against the batch's context and
/// quotes its cashback against the cap, counting what earlier items of the same batch already took.
struct BatchPlan {
    enum Admission {
        case refused(any Error)
        /// Left to the single-item path (an external id repeated inside the batch).
        case later
        case drafted(Int)
    }

    let context: BatchIngestionContext
    let submitter: Submitter
    let today: CalendarDate
    let now: Date
    var drafts: [(ingested: PurchaseService.Ingested, audit: AuditEntry)] = []
    var indices: [(item: Int, draft: Int)] = []
    private var seen: Set<String> = []
    private var taken: [UserOffer: Money] = [:]

    init(context: BatchIngestionContext, submitter: Submitter, today: CalendarDate, now: Date) {
        self.context = context
        self.submitter = submitter
        self.today = today
        self.now = now
    }

    mutating func admit(_ submission: PurchaseSubmission) -> Admission {
        if let existing = context.duplicates[submission.externalID] {
            return .refused(PurchaseError.duplicate(existing))
        }
        guard seen.insert(submission.externalID).inserted else { return .later }
        guard submission.currency.uppercased() == "EUR" else {
            return .refused(PurchaseError.unsupportedCurrency(submission.currency))
        }
        let active: Bool =
            switch submitter {
            case .user(let user): user.active
            case .partner: context.userActive[submission.userID] ?? false
            }
        guard active else { return .refused(PurchaseError.userNotEligible(submission.userID)) }
        guard let merchant = context.merchants[submission.merchantID], merchant.active else {
            return .refused(PurchaseError.merchantNotEligible(submission.merchantID))
        }
        guard let offer = OfferSelection.choose(among: context.candidateOffers[merchant.id] ?? [], on: today) else {
            return .refused(PurchaseError.offerNotAvailable(merchant.id))
        }
        let key = UserOffer(user: submission.userID, offer: offer.id)
        let earned = (context.earned[key] ?? .zero) + (taken[key] ?? .zero)
        let draft = PurchaseService.draft(submission, offer: offer, earned: earned, actor: submitter.actor, at: now)
        taken[key] = (taken[key] ?? .zero) + draft.ingested.purchase.cashbackAmount
        drafts.append(draft)
        return .drafted(drafts.count - 1)
    }
}
