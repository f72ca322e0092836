import Testing

/// When PostgreSQL tests run, skip or fail: they fail (never skip) when PostgreSQL is required and
/// missing, with a message that says how to get it.
@Suite("PostgreSQL availability")
struct PostgresSettingTests {
    @Test("without a server, PostgreSQL tests are skipped unless it is required")
    func skippedWhenOptional() {
        let setting = PostgresSetting(environment: [:])
        #expect(!setting.testsAreEnabled)
        #expect(!PostgresSetting(environment: ["SCHEMAGEN_REQUIRE_POSTGRES": "0", "CI": "false"]).testsAreEnabled)
    }

    @Test("without a server but required, PostgreSQL tests run and fail saying what to do",
          arguments: [["SCHEMAGEN_REQUIRE_POSTGRES": "1"], ["CI": "true"], ["SCHEMAGEN_POSTGRES_URL": "", "CI": "true"]])
    func failWhenRequired(_ environment: [String: String]) {
        let setting = PostgresSetting(environment: environment)
        #expect(setting.isRequired)
        #expect(setting.testsAreEnabled)
        let error = #expect(throws: PostgresUnavailable.self) { try setting.serverURL() }
        #expect(error?.description.hasPrefix("PostgreSQL is required: run scripts/with-postgres") == true)
    }

    @Test("with a server, each test gets its own database on it")
    func databaseURL() throws {
        let setting = PostgresSetting(environment: ["SCHEMAGEN_POSTGRES_URL": "postgres://postgres@127.0.0.1:5433/postgres"])
        #expect(setting.testsAreEnabled)
        #expect(try setting.serverURL() == "postgres://postgres@127.0.0.1:5433/postgres")
        #expect(try setting.url(ofDatabase: "schemagen_0123") == "postgres://postgres@127.0.0.1:5433/schemagen_0123")
    }
}
