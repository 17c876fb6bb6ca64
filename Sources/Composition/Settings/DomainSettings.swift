public import Credentials
import Domain
public import Foundation
public import HTTPAPI

/// Token signing: `OAUTH_HASH_KEY` (HMAC secret, at least 32 characters; required outside development),
/// `OAUTH_ALGORITHM` (HS256/HS384/HS512, default HS256), `OAUTH_ACCESS_TOKEN_TTL` (minutes, default 15),
/// `OAUTH_REFRESH_TOKEN_TTL` (minutes, default 43200).
public struct TokenSettings: Sendable {
    public let hashKey: String
    /// Whether `hashKey` was generated because development mode had none (tokens die with the process).
    public let hashKeyGenerated: Bool
    public let algorithm: JWTTokenService.Algorithm
    public let accessTokenTTL: Duration
    public let refreshTokenTTL: Duration

    static let minimumKeyLength = 32

    init(_ read: SettingsReader, mode: Settings.Mode) throws {
        if let key = read.optional("OAUTH_HASH_KEY") {
            guard key.count >= Self.minimumKeyLength else {
                throw SettingsError("OAUTH_HASH_KEY", "must be at least \(Self.minimumKeyLength) characters long")
            }
            self.hashKey = key
            self.hashKeyGenerated = false
        } else if mode == .development {
            self.hashKey = (0..<2).map { _ in UUID().uuidString }.joined()
            self.hashKeyGenerated = true
        } else {
            throw SettingsError("OAUTH_HASH_KEY", "is required outside development mode")
        }
        let algorithmName = read.string("OAUTH_ALGORITHM", default: "HS256").uppercased()
        guard let algorithm = JWTTokenService.Algorithm(rawValue: algorithmName) else {
            throw SettingsError("OAUTH_ALGORITHM", "must be HS256, HS384 or HS512 (got '\(algorithmName)')")
        }
        self.algorithm = algorithm
        self.accessTokenTTL = .seconds(60 * (try read.int("OAUTH_ACCESS_TOKEN_TTL", default: 15, range: 1...525_600)))
        self.refreshTokenTTL = .seconds(
            60 * (try read.int("OAUTH_REFRESH_TOKEN_TTL", default: 43_200, range: 1...5_256_000)))
    }
}

/// Catalogue rules: `MAX_CASHBACK_PERCENTAGE` (default 20), `DEFAULT_PAGE_SIZE` (20), `MAX_PAGE_SIZE` (100).
public struct CatalogSettings: Sendable {
    public let maxCashbackPercentage: Decimal
    public let defaultPageSize: Int
    public let maxPageSize: Int

    init(_ read: SettingsReader) throws {
        self.maxCashbackPercentage = try read.decimal("MAX_CASHBACK_PERCENTAGE", default: 20)
        guard maxCashbackPercentage <= 100 else {
            throw SettingsError("MAX_CASHBACK_PERCENTAGE", "must not exceed 100")
        }
        self.maxPageSize = try read.int("MAX_PAGE_SIZE", default: 100, range: 1...10_000)
        self.defaultPageSize = try read.int("DEFAULT_PAGE_SIZE", default: 20, range: 1...maxPageSize)
    }
}

/// The confirmation worker's spec settings: `PURCHASE_CONFIRMATION_INTERVAL_SECONDS` (default 60),
/// `PURCHASE_MAX_VERIFICATION_ATTEMPTS` (default 3, at least 1) and `REJECTION_MERCHANT_ID` (default none).
public struct VerificationSettings: Sendable {
    public let interval: Duration
    public let maxAttempts: Int
    public let rejectionMerchantID: String?

    init(_ read: SettingsReader) throws {
        self.interval = .seconds(try read.int("PURCHASE_CONFIRMATION_INTERVAL_SECONDS", default: 60, range: 1...86_400))
        self.maxAttempts = try read.int("PURCHASE_MAX_VERIFICATION_ATTEMPTS", default: 3, range: 1...100)
        let rejection = read.optional("REJECTION_MERCHANT_ID")
        if let rejection, UUIDText.parse(rejection) == nil {
            throw SettingsError("REJECTION_MERCHANT_ID", "must be a merchant UUID or empty (got '\(rejection)')")
        }
        self.rejectionMerchantID = rejection
    }
}

/// Partner integrations (ADR 015): `PARTNER_SECRET_KEY` (32 bytes, base64; when absent the key is derived
/// from `OAUTH_HASH_KEY`), `PARTNER_ROTATION_OVERLAP_SECONDS` (how long a rotated credential keeps working,
/// default 86400), `PARTNER_RATE_LIMIT_BURST` (default 1000) and `PARTNER_RATE_LIMIT_PER_SECOND` (default 200).
public struct PartnerSettings: Sendable {
    public let secretKey: Data?
    public let rotationOverlap: Duration
    public let rateLimit: RateLimiter.Policy

    init(_ read: SettingsReader) throws {
        if let text = read.optional("PARTNER_SECRET_KEY") {
            guard let key = Data(base64Encoded: text), key.count == 32 else {
                throw SettingsError("PARTNER_SECRET_KEY", "must be 32 bytes, base64 encoded (openssl rand -base64 32)")
            }
            secretKey = key
        } else {
            secretKey = nil
        }
        rotationOverlap = .seconds(
            try read.int("PARTNER_ROTATION_OVERLAP_SECONDS", default: 86_400, range: 0...31_536_000))
        rateLimit = RateLimiter.Policy(
            enabled: true, burst: try read.int("PARTNER_RATE_LIMIT_BURST", default: 1000, range: 1...1_000_000),
            ratePerSecond: Double(try read.int("PARTNER_RATE_LIMIT_PER_SECOND", default: 200, range: 1...1_000_000)))
    }
}
