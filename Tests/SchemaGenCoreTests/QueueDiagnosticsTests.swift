import Testing
@testable import SchemaGenCore

/// `queue:` on a collection: what it resolves to, and where a mistake in it is reported.
@Suite("Queue key")
struct QueueDiagnosticsTests: SchemaTestSupport {
    static func jobs(_ queue: String) -> String {
        """
        name: jobs
        fields:
          state: { type: enum, values: [waiting, running, done], required: true, default: waiting }
          kind: { type: enum, values: [render, encode], required: true }
          priority: { type: int, required: true, default: 1 }
          payload: { type: json }
        queue: \(queue)
        """
    }

    @Test func aQueueResolvesItsFieldsAndOrder() throws {
        let schema = try resolved([(schemaPath, Self.jobs("{ status: state, ready: waiting, order: [priority desc, createdAt], by: [kind] }"))])
        let queue = try #require(schema.collections.first?.queue)
        #expect(queue.status.name == "state" && queue.ready == "waiting")
        #expect(queue.order.map { "\($0.field.name)\($0.descending ? " desc" : "")" } == ["priority desc", "createdAt"])
        #expect(queue.by.map(\.name) == ["kind"])
    }

    @Test func aReadyValueTheStatusDoesNotHave() {
        #expect(diagnostics(Self.jobs("{ status: state, ready: waitng }")) == [
            error("'waitng' is not a value of 'state'", 7, 32, notes: [hint("did you mean 'waiting'?")]),
        ])
    }

    @Test func aStatusThatIsNoEnumAndFieldsAClaimCannotCompare() {
        #expect(diagnostics(Self.jobs("{ status: priority, ready: waiting }")).map(\.message) == [
            "the 'status' of a queue must be a required enum field, and 'priority' is not",
        ])
        #expect(diagnostics(Self.jobs("{ status: state, ready: waiting, order: [payload], by: [knd] }")).map(\.message) == [
            "'order' of 'queue' names 'payload', which is not a column a claim can compare",
            "'by' of 'queue' names unknown field 'knd': collection 'jobs' has no field 'knd'",
        ])
    }

    @Test func missingKeysAndUnknownOnes() {
        #expect(diagnostics(Self.jobs("{ status: state, redy: waiting }")).map(\.message) == [
            "'queue' needs 'ready'",
            "unknown key 'redy' in 'queue'",
        ])
    }
}
