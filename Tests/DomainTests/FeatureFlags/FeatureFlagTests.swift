import Domain
import Foundation
import Testing

@Suite struct FeatureFlagKeyTests {
    @Test(arguments: ["a", "purchase_auto_confirm", "x9_y", String(repeating: "a", count: 100)])
    func acceptsWellFormedKeys(key: String) throws {
        #expect(try FeatureFlagKey(validating: key).value == key)
    }

    @Test(arguments: ["", "9abc", "_abc", "Upper", "has-dash", "has space", String(repeating: "a", count: 101), "é"])
    func refusesMalformedKeys(key: String) {
        #expect(throws: FeatureFlagError.invalidKey(key)) { try FeatureFlagKey(validating: key) }
    }
}

@Suite struct FlagResolutionTests {
    func flag(_ enabled: Bool, scope: FlagScope) -> FeatureFlag {
        FeatureFlag(
            id: UUID(), key: .purchaseAutoConfirm, enabled: enabled, scope: scope, description: nil, createdAt: Date(),
            updatedAt: Date())
    }

    @Test func scopedRecordWins() {
        let scope = FlagScope(type: "user", id: UUID())
        #expect(FlagResolution.resolve(scoped: flag(true, scope: scope), global: flag(false, scope: .global)))
        #expect(!FlagResolution.resolve(scoped: flag(false, scope: scope), global: flag(true, scope: .global)))
    }

    @Test func globalRecordDecidesWithoutAScopedOne() {
        #expect(!FlagResolution.resolve(scoped: nil, global: flag(false, scope: .global)))
    }

    @Test func failsOpenWithoutAnyRecord() {
        #expect(FlagResolution.resolve(scoped: nil, global: nil))
    }

    @Test func nonGlobalScopesNeedAnID() throws {
        #expect(throws: FeatureFlagError.scopeIDRequired(scopeType: "merchant")) {
            try FlagScope(type: "merchant", id: nil).requireID()
        }
        try FlagScope.global.requireID()
        try FlagScope(type: "anything", id: UUID()).requireID()
    }
}

@Suite struct MerchantPolicyTests {
    @Test(arguments: [Decimal(0), Decimal(20), Decimal(string: "7.5")!])
    func acceptsPercentagesInTheInclusiveRange(value: Decimal) throws {
        try MerchantPolicy.validateDefaultPercentage(value, maximum: 20)
    }

    @Test(arguments: [Decimal(-1), Decimal(string: "20.5")!])
    func refusesOthers(value: Decimal) {
        #expect(throws: MerchantError.percentageOutOfRange(maximum: 20)) {
            try MerchantPolicy.validateDefaultPercentage(value, maximum: 20)
        }
    }

    @Test func auditActorsCarryTheirIDsExceptTheSystem() {
        let admin = UserID.random()
        #expect(AuditActor.admin(admin).id == admin.uuid)
        let partner = PartnerID.random()
        #expect(AuditActor.partner(partner).id == partner.uuid && AuditActor.partner(partner).type == "partner")
        #expect(AuditActor.admin(admin).type == "admin")
        #expect(AuditActor.system.id == nil)
        #expect(AuditActor.user(admin).type == "user")
    }
}
