/// Code of the application's that a repository runs before it writes: derived values (an
/// episode's word count and estimated duration), normalization, extra checks. Both methods
/// run inside the write's transaction, before validation; throwing cancels the write.
public protocol RecordHooks<Record>: Sendable {
    associatedtype Record: Sendable

    /// Before a new record is validated and inserted.
    func beforeCreate(_ record: inout Record, database: any DatabaseExecutor) async throws

    /// Before a changed record is validated and saved; `stored` is the record as it was.
    func beforeUpdate(_ record: inout Record, stored: Record, database: any DatabaseExecutor) async throws
}

extension RecordHooks {
    public func beforeCreate(_ record: inout Record, database: any DatabaseExecutor) async throws {}
    public func beforeUpdate(_ record: inout Record, stored: Record, database: any DatabaseExecutor) async throws {}
}
