// The Library module: its models, validators and repositories (Member, Book,
// MemberRepository, BookRepository) and its DDL (DatabaseSchema) are generated from schemas/
// by the schemagen build plugin on every `swift build`; nothing generated is checked in.

import SchemaRuntime

extension AccessContext {
    /// The access context of a signed-in member.
    public static func member(_ member: Member) -> AccessContext {
        .user(member.id.rawValue, role: member.role.rawValue)
    }
}
