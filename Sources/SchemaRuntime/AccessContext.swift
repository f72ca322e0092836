import Foundation

/// Who is calling: a signed-in user with a role, or nobody.
public enum Principal: Sendable, Hashable {
    case anonymous
    case user(id: UUID, role: String)

    public var userID: UUID? {
        if case .user(let id, _) = self { return id }
        return nil
    }

    /// The role of a signed-in user; an anonymous caller has none.
    public var role: String? {
        if case .user(_, let role) = self { return role }
        return nil
    }
}

/// On whose behalf a repository call runs. Every call names one: the system context, which
/// access rules do not limit, is never a default.
public enum AccessContext: Sendable, Hashable {
    /// A call the schema's access rules decide.
    case principal(Principal)
    /// Internal or administrative work: migrations, seeding, background jobs.
    case system

    public static let anonymous = AccessContext.principal(.anonymous)

    public static func user(_ id: UUID, role: String) -> AccessContext {
        .principal(.user(id: id, role: role))
    }
}
