public import Domain

/// Stores merchants. Name uniqueness is enforced by a unique index.
public protocol MerchantRepository: Sendable {
    /// Inserts the merchant; returns `false` when the name is taken.
    func insert(_ merchant: Merchant) async throws -> Bool
    /// Reads the merchant and holds its row lock until the transaction ends, serializing offer creation.
    func lock(id: MerchantID) async throws -> Merchant?
    func list(active: Bool?, page: PageRequest) async throws -> Page<Merchant>
    /// Sets `active`; returns the updated merchant, or `nil` when it does not exist.
    func setActive(id: MerchantID, active: Bool) async throws -> Merchant?
}
