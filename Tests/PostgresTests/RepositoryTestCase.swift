import Application
import Domain
import Foundation
import Logging
import Postgres
import PostgresNIO
import TestSupport

/// Runs a test against a fresh migrated database through the real `PostgresUnitOfWork`.
func withDatabase(
    _ body: @Sendable (PostgresUnitOfWork, PostgresClient) async throws -> Void
) async throws {
    try await TestDatabase.withFresh { (client, _) async throws in
        // A generous lease wait: the whole suite runs in parallel on two cores, and these tests check outcomes,
        // not how fast a connection frees up (the lease timeout has tests of its own).
        try await body(
            PostgresUnitOfWork(client: client, logger: TestDatabase.logger, leaseTimeout: .seconds(60)), client)
    }
}

func merchant(_ name: String = "Shop \(UUID().uuidString.prefix(6))", active: Bool = true) -> Merchant {
    Merchant(id: .random(), name: name, defaultCashbackPercentage: Decimal(string: "7.5")!, active: active)
}

func offer(
    for merchantID: MerchantID, cashback: CashbackRule = .percent(5), start: String = "2026-01-01",
    end: String = "2026-12-31", active: Bool = true
) -> Offer {
    Offer(
        id: .random(), merchantID: merchantID, cashback: cashback, startDate: CalendarDate(iso: start)!,
        endDate: CalendarDate(iso: end)!, monthlyCapPerUser: 50, active: active)
}

let firstPage = PageRequest(offset: 0, limit: 100)
