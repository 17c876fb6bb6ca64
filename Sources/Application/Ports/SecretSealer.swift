public import Foundation

/// Encrypts partner secrets at rest (ADR 015): a database dump alone does not reveal them.
public protocol SecretSealer: Sendable {
    /// Seals `secret`, bound to `keyID` so the ciphertext cannot be moved to another credential.
    func seal(_ secret: [UInt8], keyID: String) throws -> Data
    /// The secret, or an error when the ciphertext was not sealed for `keyID` with this server's key.
    func open(_ ciphertext: Data, keyID: String) throws -> [UInt8]
}
