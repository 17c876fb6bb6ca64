public import Domain
public import Foundation

/// Stores refresh-token hashes and their rotation state.
public protocol RefreshTokenRepository: Sendable {
    func insert(_ record: RefreshTokenRecord) async throws
    func find(tokenHash: String) async throws -> RefreshTokenRecord?
    /// Marks the token used only if it is still unused and unrevoked; `false` means someone got there first.
    func markUsed(tokenHash: String, at instant: Date) async throws -> Bool
    /// Revokes every token of a family (reuse of a rotated token).
    func revokeFamily(_ familyID: UUID, at instant: Date) async throws
}
