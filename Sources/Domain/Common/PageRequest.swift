/// Offset/limit pagination as the API defines it (`offset ≥ 0`, `1 ≤ limit ≤ max`).
public struct PageRequest: Equatable, Sendable {
    public let offset: Int
    public let limit: Int

    public init(offset: Int, limit: Int) {
        (self.offset, self.limit) = (offset, limit)
    }
}

/// One page of results plus the number of rows matching the filters, ignoring pagination.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let total: Int

    public init(items: [Item], total: Int) {
        (self.items, self.total) = (items, total)
    }
}
