import Credentials
import Foundation
import HTTPAPI
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// The operations console's sessions and forms (ADR 022): only an admin's live session sees a page; every
/// change needs the session's CSRF token, comes from this site and asks for a confirmation; a sign-in always
/// makes a new session; stored text is escaped. The pages themselves are driven in a browser by
/// `browser-tests/run.py`.
@Suite struct ConsoleTests {
    static let setCookie = HTTPField.Name("Set-Cookie")!
    static let cookie = HTTPField.Name("Cookie")!
    static let origin = HTTPField.Name("Origin")!

    /// Posts an urlencoded form, with the session cookie when given.
    func post(
        _ api: APIHarness, _ path: String, _ fields: [String: String], cookie: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let cookie { headers[Self.cookie] = "cnb_console=\(cookie)" }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.")
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
        return try await api.client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func get(_ api: APIHarness, _ path: String, cookie: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let cookie { headers[Self.cookie] = "cnb_console=\(cookie)" }
        return try await api.client.execute(uri: path, method: .get, headers: headers)
    }

    /// Signs in as a new admin; returns the cookie's key.
    func signIn(_ api: APIHarness, role: String = "admin", replacing old: String? = nil) async throws -> String? {
        let email = TestData.email(role)
        let hash = try await BcryptPasswordHasher(cost: 4).hash("Str0ng!Pass")
        _ = try await TestData.insertUser(api.database, email: email, passwordHash: hash, role: role, active: true)
        let answer = try await post(api, "/console/sign-in", ["email": email, "password": "Str0ng!Pass"], cookie: old)
        return Self.key(answer)
    }

    static func key(_ answer: TestResponse) -> String? {
        guard let header = answer.headers[setCookie], header.hasPrefix("cnb_console=") else { return nil }
        let value = header.dropFirst("cnb_console=".count).prefix { $0 != ";" }
        return value.isEmpty ? nil : String(value)
    }

    static func csrf(_ page: TestResponse) -> String? {
        let html = String(buffer: page.body)
        guard let range = html.range(of: #"name="csrf_token" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    func sessions(_ api: APIHarness) async throws -> Int {
        try await TestData.count(api.database, "console_sessions")
    }

    @Test func anonymousVisitorsAndNonAdminsGetTheSignInPageNeverData() async throws {
        try await APIHarness.run { api in
            for path in ["/console", "/console/queues"] {
                let page = try await get(api, path)
                #expect(page.status == .seeOther && page.headers[.location] == "/console/sign-in", "\(path)")
            }
            let signInPage = try await get(api, "/console/sign-in")
            #expect(signInPage.status == .ok && String(buffer: signInPage.body).contains(#"<form class="card""#))
            #expect(!String(buffer: signInPage.body).contains("Queues</h1>"))

            let user = try await signIn(api, role: "user")
            #expect(user == nil, "a user's right password opens no session")
            #expect(try await sessions(api) == 0)
            let forged = try await get(api, "/console/queues", cookie: String(repeating: "A", count: 43))
            #expect(forged.status == .seeOther, "a made-up key is no session")
            let wrong = try await post(api, "/console/sign-in", ["email": "nobody@example.com", "password": "x"])
            #expect(wrong.status == .unauthorized && Self.key(wrong) == nil)
        }
    }

    @Test func anAdminSignsInWithANewHttpOnlySessionAndSeesTheQueues() async throws {
        try await APIHarness.run { api in
            let answer = try await post(api, "/console/sign-in", ["email": "x", "password": "y"])
            #expect(answer.status == .unauthorized)
            let key = try #require(try await signIn(api))
            let page = try await get(api, "/console/queues", cookie: key)
            #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.cacheControl] == "no-store")
            let html = String(buffer: page.body)
            #expect(html.contains("<h1>Queues</h1>") && html.contains("purchase_confirmation"))
            #expect(Self.csrf(page)?.count == 43)

            let fresh = try await post(
                api, "/console/sign-in", ["email": "x@example.com", "password": "y"], cookie: key)
            #expect(fresh.status == .unauthorized, "a failed sign-in leaves the session as it was")
            let other = try #require(try await signIn(api, replacing: key))
            #expect(other != key, "a sign-in always makes a new key (no session fixation)")
            #expect(try await get(api, "/console/queues", cookie: key).status == .seeOther, "the old one is gone")
            #expect(try await get(api, "/console/queues", cookie: other).status == .ok)
        }
    }

    @Test func theCookieIsHttpOnlySameSiteAndScoped() async throws {
        try await APIHarness.run { api in
            let email = TestData.email("admin")
            let hash = try await BcryptPasswordHasher(cost: 4).hash("Str0ng!Pass")
            _ = try await TestData.insertUser(
                api.database, email: email, passwordHash: hash, role: "admin", active: true)
            let answer = try await post(api, "/console/sign-in", ["email": email, "password": "Str0ng!Pass"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/console/queues")
            let header = try #require(answer.headers[Self.setCookie])
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/console"] {
                #expect(header.contains(attribute), "\(attribute) in \(header)")
            }
            #expect(!header.contains("Secure"), "plain HTTP on loopback: a browser would drop a Secure cookie")
            for host in ["console.example.com", "10.0.0.5:8080", "[2001:db8::1]:443"] {
                #expect(ConsoleCookie.setting("k", host: host, maxAge: 60).hasSuffix("; Secure"), "\(host)")
            }
            for host in ["localhost:8080", "127.0.0.1", "[::1]:8080"] {
                #expect(!ConsoleCookie.setting("k", host: host, maxAge: 60).contains("Secure"), "\(host)")
            }
            let stored = try await TestData.count(
                api.database, "console_sessions", where: "key_hash ~ '^[0-9a-f]{64}$'")
            #expect(stored == 1, "only the key's hash is stored")
            #expect(
                try await TestData.count(
                    api.database, "console_sessions", where: "key_hash = '\(Self.key(answer) ?? "")'") == 0)
        }
    }

    @Test func aChangeNeedsTheSessionsTokenThisSiteAndAConfirmation() async throws {
        try await APIHarness.run { api in
            let key = try #require(try await signIn(api))
            let token = try #require(Self.csrf(try await get(api, "/console/queues", cookie: key)))
            let pause = "/console/jobs/purchase_confirmation/pause"
            for fields in [
                ["confirm": "yes"], ["confirm": "yes", "csrf_token": "wrong"], ["confirm": "yes", "csrf_token": ""],
            ] {
                let refused = try await post(api, pause, fields, cookie: key)
                #expect(refused.status == .forbidden, "\(fields)")
            }
            let crossSite = try await post(
                api, pause, ["confirm": "yes", "csrf_token": token], cookie: key,
                headers: [Self.origin: "https://evil.example"])
            #expect(crossSite.status == .forbidden)
            let signedOut = try await post(api, pause, ["confirm": "yes", "csrf_token": token])
            #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/console/sign-in")
            #expect(
                try await TestData.count(
                    api.database, "feature_flags", where: "key = 'purchase_confirmation_job' AND enabled = false") == 0,
                "nothing changed")

            let confirm = try await post(api, pause, ["csrf_token": token], cookie: key)
            #expect(confirm.status == .ok && String(buffer: confirm.body).contains(#"name="confirm" value="yes""#))
            #expect(
                try await TestData.count(
                    api.database, "feature_flags", where: "key = 'purchase_confirmation_job' AND enabled = false") == 0,
                "asking changes nothing")
            let done = try await post(api, pause, ["csrf_token": token, "confirm": "yes"], cookie: key)
            #expect(done.status == .seeOther && done.headers[.location] == "/console/queues")
            #expect(
                try await TestData.count(
                    api.database, "feature_flags", where: "key = 'purchase_confirmation_job' AND enabled = false") == 1)
            #expect(
                try await TestData.count(api.database, "audit_logs", where: "action LIKE 'FEATURE_FLAG%'") >= 1,
                "audited")
            let page = String(buffer: try await get(api, "/console/queues", cookie: key).body)
            #expect(page.contains("Paused: workers claim none of its items."))
            let resumed = try await post(
                api, "/console/jobs/purchase_confirmation/resume", ["csrf_token": token, "confirm": "yes"], cookie: key)
            #expect(resumed.status == .seeOther)
            #expect(
                try await TestData.count(
                    api.database, "feature_flags", where: "key = 'purchase_confirmation_job' AND enabled = true") == 1)
        }
    }

    @Test func expiredAndSignedOutSessionsOpenNothing() async throws {
        try await APIHarness.run { api in
            let key = try #require(try await signIn(api))
            try await api.database.query(
                "UPDATE console_sessions SET expires_at = now() - interval '1 second'", logger: TestDatabase.logger)
            #expect(try await get(api, "/console/queues", cookie: key).status == .seeOther)
            #expect(try await sessions(api) == 0, "an expired session is deleted when met")

            _ = try #require(try await signIn(api))
            try await api.database.query(
                "UPDATE console_sessions SET expires_at = now() - interval '1 second'", logger: TestDatabase.logger)
            let again = try #require(try await signIn(api))
            #expect(try await sessions(api) == 1, "sign-ins sweep the sessions nobody came back to")
            let token = try #require(Self.csrf(try await get(api, "/console/queues", cookie: again)))
            let out = try await post(api, "/console/sign-out", ["csrf_token": token], cookie: again)
            #expect(out.status == .seeOther && out.headers[Self.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await get(api, "/console/queues", cookie: again).status == .seeOther)
            #expect(try await sessions(api) == 0)
        }
    }

    @Test func whatTheVisitorTypedIsShownAsText() async throws {
        try await APIHarness.run { api in
            let answer = try await post(
                api, "/console/sign-in", ["email": "<script>alert(1)</script>", "password": "x"])
            let html = String(buffer: answer.body)
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(answer.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true)
        }
    }

    @Test func parkedItemsAreFoundShownEscapedAndRedrivenWithANoteAndAConfirmation() async throws {
        try await APIHarness.run { api in
            let parked = try await JobAPITests.parkedPurchase(api)
            try await api.database.query(
                "UPDATE purchase_verifications SET last_error = '<script>alert(1)</script>' WHERE parked_at IS NOT NULL",
                logger: TestDatabase.logger)
            let key = try #require(try await signIn(api))
            let list = String(buffer: try await get(api, "/console/items", cookie: key).body)
            #expect(list.contains(parked) && list.contains("Parked items"))
            #expect(
                !list.contains("<script>alert(1)</script>") && list.contains("&lt;script&gt;"), "stored text is text")
            let external = String(buffer: try await get(api, "/console/items?q=bulk-\(parked)", cookie: key).body)
            #expect(external.contains("/console/items/purchase_confirmation/\(parked)"), "found by external id")
            let none = String(buffer: try await get(api, "/console/items?q=\(UUID().uuidString)", cookie: key).body)
            #expect(none.contains("No queued item matches"))

            let path = "/console/items/purchase_confirmation/\(parked)"
            let page = try await get(api, path, cookie: key)
            #expect(page.status == .ok && String(buffer: page.body).contains("Redrive…"))
            let token = try #require(Self.csrf(page))
            let noNote = try await post(api, path + "/redrive", ["csrf_token": token], cookie: key)
            #expect(noNote.status == .unprocessableContent)
            let forged = try await post(
                api, path + "/redrive", ["csrf_token": "x", "note": "fixed", "confirm": "yes"], cookie: key)
            #expect(forged.status == .forbidden)
            let ask = try await post(
                api, path + "/redrive", ["csrf_token": token, "note": "trigger dropped"], cookie: key)
            #expect(ask.status == .ok && String(buffer: ask.body).contains(#"name="note" value="trigger dropped""#))
            #expect(
                try await TestData.count(api.database, "purchase_verifications", where: "parked_at IS NOT NULL") == 1)
            let done = try await post(
                api, path + "/redrive", ["csrf_token": token, "note": "trigger dropped", "confirm": "yes"], cookie: key)
            #expect(done.status == .seeOther && done.headers[.location] == path)
            #expect(
                try await TestData.count(api.database, "purchase_verifications", where: "parked_at IS NOT NULL") == 0)
            #expect(
                try await TestData.count(
                    api.database, "audit_logs",
                    where: "action = 'JOB_ITEM_REDRIVEN' AND details->>'note' = 'console: trigger dropped'") == 1)
            let again = try await post(
                api, path + "/redrive", ["csrf_token": token, "note": "twice", "confirm": "yes"], cookie: key)
            #expect(again.status == .conflict)
            #expect(try await get(api, "/console/items", cookie: nil).status == .seeOther)
        }
    }

    @Test func theQueuesPageShowsWhoHoldsItemsAndTheLastHoursAttempts() async throws {
        try await APIHarness.run { api in
            try await TestData.bulkPendingPurchases(api.database, count: 3)
            try await api.database.query(
                """
                UPDATE purchase_verifications SET lease_owner = 'worker-<b>7</b>', lease_token = gen_random_uuid(),
                    lease_expires_at = now() + interval '1 minute'
                WHERE purchase_id IN (SELECT purchase_id FROM purchase_verifications LIMIT 2)
                """, logger: TestDatabase.logger)
            try await api.database.query(
                """
                INSERT INTO job_attempts (job, item_id, attempt, worker, started_at, duration_ms, outcome, error_class)
                SELECT 'purchase_confirmation', gen_random_uuid(), 1, 'w', now() - make_interval(mins => n % 50),
                       3, (ARRAY['confirmed', 'confirmed', 'retry', 'unavailable', 'crashed'])[1 + n % 5], NULL
                FROM generate_series(0, 9) n
                """, logger: TestDatabase.logger)
            let key = try #require(try await signIn(api))
            let html = String(buffer: try await get(api, "/console/queues", cookie: key).body)
            #expect(html.contains("<code>worker-&lt;b&gt;7&lt;/b&gt;</code>: 2"), "in flight per worker, escaped")
            #expect(
                html.contains(
                    "Attempts over the last hour: 4 settled, 2 retried, 2 downstream unavailable, 2 interrupted, "
                        + "crashed or parked."))
            #expect(html.contains(#"<rect class="settled""#) && html.contains(#"<rect class="trouble""#))
            #expect(html.contains("No worker holds an item of this job now."), "the payout job has none")
        }
    }

    @Test func theMoneyPageShowsTheLatestReconcileThePendingLongestAndAWalletAsText() async throws {
        try await APIHarness.run { api in
            let key = try #require(try await signIn(api))
            let empty = String(buffer: try await get(api, "/console/money", cookie: key).body)
            #expect(empty.contains("No reconcile result is recorded yet") && empty.contains("No purchase is pending"))

            let merchant = try await TestData.insertMerchant(api.database, name: "<script>alert(1)</script>")
            let (user, _) = try await TestData.bulkPendingPurchases(api.database, count: 3, merchantID: merchant)
            try await api.database.query(
                """
                INSERT INTO reconcile_runs (wallets_checked, purchases_checked, payouts_checked, drift_count, drifts)
                VALUES (4, 5, 6, 120, jsonb_build_array(jsonb_build_object(
                    'rule', 'wallet_equals_ledger', 'subject', 'u', 'detail', '<img src=x onerror=alert(1)>')))
                """, logger: TestDatabase.logger)
            let page = try await get(api, "/console/money?account=\(user.uuidString)", cookie: key)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("120 drifts found") && html.contains("(the first 1 of 120)"))
            #expect(html.contains("Checked 4 wallets, 5 purchases and 6 payouts."))
            #expect(!html.contains("<script>alert(1)") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<img src=x") && html.contains("&lt;img src=x"), "a stored drift is text")
            #expect(html.components(separatedBy: "bulk-").count - 1 == 3, "the three pending purchases")
            #expect(html.contains("<td>15.00</td><td>0.00</td><td>0.00</td><td>0.00</td>"), "pending 3 × 5.00")
            #expect(html.contains("entries 1–3 of 3") && html.contains("purchase_ingested"))

            var email = ""
            for try await (stored) in try await api.database.query(
                "SELECT email FROM users WHERE id = \(user)", logger: TestDatabase.logger
            ).decode(String.self) { email = stored }
            let byEmail = String(buffer: try await get(api, "/console/money?account=\(email)", cookie: key).body)
            #expect(byEmail.contains(user.uuidString.lowercased()) && byEmail.contains("<td>15.00</td>"))
            let unknown = String(
                buffer: try await get(api, "/console/money?account=nobody%40example.com", cookie: key).body)
            #expect(unknown.contains("No account has that id or e-mail address."))
        }
    }

    /// Every console route answers an anonymous visitor, an expired session and a session whose admin lost the
    /// role with the sign-in page (GET and POST alike), changing nothing; only a live admin session sees pages.
    @Test func everyConsoleRouteRefusesAnonymousExpiredAndDemotedSessions() async throws {
        try await APIHarness.run { api in
            let item = "/console/items/purchase_confirmation/\(UUID().uuidString.lowercased())"
            let pages = [
                "/console/queues", "/console/items", "/console/items?q=x", item, "/console/money",
                "/console/money?account=x",
            ]
            let forms = ["/console/jobs/purchase_confirmation/pause", item + "/redrive", "/console/sign-out"]
            let admin = try #require(try await signIn(api))
            let token = try #require(Self.csrf(try await get(api, "/console/queues", cookie: admin)))
            for path in pages {
                let answer = try await get(api, path, cookie: admin)
                #expect(answer.status == (path == item ? .notFound : .ok), "admin: \(path)")
            }
            let expired = try #require(try await signIn(api))
            try await api.database.query(
                """
                UPDATE console_sessions SET expires_at = now() - interval '1 second'
                WHERE created_at = (SELECT max(created_at) FROM console_sessions)
                """, logger: TestDatabase.logger)
            try await api.database.query(
                """
                UPDATE users SET role = 'user'
                WHERE id = (SELECT user_id FROM console_sessions ORDER BY created_at LIMIT 1)
                """, logger: TestDatabase.logger)
            for (who, cookie) in [("anonymous", nil), ("expired", expired), ("demoted", admin)] as [(String, String?)] {
                for path in pages {
                    let answer = try await get(api, path, cookie: cookie)
                    #expect(
                        answer.status == .seeOther && answer.headers[.location] == "/console/sign-in",
                        "\(who) GET \(path)")
                    #expect(!String(buffer: answer.body).contains("<h1>"), "\(who) sees no page")
                }
                for path in forms {
                    let answer = try await post(
                        api, path, ["csrf_token": token, "confirm": "yes", "note": "n"], cookie: cookie)
                    #expect(
                        answer.status == .seeOther && answer.headers[.location] == "/console/sign-in",
                        "\(who) POST \(path)")
                }
            }
            #expect(
                try await TestData.count(api.database, "feature_flags", where: "enabled = false") == 0,
                "nothing changed")
        }
    }
}
