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
        try await body(PostgresUnitOfWork(client: client, logger: TestDatabase.logger), client)
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
