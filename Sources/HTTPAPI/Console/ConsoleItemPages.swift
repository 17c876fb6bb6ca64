import Application
import Domain
import Foundation
import Hummingbird

/// The console's Items pages (ADR 022): parked items at a glance, a search by purchase, payout or user id or a
/// purchase's external id, one item with its attempt history, and its redrive — with a note and a
/// confirmation step, audited as `JOB_ITEM_REDRIVEN` with the admin as actor.
struct ConsoleItemPages {
    let controller: ConsoleController

    func list(_ signed: ConsoleController.Signed, _ request: Request) async throws -> Response {
        let text = request.uri.queryParameters.get("q").map { $0.removingPercentEncoding ?? $0 } ?? ""
        var values: [String: Any] = ["query": text]
        let items: [JobItem]
        if text.isEmpty {
            values["heading"] = "Parked items"
            values["empty"] = "No item is parked."
            items = try await parked()
        } else if let search = JobSearch(text) {
            values["heading"] = "Items found for \u{201C}\(text)\u{201D}"
            values["empty"] = "No queued item matches. Settled items leave the queues."
            items = try await controller.jobs.search(search)
        } else {
            values["heading"] = "Search"
            values["error"] = "Type an id or an external id of at most 255 characters."
            items = []
        }
        values["hasItems"] = !items.isEmpty
        if !items.isEmpty { values["empty"] = nil }
        values["items"] = items.map { item -> [String: Any] in
            [
                "job": item.job.rawValue, "id": item.itemID.uuidString.lowercased(), "state": item.state.rawValue,
                "attempts": item.attempts, "lastError": item.lastError ?? "",
            ]
        }
        var chrome = signed.chrome
        chrome["onItems"] = true
        chrome["refreshSeconds"] = ConsoleController.refreshSeconds
        return controller.pages.page("items", title: "Items", values: values, chrome: chrome, request: request)
    }

    func show(_ signed: ConsoleController.Signed, _ request: Request, _ context: APIRequestContext) async throws
        -> Response
    {
        guard let (job, id) = Self.item(context),
            let history = try await controller.jobs.history(job, itemID: id, limit: 100)
        else { return notFound(signed, request) }
        var chrome = signed.chrome
        chrome["onItems"] = true
        chrome["refreshSeconds"] = ConsoleController.refreshSeconds
        return controller.pages.page(
            "item", title: "Item", values: Self.values(history, csrf: signed.session.csrfToken), chrome: chrome,
            request: request)
    }

    /// Without `confirm=yes`: the confirmation page, carrying the note. With it: the redrive.
    func redrive(
        _ signed: ConsoleController.Signed, _ fields: [String: String], _ request: Request,
        _ context: APIRequestContext
    ) async throws -> Response {
        guard let (job, id) = Self.item(context) else { return notFound(signed, request) }
        let note = (fields["note"] ?? "").trimmingCharacters(in: .whitespaces)
        let path = "/console/items/\(job.rawValue)/\(id.uuidString.lowercased())"
        guard (1...500).contains(note.count) else {
            return message(
                signed, request, heading: "A note is needed",
                text: "Say why the item can be tried again (1 to 500 characters): it goes into the audit trail.",
                link: path, status: .unprocessableContent)
        }
        guard fields["confirm"] == "yes" else {
            return controller.pages.page(
                "confirm", title: "Confirm",
                values: [
                    "question": "Redrive this \(ConsoleController.label(job).lowercased()) item?",
                    "explanation": "It becomes due now and workers claim it again. If the cause of its parking is "
                        + "still there, it will be parked again.",
                    "action": path + "/redrive", "csrfToken": signed.session.csrfToken, "confirmLabel": "Redrive it",
                    "cancel": path, "hidden": [["name": "note", "value": note]],
                ],
                chrome: signed.chrome, request: request)
        }
        do {
            _ = try await controller.jobs.redrive(
                job, itemID: id, by: .admin(signed.admin.id), note: "console: \(note)")
        } catch JobAdministration.RedriveError.notFound {
            return notFound(signed, request)
        } catch JobAdministration.RedriveError.notParked(let state) {
            return message(
                signed, request, heading: "Nothing to redrive",
                text: "The item is \(state.rawValue), not parked; nothing was changed.", link: path, status: .conflict)
        }
        return ConsoleController.redirect(path)
    }

    private func parked() async throws -> [JobItem] {
        var items: [JobItem] = []
        for job in JobKind.allCases {
            items += try await controller.jobs.items(job, state: .parked, page: PageRequest(offset: 0, limit: 50)).items
        }
        return items
    }

    private static func item(_ context: APIRequestContext) -> (JobKind, UUID)? {
        guard let job = JobKind(rawValue: context.parameters.get("job") ?? ""),
            let id = UUID(uuidString: context.parameters.get("id") ?? "")
        else { return nil }
        return (job, id)
    }

    private static func values(_ history: JobAdministration.ItemHistory, csrf: String) -> [String: Any] {
        let item = history.item
        let time = { (date: Date?) in date.map(ConsoleItemPages.timestamp) ?? "—" }
        return [
            "job": item.job.rawValue, "label": ConsoleController.label(item.job),
            "id": item.itemID.uuidString.lowercased(), "state": item.state.rawValue, "attempts": item.attempts,
            "claims": item.claims, "interruptions": item.interruptions, "nextAttemptAt": time(item.nextAttemptAt),
            "failingSince": time(item.failingSince), "parkedAt": time(item.parkedAt),
            "leaseOwner": item.leaseOwner ?? "—", "lastError": item.lastError ?? "—",
            "lastErrorClass": item.lastErrorClass ?? "", "parked": item.state == .parked, "csrfToken": csrf,
            "hasAttempts": !history.attempts.isEmpty,
            "attemptsRows": history.attempts.map { attempt -> [String: Any] in
                [
                    "attempt": attempt.attempt, "startedAt": timestamp(attempt.startedAt), "worker": attempt.worker,
                    "outcome": attempt.outcome, "errorClass": attempt.errorClass?.rawValue ?? "",
                    "duration": attempt.durationMilliseconds.map { String(format: "%.1f", $0) } ?? "—",
                    "message": attempt.message ?? "",
                ]
            },
        ]
    }

    /// `2026-12-03 23:55:12 UTC` (a value format style: no formatter object made per row).
    static func timestamp(_ date: Date) -> String {
        date.formatted(timestampStyle) + " UTC"
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(
        dateSeparator: .dash, dateTimeSeparator: .space, timeZone: .gmt
    ).year().month().day().time(includingFractionalSeconds: false)

    private func notFound(_ signed: ConsoleController.Signed, _ request: Request) -> Response {
        message(
            signed, request, heading: "No such item",
            text: "The queue holds no such item. Settled items leave the queues.", link: "/console/items",
            status: .notFound)
    }

    private func message(
        _ signed: ConsoleController.Signed, _ request: Request, heading: String, text: String, link: String,
        status: HTTPResponse.Status
    ) -> Response {
        controller.pages.page(
            "message", title: heading, values: ["heading": heading, "text": text, "link": link, "linkLabel": "Back"],
            chrome: signed.chrome, request: request, status: status)
    }
}
