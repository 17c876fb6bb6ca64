import Application
import Domain
import Foundation
import PostgresNIO

/// The parameters of `record_ingestions.sql`: the drafts as parallel arrays, one per column, which the statement
/// unnests into rows.
struct IngestionRows {
    let values: [String: any PostgresThrowingDynamicTypeEncodable]

    init(_ drafts: [IngestionDraft], walletGuard: WalletGuard) throws {
        let purchases = drafts.map(\.purchase)
        let movements = drafts.flatMap(\.movements)
        var latest: [UserID: Date] = [:]
        for purchase in purchases {
            latest[purchase.userID] = max(latest[purchase.userID] ?? .distantPast, purchase.createdAt)
        }
        let owners = latest.keys.sorted { $0.description < $1.description }
        let (holdsLock, versions): (Bool, [UserID: Int64]) =
            switch walletGuard {
            case .locked: (true, [:])
            case .unchangedSince(let versions): (false, versions)
            }
        let encoder = JSONEncoder()
        let audits = drafts.map(\.audit)
        values = [
            "move_user_ids": movements.map(\.userID.uuid), "move_buckets": movements.map(\.bucket.rawValue),
            "move_deltas": movements.map(\.delta.description), "move_reasons": movements.map(\.reason.rawValue),
            "move_purchase_ids": movements.map(\.referenceID),
            "user_ids": owners.map(\.uuid), "expected_versions": owners.map { versions[$0] ?? -1 },
            "updated_ats": owners.map { latest[$0] ?? .distantPast }, "holds_lock": holdsLock,
            "ids": purchases.map(\.id.uuid), "external_ids": purchases.map(\.externalID),
            "item_user_ids": purchases.map(\.userID.uuid), "merchant_ids": purchases.map(\.merchantID.uuid),
            "offer_ids": purchases.map { $0.offerID?.description ?? "" },
            "amounts": purchases.map(\.amount.description),
            "cashback_amounts": purchases.map(\.cashbackAmount.description),
            "currencies": purchases.map(\.currency), "statuses": purchases.map(\.status.rawValue),
            "created_ats": purchases.map(\.createdAt),
            "partner_ids": purchases.map { $0.partnerID?.description ?? "" },
            "audit_purchase_ids": purchases.map(\.id.uuid), "audit_ids": audits.map(\.id),
            "audit_times": audits.map(\.occurredAt), "audit_actor_types": audits.map(\.actor.type),
            "audit_actor_ids": audits.map { $0.actor.id.map(UUIDText.lowercased) ?? "" },
            "audit_actions": audits.map(\.action.rawValue), "audit_resource_types": audits.map(\.resourceType),
            "audit_resource_ids": audits.map(\.resourceID), "audit_outcomes": audits.map(\.outcome.rawValue),
            "audit_details": try audits.map { String(decoding: try encoder.encode($0.details), as: UTF8.self) },
        ]
    }
}
