public import Domain
public import Foundation

/// Admin management of partner merchants.
public struct MerchantService: Sendable {
    let unitOfWork: any UnitOfWork
    let clock: any WallClock
    let maxCashbackPercentage: Decimal

    public init(unitOfWork: any UnitOfWork, clock: any WallClock, maxCashbackPercentage: Decimal) {
        (self.unitOfWork, self.clock, self.maxCashbackPercentage) = (unitOfWork, clock, maxCashbackPercentage)
    }

    /// Creates a merchant (active unless asked otherwise), refusing an out-of-range percentage or a taken name.
    public func create(name: String, defaultCashbackPercentage: Decimal, active: Bool, by admin: UserID)
        async throws -> Merchant
    {
        try MerchantPolicy.validateDefaultPercentage(defaultCashbackPercentage, maximum: maxCashbackPercentage)
        let merchant = Merchant(
            id: .random(), name: name, defaultCashbackPercentage: defaultCashbackPercentage, active: active)
        let now = clock.now()
        try await unitOfWork.transaction { repositories in
            guard try await repositories.merchants.insert(merchant) else {
                throw MerchantError.nameAlreadyExists(name)
            }
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: now, actor: .admin(admin), action: .merchantCreated, resourceType: "merchant",
                    resourceID: merchant.id.description, details: ["name": name, "active": String(active)]))
        }
        return merchant
    }

    /// Lists merchants, optionally only those with the given activity.
    public func list(active: Bool?, page: PageRequest) async throws -> Page<Merchant> {
        try await unitOfWork.withConnection { try await $0.merchants.list(active: active, page: page) }
    }

    /// Activates or deactivates a merchant; idempotent.
    public func setStatus(merchantID id: MerchantID, to status: ActivityStatus, by admin: UserID) async throws
        -> Merchant
    {
        let now = clock.now()
        return try await unitOfWork.transaction { repositories in
            guard let merchant = try await repositories.merchants.setActive(id: id, active: status.isActive) else {
                throw MerchantError.notFound(id.description)
            }
            try await repositories.audit.append(
                AuditEntry(
                    occurredAt: now, actor: .admin(admin),
                    action: status.isActive ? .merchantActivated : .merchantDeactivated, resourceType: "merchant",
                    resourceID: id.description))
            return merchant
        }
    }
}
