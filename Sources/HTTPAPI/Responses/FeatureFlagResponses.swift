import Application
import Domain
import Foundation
import Hummingbird

/// `FeatureFlagOut`.
struct FeatureFlagResponse: ResponseEncodable {
    let id: String
    let key: String
    let enabled: Bool
    let scopeType: String
    let scopeID: String?
    let description: String?
    let createdAt: String
    let updatedAt: String

    init(_ flag: FeatureFlag) {
        self.id = flag.id.uuidString.lowercased()
        self.key = flag.key.value
        self.enabled = flag.enabled
        self.scopeType = flag.scope.type
        self.scopeID = flag.scope.id?.uuidString.lowercased()
        self.description = flag.description
        self.createdAt = WireFormat.utcTimestamp(flag.createdAt)
        self.updatedAt = WireFormat.utcTimestamp(flag.updatedAt)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(key, forKey: .key)
        try container.encode(enabled, forKey: .enabled)
        try container.encode(scopeType, forKey: .scopeType)
        try container.encode(scopeID, forKey: .scopeID)
        try container.encode(description, forKey: .description)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, key, enabled, description
        case scopeType = "scope_type"
        case scopeID = "scope_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// The answer of flag evaluation.
struct FlagEvaluationResponse: ResponseEncodable {
    let key: String
    let enabled: Bool
}
