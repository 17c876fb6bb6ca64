import Foundation

/// Browser access (rule R-CORS, docs/rules.md): `CORS_ALLOWED_ORIGINS`, a JSON list of exact origins (default
/// `["https://clicknback.com"]`; a comma-separated value is refused), and `CORS_ALLOW_ORIGIN_REGEX`, an optional
/// pattern the whole origin must match (for example `http://localhost(:\d+)?`).
public struct CORSSettings: Sendable {
    public let allowedOrigins: [String]
    public let originPattern: String?

    init(_ read: SettingsReader) throws {
        let text = read.string("CORS_ALLOWED_ORIGINS", default: #"["https://clicknback.com"]"#)
        guard let origins = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw SettingsError(
                "CORS_ALLOWED_ORIGINS", "must be a JSON list of origins, such as [\"https://a.example\"]")
        }
        self.allowedOrigins = origins
        self.originPattern = read.optional("CORS_ALLOW_ORIGIN_REGEX")
        if let originPattern, (try? Regex(originPattern)) == nil {
            throw SettingsError("CORS_ALLOW_ORIGIN_REGEX", "is not a valid regular expression")
        }
    }
}
