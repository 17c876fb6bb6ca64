/// How a flag's effective value is decided: scoped record → global record → enabled (fail-open).
public enum FlagResolution {
    /// - Parameters:
    ///   - scoped: the record stored for exactly the asked non-global scope, if any.
    ///   - global: the record stored for `(key, global, NULL)`, if any.
    public static func resolve(scoped: FeatureFlag?, global: FeatureFlag?) -> Bool {
        scoped?.enabled ?? global?.enabled ?? true
    }
}
