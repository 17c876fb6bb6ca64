import Application
import Domain
import Foundation
import Hummingbird

/// The operations console (ADR 022): server-rendered pages for admins under `/console`, signed in with a
/// session cookie. Anyone without a live admin session gets the sign-in page, never data. Every form carries
/// the session's CSRF token and every change asks for a confirmation first; a form whose token or origin is
/// wrong changes nothing. The pages are not part of the JSON API (they are not in `/openapi.json`).
struct ConsoleController: Sendable {
    let sessions: ConsoleSessionService
    let jobs: JobAdministration
    let flags: FeatureFlagService
    let money: MoneyOverview
    let throttle: LoginThrottle
    let pages: ConsolePages
    /// How long the browser keeps the cookie: the session's maximum age (the server ends it earlier when idle).
    let cookieMaxAge: Int

    static let refreshSeconds = 10
    /// A breaker report older than this comes from a worker that stopped reporting (workers report every 5 s).
    static let staleBreakerSeconds = 30.0

    /// A request from a signed-in admin.
    struct Signed {
        let session: ConsoleSession
        let admin: User

        /// What the layout shows around every page.
        var chrome: [String: Any] {
            ["admin": ["email": admin.email.value, "csrfToken": session.csrfToken]]
        }
    }

    func register(on router: Router<APIRequestContext>) {
        router.get("/console", use: home)
        router.get("/console/sign-in", use: signInPage)
        router.post("/console/sign-in", use: signIn)
        router.post("/console/sign-out", use: signOut)
        router.get("/console/queues", use: queuesPage)
        router.post("/console/jobs/{job}/{change}", use: changeJob)
        router.get("/console/items", use: itemsPage)
        router.get("/console/items/{job}/{id}", use: itemPage)
        router.post("/console/items/{job}/{id}/redrive", use: redrive)
        router.get("/console/money", use: moneyPage)
        router.get("/console/assets/{name}", use: asset)
    }

    @Sendable func home(_ request: Request, context: APIRequestContext) async throws -> Response {
        Self.redirect(try await signed(request) == nil ? "/console/sign-in" : "/console/queues")
    }

    @Sendable func signInPage(_ request: Request, context: APIRequestContext) async throws -> Response {
        if try await signed(request) != nil { return Self.redirect("/console/queues") }
        return pages.page("sign-in", title: "Sign in", values: [:], chrome: [:], request: request)
    }

    @Sendable func signOut(_ request: Request, context: APIRequestContext) async throws -> Response {
        let form = try await authorizedForm(request, context)
        guard case .success(let signed, _) = form else { return form.refusal(pages, request) }
        try await sessions.signOut(keyHash: signed.session.keyHash)
        var response = Self.redirect("/console/sign-in")
        response.headers[.setCookie] = ConsoleCookie.clearing(host: request.head.authority)
        return response
    }

    @Sendable func queuesPage(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let signed = try await signed(request) else { return Self.redirect("/console/sign-in") }
        return try await queues(signed, request)
    }

    @Sendable func itemsPage(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let signed = try await signed(request) else { return Self.redirect("/console/sign-in") }
        return try await ConsoleItemPages(controller: self).list(signed, request)
    }

    @Sendable func itemPage(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let signed = try await signed(request) else { return Self.redirect("/console/sign-in") }
        return try await ConsoleItemPages(controller: self).show(signed, request, context)
    }

    @Sendable func redrive(_ request: Request, context: APIRequestContext) async throws -> Response {
        let form = try await authorizedForm(request, context)
        guard case .success(let signed, let fields) = form else { return form.refusal(pages, request) }
        return try await ConsoleItemPages(controller: self).redrive(signed, fields, request, context)
    }

    @Sendable func moneyPage(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let signed = try await signed(request) else { return Self.redirect("/console/sign-in") }
        return try await ConsoleMoneyPage(controller: self).show(signed, request)
    }

    @Sendable func asset(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let asset = pages.assets[context.parameters.get("name") ?? ""] else { return Response(status: .notFound) }
        return asset.response(policy: ConsolePages.policy, cache: "public, max-age=3600")
    }

    /// The admin behind the request's session cookie, or `nil`.
    func signed(_ request: Request) async throws -> Signed? {
        guard let key = ConsoleCookie.key(in: request),
            let (session, admin) = try await sessions.resolve(keyHash: ConsoleCookie.hash(key))
        else { return nil }
        return Signed(session: session, admin: admin)
    }

    @Sendable func signIn(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard ConsoleForm.isSameOrigin(request) else { return refused(request, "The sign-in came from another site.") }
        let form = try await ConsoleForm.read(request, context: context)
        let typed = form["email"] ?? ""
        let again = { (status: HTTPResponse.Status, error: String) in
            pages.page(
                "sign-in", title: "Sign in", values: ["email": typed, "error": error], chrome: [:], request: request,
                status: status)
        }
        guard let email = try? EmailAddress(parsing: typed, refusingLookalikes: false), let password = form["password"]
        else { return again(.unauthorized, "Wrong e-mail or password.") }
        let (key, hash) = ConsoleCookie.newKey()
        do {
            _ = try await throttle.attempt(
                email: email, request: request, context: context,
                isRefusal: { ($0 as? ConsoleSessionService.SignInError) == .invalidCredentials }
            ) {
                try await sessions.signIn(
                    email: email, password: password, keyHash: hash, csrfToken: ConsoleCookie.randomToken(),
                    replacing: ConsoleCookie.key(in: request).map(ConsoleCookie.hash))
            }
        } catch ConsoleSessionService.SignInError.invalidCredentials {
            return again(.unauthorized, "Wrong e-mail or password.")
        } catch ConsoleSessionService.SignInError.notAnAdmin {
            return again(.forbidden, "This account is not an administrator's: the console is for administrators only.")
        } catch let limited as APIError where limited.status == .tooManyRequests {
            return again(.tooManyRequests, "Too many failed sign-ins. \(limited.message)")
        } catch is BoundedWork.Overloaded {
            return again(.serviceUnavailable, "Too many sign-ins are being checked right now. Try again in a moment.")
        }
        var response = Self.redirect("/console/queues")
        response.headers[.setCookie] = ConsoleCookie.setting(key, host: request.head.authority, maxAge: cookieMaxAge)
        return response
    }

    private func queues(_ signed: Signed, _ request: Request) async throws -> Response {
        let overview = try await jobs.overview()
        var activities: [JobKind: JobActivity] = [:]
        for job in JobKind.allCases { activities[job] = try await jobs.activity(job) }
        let now = Date()
        let rows: [[String: Any]] = overview.map { job in
            let counts = job.summary.counts
            let activity = activities[job.summary.job]
            let chart = ConsoleAttemptChart(counts: activity?.attempts ?? [], now: now)
            return [
                "bars": chart.bars, "chartSummary": chart.summary, "chartWidth": ConsoleAttemptChart.width,
                "chartHeight": ConsoleAttemptChart.height,
                "workers": (activity?.inFlight ?? []).map { ["worker": $0.worker, "items": $0.items] },
                "noWorkers": activity?.inFlight.isEmpty ?? true,
                "downstream": job.summary.job.downstream.rawValue,
                "breakers": (activity?.breakers ?? []).map { report -> [String: Any] in
                    [
                        "worker": report.worker, "state": report.state.rawValue,
                        "stale": report.ageSeconds > Self.staleBreakerSeconds, "age": Self.age(report.ageSeconds),
                    ]
                },
                "noBreakers": activity?.breakers.isEmpty ?? true,
                "name": job.summary.job.rawValue, "label": Self.label(job.summary.job), "paused": job.paused,
                "due": counts[.due] ?? 0, "running": counts[.running] ?? 0, "retrying": counts[.retrying] ?? 0,
                "parked": counts[.parked] ?? 0, "oldestDue": Self.age(job.summary.oldestDueAgeSeconds),
                "action": job.paused ? "resume" : "pause", "actionLabel": job.paused ? "Resume…" : "Pause…",
                "csrfToken": signed.session.csrfToken,
            ]
        }
        var chrome = signed.chrome
        chrome["onQueues"] = true
        chrome["refreshSeconds"] = Self.refreshSeconds
        return pages.page(
            "queues", title: "Queues",
            values: [
                "jobs": rows, "refreshSeconds": Self.refreshSeconds,
                "updatedAt": String(ConsoleItemPages.timestamp(Date()).dropLast(" UTC".count)),
            ],
            chrome: chrome, request: request)
    }

    /// Pause or resume a job: without `confirm=yes` the answer is the confirmation page; with it, the job's flag
    /// is set (audited as a flag change by this admin).
    @Sendable func changeJob(_ request: Request, context: APIRequestContext) async throws -> Response {
        let form = try await authorizedForm(request, context)
        guard case .success(let signed, let fields) = form else { return form.refusal(pages, request) }
        guard let job = JobKind(rawValue: context.parameters.get("job") ?? ""),
            let change = context.parameters.get("change"), change == "pause" || change == "resume"
        else { return Response(status: .notFound) }
        let pausing = change == "pause"
        guard fields["confirm"] == "yes" else {
            return pages.page(
                "confirm", title: "Confirm",
                values: [
                    "question": "\(pausing ? "Pause" : "Resume") \(Self.label(job).lowercased())?",
                    "explanation": pausing
                        ? "Every worker stops claiming \(job.rawValue) items within a few seconds. Items being worked on "
                            + "finish; nothing is lost, the queue waits until you resume."
                        : "Workers start claiming \(job.rawValue) items again.",
                    "action": "/console/jobs/\(job.rawValue)/\(change)", "csrfToken": signed.session.csrfToken,
                    "confirmLabel": pausing ? "Pause it" : "Resume it", "cancel": "/console/queues",
                ],
                chrome: signed.chrome, request: request)
        }
        _ = try await flags.set(
            FlagAssignment(
                key: job.pauseFlag, enabled: !pausing, scope: FlagScope(type: FlagScopeType.global.rawValue, id: nil),
                description: "\(pausing ? "Paused" : "Resumed") from the operations console"),
            by: signed.admin.id)
        return Self.redirect("/console/queues")
    }

    /// The form of a signed-in admin, if its origin and CSRF token are right.
    func authorizedForm(_ request: Request, _ context: APIRequestContext) async throws -> ConsoleForm.Check {
        guard let signed = try await signed(request) else { return .signedOut }
        guard ConsoleForm.isSameOrigin(request) else { return .forged }
        let fields = try await ConsoleForm.read(request, context: context)
        guard let token = fields["csrf_token"], ConsoleForm.equal(token, signed.session.csrfToken) else {
            return .forged
        }
        return .success(signed, fields)
    }

    private func refused(_ request: Request, _ text: String) -> Response {
        pages.page(
            "message", title: "Refused",
            values: ["heading": "Refused", "text": text, "link": "/console/sign-in", "linkLabel": "Sign in"],
            chrome: [:], request: request, status: .forbidden)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func label(_ job: JobKind) -> String {
        switch job {
        case .purchaseConfirmation: "Purchase confirmation"
        case .payoutSettlement: "Payout settlement"
        }
    }

    /// `12 s`, `4 min`, `3.5 h`, `12 d` or `—` when nothing is due.
    static func age(_ seconds: Double) -> String {
        switch seconds {
        case ..<0.5: "—"
        case ..<120: "\(Int(seconds.rounded())) s"
        case ..<7200: "\(Int((seconds / 60).rounded())) min"
        case ..<172_800: String(format: "%.1f h", seconds / 3600)
        default: "\(Int((seconds / 86400).rounded())) d"
        }
    }
}
