import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// `User.password` is `sensitive`: kept out of `print`, `dump` and the debugger, but stored.
@Suite("Sensitive fields")
struct SensitiveFieldTests {
    let user = Samples.user()
    let hash = Samples.user().password

    @Test func passwordIsNotInTheDescription() {
        let text = String(describing: user)
        #expect(!text.contains(hash))
        #expect(!text.contains("argon2"))
        #expect(text.contains(user.email))
        #expect(text.contains("Ada Lovelace"))
        #expect(text.contains("<redacted>"))
    }

    @Test func passwordIsNotInTheDebugDescription() {
        let text = String(reflecting: user)
        #expect(!text.contains(hash))
        #expect(text.contains(user.email))
        #expect(text.contains("de-CH"))
    }

    @Test func passwordIsNotInInterpolationsOrCollections() {
        let texts = ["\(user)", String(describing: [user]), String(describing: Optional(user)), String(reflecting: ["owner": user])]
        for text in texts {
            #expect(!text.contains(hash))
            #expect(text.contains(user.email))
        }
        var printed = ""
        print(user, to: &printed)
        debugPrint(user, to: &printed)
        #expect(!printed.contains(hash))
        #expect(printed.contains(user.email))
    }

    @Test func passwordIsNotInDump() {
        var text = ""
        dump(user, to: &text)
        #expect(!text.contains(hash))
        #expect(text.contains(user.email))
        #expect(text.contains("enterprise"))
        #expect(text.contains("password"))
        #expect(text.contains("<redacted>"))

        var nested = ""
        dump([user, Samples.minimalUser()], to: &nested)
        #expect(!nested.contains(hash))
        #expect(!nested.contains(Samples.minimalUser().password))
    }

    @Test func mirrorShowsEveryOtherProperty() {
        let children = Mirror(reflecting: user).children
        #expect(children.map(\.label) == ["id", "email", "name", "password", "role", "preferences", "subscription", "createdAt", "updatedAt"])
        #expect(children.first { $0.label == "password" }?.value as? String == "<redacted>")
        #expect(children.first { $0.label == "email" }?.value as? String == user.email)
    }

    @Test func passwordIsEncodedAndDecoded() throws {
        let json = try jsonObject(user)
        #expect(json["password"] as? String == hash)
        let decoded = try jsonRoundTrip(user).decoded
        #expect(decoded.password == hash)
    }
}
