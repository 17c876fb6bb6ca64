import Hummingbird

/// The answer to a batch ingestion: one result per item, in request order, and totals.
struct BatchResponse: ResponseEncodable {
    let results: [BatchItemResult]
    let created: Int
    let failed: Int

    init(results: [BatchItemResult]) {
        self.results = results
        self.created = results.filter { $0.status == 201 }.count
        self.failed = results.count - created
    }
}

/// One item's outcome: the HTTP status it would have had alone, and the purchase or the error envelope body.
struct BatchItemResult: Encodable, Sendable {
    let index: Int
    let status: Int
    let purchase: PurchaseResponse?
    let error: JSONValue?
}
