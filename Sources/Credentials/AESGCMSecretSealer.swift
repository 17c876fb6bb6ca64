public import Application
import Crypto
public import Foundation

/// Partner secrets at rest: AES-256-GCM under the server's `PARTNER_SECRET_KEY`, the key id as authenticated
/// data (ADR 015).
public struct AESGCMSecretSealer: SecretSealer {
    private let key: SymmetricKey

    /// Refused unless `keyMaterial` is exactly 32 bytes.
    public struct InvalidKey: Error {}

    public init(keyMaterial: Data) throws {
        guard keyMaterial.count == 32 else { throw InvalidKey() }
        key = SymmetricKey(data: keyMaterial)
    }

    /// A key derived (HKDF-SHA256) from another secret of the configuration, for deployments without
    /// `PARTNER_SECRET_KEY`.
    public init(derivingFrom secret: String) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(secret.utf8)), info: Data("clicknback partner secrets".utf8),
            outputByteCount: 32)
    }

    public func seal(_ secret: [UInt8], keyID: String) throws -> Data {
        guard let combined = try AES.GCM.seal(secret, using: key, authenticating: Data(keyID.utf8)).combined else {
            throw InvalidKey()
        }
        return combined
    }

    public func open(_ ciphertext: Data, keyID: String) throws -> [UInt8] {
        let box = try AES.GCM.SealedBox(combined: ciphertext)
        return Array(try AES.GCM.open(box, using: key, authenticating: Data(keyID.utf8)))
    }
}
