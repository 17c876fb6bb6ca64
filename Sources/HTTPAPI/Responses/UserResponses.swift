import Application
import Domain
import Foundation
import Hummingbird

/// An account as the API shows it.
struct UserResponse: ResponseEncodable {
    let email: String
    let active: Bool
    let id: String
    let role: String
    let createdAt: String

    init(_ user: User) {
        self.email = user.email.value
        self.active = user.active
        self.id = user.id.description
        self.role = user.role.rawValue
        self.createdAt = WireFormat.utcTimestamp(user.createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case email, active, id, role
        case createdAt = "created_at"
    }
}
