import Domain

/// Ledger movements as parallel arrays, bound as three parameters and `unnest`ed in SQL, so any number of
/// movements travels in the same statement as the balance change.
struct LedgerMovementRows {
    let buckets: [String]
    /// Money as exact decimal text (`"-5.00"`), cast to `numeric[]` by the statement.
    let deltas: [String]
    let reasons: [String]

    init(_ movements: [LedgerMovement]) {
        buckets = movements.map(\.bucket.rawValue)
        deltas = movements.map(\.delta.description)
        reasons = movements.map(\.reason.rawValue)
    }
}
