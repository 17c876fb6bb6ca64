import Application
import Domain
import Foundation
import Postgres
import PostgresNIO
import TestSupport
import Testing

@Suite struct MerchantRepositoryTests {
    @Test func keepsExactPercentagesAndRefusesDuplicateNames() async throws {
        try await withDatabase { (database, _) async throws in
            let shop = merchant("Shop")
            #expect(try await database.transaction { try await $0.merchants.insert(shop) })
            #expect(try await !database.transaction { try await $0.merchants.insert(merchant("Shop")) })
            let stored = try await database.transaction { try await $0.merchants.lock(id: shop.id) }
            #expect(stored?.defaultCashbackPercentage == Decimal(string: "7.5"))
        }
    }

    @Test func listsInInsertionOrderWithFilterAndPagination() async throws {
        try await withDatabase { (database, _) async throws in
            let merchants = (0..<5).map { merchant("M\($0)", active: $0 % 2 == 0) }
            try await database.transaction { repositories in
                for merchant in merchants { _ = try await repositories.merchants.insert(merchant) }
            }
            let page = try await database.withConnection {
                try await $0.merchants.list(active: nil, page: PageRequest(offset: 1, limit: 2))
            }
            #expect(page.total == 5)
            #expect(page.items.map(\.name) == ["M1", "M2"])
            let active = try await database.withConnection {
                try await $0.merchants.list(active: true, page: firstPage)
            }
            #expect(active.items.map(\.name) == ["M0", "M2", "M4"])
            let beyond = try await database.withConnection {
                try await $0.merchants.list(active: nil, page: PageRequest(offset: 10, limit: 2))
            }
            #expect(beyond.items.isEmpty && beyond.total == 5)
        }
    }

    @Test func setsActivityAndReportsUnknownMerchants() async throws {
        try await withDatabase { (database, _) async throws in
            let shop = merchant()
            _ = try await database.transaction { try await $0.merchants.insert(shop) }
            let updated = try await database.transaction {
                try await $0.merchants.setActive(id: shop.id, active: false)
            }
            #expect(updated?.active == false)
            #expect(
                try await database.transaction { try await $0.merchants.setActive(id: .random(), active: true) } == nil)
            #expect(try await database.transaction { try await $0.merchants.lock(id: shop.id) }?.id == shop.id)
        }
    }
}

@Suite struct OfferRepositoryTests {
    @Test func roundTripsBothCashbackRulesExactly() async throws {
        try await withDatabase { (database, _) async throws in
            let shop = merchant()
            let percent = offer(for: shop.id, cashback: .percent(Decimal(string: "7.125")!))
            let fixed = offer(for: shop.id, cashback: .fixed(Decimal(string: "2.05")!), active: false)
            try await database.transaction { repositories in
                _ = try await repositories.merchants.insert(shop)
                try await repositories.offers.insert(percent)
                try await repositories.offers.insert(fixed)
            }
            let storedPercent = try await database.withConnection { try await $0.offers.find(id: percent.id) }
            let storedFixed = try await database.withConnection { try await $0.offers.find(id: fixed.id) }
            #expect(storedPercent?.offer == percent)
            #expect(storedFixed?.offer == fixed)
            #expect(storedFixed?.merchantName == shop.name)
            #expect(try await database.withConnection { try await $0.offers.hasActiveOffer(merchantID: shop.id) })
        }
    }

    @Test func theTableRefusesAmountsThatAreNotWholeCentsInRange() async throws {
        try await withDatabase { (database, _) async throws in
            let shop = merchant()
            try await database.transaction { _ = try await $0.merchants.insert(shop) }
            for value in ["2.005", "0", "10000000000.00"] {
                await #expect(throws: (any Error).self, "\(value)") {
                    try await database.transaction { repositories in
                        try await repositories.offers.insert(
                            offer(for: shop.id, cashback: .fixed(Decimal(string: value)!), active: false))
                    }
                }
            }
        }
    }

    @Test func filtersTheCatalogueByStatusMerchantAndOverlap() async throws {
        try await withDatabase { (database, _) async throws in
            let shop = merchant()
            let other = merchant()
            let offers = [
                offer(for: shop.id, start: "2026-01-01", end: "2026-01-31"),
                offer(for: shop.id, start: "2026-03-01", end: "2026-03-31", active: false),
                offer(for: other.id, start: "2026-02-01", end: "2026-02-28"),
            ]
            try await database.transaction { repositories in
                _ = try await repositories.merchants.insert(shop)
                _ = try await repositories.merchants.insert(other)
                for offer in offers { try await repositories.offers.insert(offer) }
            }
            func ids(_ filter: OfferListFilter) async throws -> [OfferID] {
                try await database.withConnection { try await $0.offers.list(filter: filter, page: firstPage) }.items
                    .map(\.id)
            }
            #expect(try await ids(OfferListFilter(status: nil, merchantID: nil, dateFrom: nil, dateTo: nil)).count == 3)
            #expect(
                try await ids(OfferListFilter(status: .inactive, merchantID: nil, dateFrom: nil, dateTo: nil))
                    == [offers[1].id])
            #expect(
                try await ids(OfferListFilter(status: nil, merchantID: shop.id, dateFrom: nil, dateTo: nil))
                    == [offers[0].id, offers[1].id])
            #expect(
                try await ids(
                    OfferListFilter(
                        status: nil, merchantID: nil, dateFrom: CalendarDate(iso: "2026-01-31"),
                        dateTo: CalendarDate(iso: "2026-02-01"))) == [offers[0].id, offers[2].id])
        }
    }

    @Test func visibleOffersNeedActiveOfferActiveMerchantAndToday() async throws {
        try await withDatabase { (database, _) async throws in
            let open = merchant()
            let closed = merchant(active: false)
            let visible = offer(for: open.id, start: "2026-06-01", end: "2026-06-30")
            let candidates = [
                visible,
                offer(for: open.id, start: "2026-07-01", end: "2026-07-31"),
                offer(for: open.id, start: "2026-06-01", end: "2026-06-30", active: false),
                offer(for: closed.id, start: "2026-06-01", end: "2026-06-30"),
            ]
            try await database.transaction { repositories in
                _ = try await repositories.merchants.insert(open)
                _ = try await repositories.merchants.insert(closed)
                for offer in candidates { try await repositories.offers.insert(offer) }
            }
            let page = try await database.withConnection {
                try await $0.offers.listVisible(on: CalendarDate(iso: "2026-06-30")!, page: firstPage)
            }
            #expect(page.items.map(\.offer.id) == [visible.id] && page.total == 1)
            #expect(page.items.first?.merchantName == open.name)
            let deactivated = try await database.transaction {
                try await $0.offers.setActive(id: visible.id, active: false)
            }
            #expect(deactivated?.active == false)
        }
    }
}
