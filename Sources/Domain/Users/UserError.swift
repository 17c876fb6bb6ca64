/// Failures of the account use cases, each mapped to one spec error code by the HTTP layer.
public enum UserError: Error, Equatable, Sendable {
    /// 400 `PASSWORD_NOT_COMPLEX_ENOUGH`: the first password rule broken.
    case passwordNotComplexEnough(reason: String)
    /// 409 `EMAIL_ALREADY_REGISTERED`.
    case emailAlreadyRegistered(EmailAddress)
}
