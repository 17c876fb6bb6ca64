import Application
import Domain
import Foundation
import Hummingbird

struct PartnerResponse: ResponseEncodable {
    let id: String
    let name: String
    let merchantIDs: [String]
    let active: Bool
    let createdAt: String

    init(_ partner: Partner) {
        id = partner.id.description
        name = partner.name
        merchantIDs = partner.merchantIDs.map(\.description).sorted()
        active = partner.active
        createdAt = WireFormat.utcTimestamp(partner.createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, active
        case merchantIDs = "merchant_ids"
        case createdAt = "created_at"
    }
}

struct CredentialResponse: ResponseEncodable {
    let keyID: String
    let state: String
    let createdAt: String
    let expiresAt: String?

    init(_ credential: PartnerCredential, now: Date) {
        keyID = credential.keyID
        state = credential.state(at: now)
        createdAt = WireFormat.utcTimestamp(credential.createdAt)
        expiresAt = credential.expiresAt.map(WireFormat.utcTimestamp)
    }

    enum CodingKeys: String, CodingKey {
        case state
        case keyID = "key_id"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keyID, forKey: .keyID)
        try container.encode(state, forKey: .state)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(expiresAt, forKey: .expiresAt)
    }
}

/// The one answer that shows a secret; the bearer token is `<key_id>.<secret>`.
struct IssuedCredentialResponse: ResponseEncodable {
    let keyID: String
    let secret: String
    let createdAt: String

    init(_ issued: PartnerService.IssuedCredential) {
        keyID = issued.credential.keyID
        secret = issued.secret
        createdAt = WireFormat.utcTimestamp(issued.credential.createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case secret
        case keyID = "key_id"
        case createdAt = "created_at"
    }
}
