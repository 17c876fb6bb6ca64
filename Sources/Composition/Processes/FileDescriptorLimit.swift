#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's limit on open files (`RLIMIT_NOFILE`). Every connection costs one file descriptor, and when
/// none is left the runtime itself fails to open the files it needs and the process dies, so the API raises its
/// soft limit to the hard one at start-up (as Go's runtime does) and keeps its connection cap below it.
enum FileDescriptorLimit {
    /// Descriptors kept free for everything that is not a client connection: the database pool, the admin
    /// listener, log output, the runtime's own files.
    static let reserve = 128

    /// Raises the soft limit to the hard limit where allowed; returns the soft limit in force afterwards.
    static func raiseToHardLimit() -> Int {
        var limits = rlimit()
        guard getrlimit(resource, &limits) == 0 else { return 1024 }
        if limits.rlim_cur < limits.rlim_max {
            var raised = limits
            raised.rlim_cur = limits.rlim_max
            if setrlimit(resource, &raised) == 0 { limits = raised }
        }
        return limits.rlim_cur >= rlim_t(Int.max) ? Int.max : Int(limits.rlim_cur)
    }

    /// The connection cap that fits: the configured one, or less when the file limit leaves less room.
    static func connectionCap(configured: Int, fileLimit: Int, databasePool: Int) -> Int {
        max(1, min(configured, fileLimit - reserve - databasePool))
    }

    #if canImport(Glibc)
        private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
        private static let resource = RLIMIT_NOFILE
    #endif
}
