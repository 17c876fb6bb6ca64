import Composition
import Foundation
import Logging
import Testing

@Suite struct SettingsTests {
    let base = ["DATABASE_URL": "postgresql://app:secret@127.0.0.1:5432/clicknback"]

    func settings(_ extra: [String: String]) throws -> Settings {
        try Settings(source: SettingsSource(values: base.merging(extra) { _, new in new }))
    }

    @Test func documentedDefaultsApply() throws {
        let settings = try settings([:])
        #expect(settings.mode == .production)
        #expect(settings.httpHost == "127.0.0.1" && settings.httpPort == 8080)
        #expect(settings.logging.level == .info && settings.logging.format == .json)
        #expect(settings.catalog.defaultPageSize == 20 && settings.catalog.maxPageSize == 100)
        #expect(settings.catalog.maxCashbackPercentage == 20)
        #expect(settings.verification.interval == .seconds(60) && settings.verification.maxAttempts == 3)
        #expect(settings.verification.rejectionMerchantID == nil)
        #expect(settings.bcryptCost == 12)
    }

    @Test func readsTheSpecVariableNames() throws {
        let settings = try settings([
            "HTTP_PORT": "9090", "LOG_LEVEL": "DEBUG", "LOG_FORMAT": "text", "MAX_PAGE_SIZE": "50",
            "DEFAULT_PAGE_SIZE": "5", "PURCHASE_MAX_VERIFICATION_ATTEMPTS": "4",
            "REJECTION_MERCHANT_ID": "f0000000-0000-0000-0000-000000000001",
            "OAUTH_HASH_KEY": String(repeating: "s", count: 32),
            "OAUTH_ACCESS_TOKEN_TTL": "720", "OAUTH_ALGORITHM": "hs512",
        ])
        #expect(settings.httpPort == 9090 && settings.logging.level == .debug && settings.logging.format == .text)
        #expect(settings.catalog.maxPageSize == 50 && settings.catalog.defaultPageSize == 5)
        #expect(settings.verification.maxAttempts == 4)
        #expect(settings.verification.rejectionMerchantID == "f0000000-0000-0000-0000-000000000001")
        let tokens = try settings.tokens()
        #expect(tokens.accessTokenTTL == .seconds(720 * 60) && tokens.algorithm == .hs512 && !tokens.hashKeyGenerated)
    }

    @Test func problemsNameTheirVariable() throws {
        #expect(throws: SettingsError("DATABASE_URL", "is required but not set")) {
            try Settings(source: SettingsSource(values: [:]))
        }
        for (variable, value) in [
            ("HTTP_PORT", "eighty"), ("HTTP_PORT", "70000"), ("LOG_LEVEL", "LOUD"), ("LOG_FORMAT", "xml"),
            ("PURCHASE_MAX_VERIFICATION_ATTEMPTS", "0"), ("CLICKNBACK_ENV", "staging"), ("BCRYPT_COST", "99"),
            ("MAX_CASHBACK_PERCENTAGE", "150"),
        ] {
            #expect {
                try settings([variable: value])
            } throws: { error in
                (error as? SettingsError)?.variable == variable
            }
        }
    }

    @Test func oneEventLoopUnlessToldOtherwise() throws {
        #expect(try EventLoopSettings(source: SettingsSource(values: [:])).threads == 1)
        #expect(try EventLoopSettings(source: SettingsSource(values: ["EVENT_LOOP_THREADS": "4"])).threads == 4)
        for refused in ["0", "257", "two"] {
            #expect(throws: SettingsError.self) {
                try EventLoopSettings(source: SettingsSource(values: ["EVENT_LOOP_THREADS": refused]))
            }
        }
    }

    @Test func secretsAreRequiredAndLongOutsideDevelopment() throws {
        #expect(throws: SettingsError("OAUTH_HASH_KEY", "is required outside development mode")) {
            try settings([:]).tokens()
        }
        #expect(throws: SettingsError("OAUTH_HASH_KEY", "must be at least 32 characters long")) {
            try settings(["OAUTH_HASH_KEY": "short", "CLICKNBACK_ENV": "development"]).tokens()
        }
        let development = try settings(["CLICKNBACK_ENV": "development"]).tokens()
        #expect(development.hashKeyGenerated && development.hashKey.count >= 32)
    }
}

@Suite struct JSONLogHandlerTests {
    @Test func writesOneJSONObjectPerLineWithContext() throws {
        let output = LogOutput.memory()
        var logger = Logger(label: "test") { _ in JSONLogHandler(service: "api", level: .info, output: output) }
        logger[metadataKey: "request_id"] = "r-1"
        logger.info("request", metadata: ["status": .stringConvertible(201), "tags": .array(["a"])])
        logger.debug("below the level")
        let lines = output.lines
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["service"] as? String == "api" && object["msg"] as? String == "request")
        #expect(object["level"] as? String == "info" && object["request_id"] as? String == "r-1")
        #expect(object["status"] as? String == "201" && object["tags"] as? [String] == ["a"])
        let timestamp = try #require(object["ts"] as? String)
        #expect(timestamp.hasSuffix("Z") && timestamp.contains("."))
    }
    @Test func escapesWhatJSONDoesNotAllowBareAndKeepsTheRest() throws {
        let output = LogOutput.memory()
        let logger = Logger(label: "test") { _ in JSONLogHandler(service: "api", level: .info, output: output) }
        let awkward = "quote \" backslash \\ slash / newline \n tab \t bell \u{7} zero \u{0} é 😀"
        logger.info(
            "m\"sg",
            metadata: ["awkward": .string(awkward), "nested": .dictionary(["b": "2", "a": .array(["x", "y\n"])])])
        let line = try #require(output.lines.first)
        #expect(!line.contains("\n") && line.contains(#"\u0007"#) && line.contains("é 😀") && line.contains("/"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["awkward"] as? String == awkward && object["msg"] as? String == "m\"sg")
        let nested = try #require(object["nested"] as? [String: Any])
        #expect(nested["b"] as? String == "2" && nested["a"] as? [String] == ["x", "y\n"])
        let positions = ["awkward", "level", "msg", "nested", "service", "ts"].compactMap {
            line.range(of: "\"\($0)\":")?.lowerBound
        }
        #expect(line.hasPrefix(#"{"awkward":"#) && positions.count == 6 && positions == positions.sorted())
    }

    @Test func timestampsMatchFoundationsRFC3339InUTCToTheMillisecond() {
        let style = Date.ISO8601FormatStyle(timeZone: .gmt)
        var generator = SystemRandomNumberGenerator()
        let edges: [Int64] = [0, 951_782_400_000, 951_868_799_999, 4_107_542_399_999, 1_764_846_934_765]
        let samples = edges + (0..<2000).map { _ in Int64.random(in: 0...13_000_000_000_000, using: &generator) }
        for milliseconds in samples {
            // Foundation formats the whole second (exact in a Double); the milliseconds are integer arithmetic.
            let second = style.format(Date(timeIntervalSince1970: Double(milliseconds / 1000)))
            let expected = second.dropLast() + "." + String(format: "%03d", Int(milliseconds % 1000)) + "Z"
            #expect(UTCTimestamp.format(millisecondsSince1970: milliseconds) == expected, "\(milliseconds)")
        }
    }
}

@Suite struct CORSSettingsTests {
    @Test func originsMustBeAJSONListAndThePatternValid() throws {
        let base = ["DATABASE_URL": "postgresql://a:b@127.0.0.1:5432/c"]
        let defaults = try Settings(source: SettingsSource(values: base))
        #expect(defaults.cors.allowedOrigins == ["https://clicknback.com"] && defaults.cors.originPattern == nil)
        #expect(throws: SettingsError.self) {
            try Settings(
                source: SettingsSource(values: base.merging(["CORS_ALLOWED_ORIGINS": "https://a,https://b"]) { $1 }))
        }
        #expect(throws: SettingsError.self) {
            try Settings(source: SettingsSource(values: base.merging(["CORS_ALLOW_ORIGIN_REGEX": "(unclosed"]) { $1 }))
        }
    }
}
