import Application
import Domain
import Foundation

struct InMemoryUsers: UserRepository {
    let working: WorkingCopy
    func insert(_ user: User) async throws -> Bool {
        working.state.withLock { state in
            guard !state.users.contains(where: { $0.email.mailboxKey == user.email.mailboxKey }) else { return false }
            state.users.append(user)
            return true
        }
    }
    func find(id: UserID) async throws -> User? { working.state.withLock { $0.users.first { $0.id == id } } }
    func find(ids: [UserID]) async throws -> [User] {
        working.state.withLock { $0.users.filter { ids.contains($0.id) } }
    }
    func find(email: EmailAddress) async throws -> User? {
        working.state.withLock { $0.users.first { $0.email.mailboxKey == email.mailboxKey } }
    }
}

struct InMemoryRefreshTokens: RefreshTokenRepository {
    let working: WorkingCopy
    func insert(_ record: RefreshTokenRecord) async throws {
        working.state.withLock { $0.refreshTokens.append(record) }
    }
    func find(tokenHash: String) async throws -> RefreshTokenRecord? {
        working.state.withLock { $0.refreshTokens.first { $0.tokenHash == tokenHash } }
    }
    func markUsed(tokenHash: String, at instant: Date) async throws -> Bool {
        working.state.withLock { state in
            guard let index = state.refreshTokens.firstIndex(where: { $0.tokenHash == tokenHash }),
                state.refreshTokens[index].usedAt == nil, state.refreshTokens[index].revokedAt == nil
            else { return false }
            let old = state.refreshTokens[index]
            state.refreshTokens[index] = RefreshTokenRecord(
                id: old.id, userID: old.userID, tokenHash: old.tokenHash, familyID: old.familyID,
                issuedAt: old.issuedAt,
                expiresAt: old.expiresAt, usedAt: instant, revokedAt: nil)
            return true
        }
    }
    func revokeFamily(_ familyID: UUID, at instant: Date) async throws {
        working.state.withLock { state in
            state.refreshTokens = state.refreshTokens.map { old in
                guard old.familyID == familyID, old.revokedAt == nil else { return old }
                return RefreshTokenRecord(
                    id: old.id, userID: old.userID, tokenHash: old.tokenHash, familyID: old.familyID,
                    issuedAt: old.issuedAt, expiresAt: old.expiresAt, usedAt: old.usedAt, revokedAt: instant)
            }
        }
    }
}

struct InMemoryMerchants: MerchantRepository {
    let working: WorkingCopy
    func insert(_ merchant: Merchant) async throws -> Bool {
        working.state.withLock { state in
            guard !state.merchants.contains(where: { $0.name == merchant.name }) else { return false }
            state.merchants.append(merchant)
            return true
        }
    }
    func lock(id: MerchantID) async throws -> Merchant? {
        working.state.withLock { $0.merchants.first { $0.id == id } }
    }
    func list(active: Bool?, page: PageRequest) async throws -> Page<Merchant> {
        working.state.withLock { paged($0.merchants.filter { active == nil || $0.active == active }, page) }
    }
    func setActive(id: MerchantID, active: Bool) async throws -> Merchant? {
        working.state.withLock { state in
            guard let index = state.merchants.firstIndex(where: { $0.id == id }) else { return nil }
            let old = state.merchants[index]
            state.merchants[index] = Merchant(
                id: old.id, name: old.name, defaultCashbackPercentage: old.defaultCashbackPercentage, active: active)
            return state.merchants[index]
        }
    }
}

struct InMemoryOffers: OfferRepository {
    let working: WorkingCopy
    func insert(_ offer: Offer) async throws { working.state.withLock { $0.offers.append(offer) } }
    func hasActiveOffer(merchantID: MerchantID) async throws -> Bool {
        working.state.withLock { $0.offers.contains { $0.merchantID == merchantID && $0.active } }
    }
    func find(id: OfferID) async throws -> OfferListing? {
        working.state.withLock { state in
            guard let offer = state.offers.first(where: { $0.id == id }) else { return nil }
            let merchant = state.merchants.first { $0.id == offer.merchantID }
            return OfferListing(
                offer: offer, merchantName: merchant?.name ?? "", merchantActive: merchant?.active ?? false)
        }
    }
    func list(filter: OfferListFilter, page: PageRequest) async throws -> Page<Offer> {
        working.state.withLock { state in
            paged(
                state.offers.filter { offer in
                    (filter.status == nil || filter.status?.isActive == offer.active)
                        && (filter.merchantID == nil || filter.merchantID == offer.merchantID)
                }, page)
        }
    }
    func listVisible(on day: CalendarDate, page: PageRequest) async throws -> Page<OfferListing> {
        working.state.withLock { state in
            let listings = state.offers.compactMap { offer -> OfferListing? in
                guard let merchant = state.merchants.first(where: { $0.id == offer.merchantID }), merchant.active,
                    offer.active, offer.isValid(on: day)
                else { return nil }
                return OfferListing(offer: offer, merchantName: merchant.name, merchantActive: true)
            }
            return paged(listings, page)
        }
    }
    func setActive(id: OfferID, active: Bool) async throws -> Offer? {
        working.state.withLock { state in
            guard let index = state.offers.firstIndex(where: { $0.id == id }) else { return nil }
            let old = state.offers[index]
            state.offers[index] = Offer(
                id: old.id, merchantID: old.merchantID, cashback: old.cashback, startDate: old.startDate,
                endDate: old.endDate, monthlyCapPerUser: old.monthlyCapPerUser, active: active)
            return state.offers[index]
        }
    }
}

struct InMemoryFlags: FeatureFlagRepository {
    let working: WorkingCopy
    func upsert(_ assignment: FlagAssignment, at instant: Date) async throws -> FeatureFlag {
        working.state.withLock { state in
            let existing = state.flags.firstIndex { $0.key == assignment.key && $0.scope == assignment.scope }
            let old = existing.map { state.flags[$0] }
            let flag = FeatureFlag(
                id: old?.id ?? UUID(), key: assignment.key, enabled: assignment.enabled, scope: assignment.scope,
                description: assignment.description ?? old?.description, createdAt: old?.createdAt ?? instant,
                updatedAt: instant)
            if let existing { state.flags[existing] = flag } else { state.flags.append(flag) }
            return flag
        }
    }
    func find(key: String, scope: FlagScope) async throws -> FeatureFlag? {
        working.state.withLock { $0.flags.first { $0.key.value == key && $0.scope == scope } }
    }
    func list(filter: FlagListFilter, page: PageRequest) async throws -> Page<FeatureFlag> {
        working.state.withLock { state in
            paged(state.flags.filter { filter.key == nil || $0.key.value == filter.key }, page)
        }
    }
    func delete(key: String, scope: FlagScope) async throws -> Bool {
        working.state.withLock { state in
            let before = state.flags.count
            state.flags.removeAll { $0.key.value == key && $0.scope == scope }
            return state.flags.count < before
        }
    }
}

struct InMemoryAudit: AuditRepository {
    let working: WorkingCopy
    func append(_ entry: AuditEntry) async throws { working.state.withLock { $0.audit.append(entry) } }
}
