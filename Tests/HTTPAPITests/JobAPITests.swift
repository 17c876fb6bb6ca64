import Foundation
import PostgresNIO
import TestSupport
import Testing

/// The admin view of the worker's queues (ADR 020): counts by state and pause, items by state with paging, an
/// item's attempt history, and the audited redrive of a parked item.
@Suite struct JobAPITests {
    /// Three pending purchases, one of them parked after five interruptions with two journal lines; returns the
    /// parked purchase's id.
    static func parkedPurchase(_ api: APIHarness) async throws -> String {
        try await TestData.bulkPendingPurchases(api.database, count: 3)
        let rows = try await api.database.query(
            """
            UPDATE purchase_verifications SET parked_at = now(), interruptions = 5, attempts = 1,
                last_error = 'settlement refused', last_error_class = 'interrupted'
            WHERE purchase_id = (SELECT purchase_id FROM purchase_verifications ORDER BY purchase_id LIMIT 1)
            RETURNING purchase_id::text
            """, logger: TestDatabase.logger)
        var parked = ""
        for try await id in rows.decode(String.self) { parked = id }
        try await api.database.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO job_attempts (job, item_id, attempt, worker, started_at, duration_ms, outcome,
                        error_class, message)
                    VALUES ('purchase_confirmation', '\(parked)', 1, 'w-1', now() - interval '2 minutes', NULL,
                            'crashed', 'interrupted', NULL),
                           ('purchase_confirmation', '\(parked)', 2, 'w-2', now() - interval '1 minute', 12.5,
                            'parked', 'interrupted', 'settlement refused')
                    """), logger: TestDatabase.logger)
        return parked
    }

    @Test func adminsSeeEachJobsCountsAndPauseState() async throws {
        try await APIHarness.run { api in
            _ = try await Self.parkedPurchase(api)
            let admin = try await api.account(role: "admin")
            let overview = try await api.send(.get, "/api/v1/admin/jobs", token: admin.token)
            #expect(overview.status == .ok)
            let jobs = try #require(overview.json["data"] as? [[String: Any]])
            #expect(jobs.compactMap { $0["job"] as? String } == ["purchase_confirmation", "payout_settlement"])
            let purchases = try #require(jobs.first)
            let counts = try #require(purchases["counts"] as? [String: Int])
            #expect(counts == ["due": 2, "running": 0, "retrying": 0, "parked": 1])
            #expect(purchases["paused"] as? Bool == false)
            #expect((purchases["oldest_due_age_seconds"] as? Double ?? -1) >= 0)

            let pause = try await api.send(
                .put, "/api/v1/feature-flags/purchase_confirmation_job", token: admin.token,
                json: #"{"enabled": false}"#)
            #expect(pause.status == .ok)
            let paused = try await api.send(.get, "/api/v1/admin/jobs", token: admin.token)
            #expect((paused.json["data"] as? [[String: Any]])?.first?["paused"] as? Bool == true)

            let user = try await api.account()
            let forbidden = try await api.send(.get, "/api/v1/admin/jobs", token: user.token)
            #expect(forbidden.status == .forbidden && forbidden.errorCode == "FORBIDDEN")
        }
    }

    @Test func itemsAreListedByStateWithPaging() async throws {
        try await APIHarness.run { api in
            let parked = try await Self.parkedPurchase(api)
            let admin = try await api.account(role: "admin")
            let list = try await api.send(
                .get, "/api/v1/admin/jobs/purchase_confirmation/items?state=parked", token: admin.token)
            #expect(list.status == .ok)
            let items = try #require(list.json["data"] as? [[String: Any]])
            #expect(items.count == 1)
            let item = try #require(items.first)
            #expect(item["item_id"] as? String == parked && item["state"] as? String == "parked")
            #expect(item["last_error"] as? String == "settlement refused" && item["interruptions"] as? Int == 5)
            #expect(item["lease_owner"] is NSNull && item["failing_since"] is NSNull)
            #expect((list.json["pagination"] as? [String: Int])?["total"] == 1)

            let page = try await api.send(
                .get, "/api/v1/admin/jobs/purchase_confirmation/items?limit=1&offset=1", token: admin.token)
            #expect((page.json["data"] as? [[String: Any]])?.count == 1)
            #expect(page.json["pagination"] as? [String: Int] == ["offset": 1, "limit": 1, "total": 3])

            let badState = try await api.send(
                .get, "/api/v1/admin/jobs/purchase_confirmation/items?state=stuck", token: admin.token)
            #expect(badState.status == .unprocessableContent && badState.errorCode == "VALIDATION_ERROR")
            let badJob = try await api.send(.get, "/api/v1/admin/jobs/emails/items", token: admin.token)
            #expect(badJob.status == .notFound && badJob.errorCode == "JOB_NOT_FOUND")
            let payouts = try await api.send(.get, "/api/v1/admin/jobs/payout_settlement/items", token: admin.token)
            #expect((payouts.json["pagination"] as? [String: Int])?["total"] == 0)
        }
    }

    @Test func anItemShowsItsAttemptsNewestFirst() async throws {
        try await APIHarness.run { api in
            let parked = try await Self.parkedPurchase(api)
            let admin = try await api.account(role: "admin")
            let shown = try await api.send(
                .get, "/api/v1/admin/jobs/purchase_confirmation/items/\(parked)", token: admin.token)
            #expect(shown.status == .ok)
            #expect((shown.json["item"] as? [String: Any])?["item_id"] as? String == parked)
            let attempts = try #require(shown.json["attempts"] as? [[String: Any]])
            #expect(attempts.compactMap { $0["outcome"] as? String } == ["parked", "crashed"])
            #expect(attempts.first?["duration_ms"] as? Double == 12.5 && attempts.last?["duration_ms"] is NSNull)
            let one = try await api.send(
                .get, "/api/v1/admin/jobs/purchase_confirmation/items/\(parked)?attempts_limit=1", token: admin.token)
            #expect((one.json["attempts"] as? [[String: Any]])?.count == 1)

            let elsewhere = try await api.send(
                .get, "/api/v1/admin/jobs/payout_settlement/items/\(parked)", token: admin.token)
            #expect(elsewhere.status == .notFound && elsewhere.errorCode == "JOB_ITEM_NOT_FOUND")
            let malformed = try await api.send(
                .get, "/api/v1/admin/jobs/purchase_confirmation/items/not-a-uuid", token: admin.token)
            #expect(malformed.status == .notFound && malformed.errorCode == "JOB_ITEM_NOT_FOUND")
        }
    }

    @Test func aParkedItemIsRedrivenOnceAndAudited() async throws {
        try await APIHarness.run { api in
            let parked = try await Self.parkedPurchase(api)
            let admin = try await api.account(role: "admin")
            let path = "/api/v1/admin/jobs/purchase_confirmation/items/\(parked)/redrive"
            let noNote = try await api.send(.post, path, token: admin.token, json: "{}")
            #expect(noNote.status == .unprocessableContent && noNote.errorCode == "VALIDATION_ERROR")
            #expect(
                try await TestData.count(api.database, "purchase_verifications", where: "parked_at IS NOT NULL") == 1,
                "a refused redrive changes nothing")

            let redriven = try await api.send(
                .post, path, token: admin.token, json: #"{"note": "the trigger was dropped"}"#)
            #expect(redriven.status == .ok, "\(String(buffer: redriven.body))")
            #expect(redriven.json["state"] as? String == "due" && redriven.json["parked_at"] is NSNull)
            #expect(redriven.json["interruptions"] as? Int == 0)
            #expect(redriven.json["attempts"] as? Int == 1, "a purchase keeps its business attempts")
            #expect(
                try await TestData.count(
                    api.database, "audit_logs",
                    where: """
                        action = 'JOB_ITEM_REDRIVEN' AND actor_id = '\(admin.id.uuidString.lowercased())'
                        AND resource_id = '\(parked)' AND details->>'note' = 'the trigger was dropped'
                        """) == 1)

            let again = try await api.send(.post, path, token: admin.token, json: #"{"note": "twice"}"#)
            #expect(again.status == .conflict && again.errorCode == "JOB_ITEM_NOT_PARKED")
            #expect(again.errorDetails["state"] as? String == "due")
            let user = try await api.account()
            let forbidden = try await api.send(.post, path, token: user.token, json: #"{"note": "me"}"#)
            #expect(forbidden.status == .forbidden)
            #expect(try await TestData.count(api.database, "audit_logs", where: "action = 'JOB_ITEM_REDRIVEN'") == 1)
        }
    }
}
