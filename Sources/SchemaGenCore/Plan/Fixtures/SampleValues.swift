import Foundation

/// Scalar sample values that fit a field's constraints and read like what its name says.
enum SampleValues {
    static func int(name: String, constraints: Constraints, random: inout SeededRandom) -> Int {
        let low = constraints.min.map { Int($0.rounded(.up)) } ?? 0
        let high = constraints.max.map { Int($0.rounded(.down)) }
        let hinted: Int? = switch name.lowercased() {
        case "width": random.pick([1920, 1280, 3840, 1080])
        case "height": random.pick([1080, 720, 2160, 1920])
        case "filesize": random.int(in: 200_000...80_000_000)
        case "samplerate": random.pick([44_100, 48_000])
        case "bitrate": random.pick([128_000, 320_000, 8_000_000])
        case "tokensused": random.int(in: 200...8_000)
        default: nil
        }
        if let hinted, hinted >= low, hinted <= (high ?? Int.max) { return hinted }
        return random.int(in: low...max(low, high ?? low + 10))
    }

    static func double(name: String, constraints: Constraints, random: inout SeededRandom) -> Double {
        let low = constraints.min ?? 0
        let lowered = name.lowercased()
        let span: Double = switch true {
        case lowered.contains("cost"): 4
        case lowered == "fps": 60
        default: 600
        }
        let high = constraints.max ?? low + span
        if lowered == "fps", let fps = [24.0, 25, 30, 60].filter({ $0 >= low && $0 <= high }).first { return fps }
        // Whole cents: short in JSON and SQL, and exact when read back.
        let cents = random.int(in: Int((low * 100).rounded(.up))...Int((high * 100).rounded(.down)))
        return Double(cents) / 100
    }

    static func json(name: String, random: inout SeededRandom) -> FixtureValue {
        switch name.lowercased() {
        case "parameters":
            return .object([FixtureMember(key: "style", value: .string(random.pick(SampleText.words))),
                            FixtureMember(key: "steps", value: .int(random.int(in: 20...50)))])
        case "result", "outputraw":
            return .object([FixtureMember(key: "status", value: .string("ok")),
                            FixtureMember(key: "summary", value: .string(SampleText.sentence(&random)))])
        default:
            return .object([FixtureMember(key: "note", value: .string(random.pick(SampleText.words))),
                            FixtureMember(key: "version", value: .int(random.int(in: 1...3)))])
        }
    }

    /// A string that passes the validator: proposals by name and type, each fitted to the length
    /// limits and checked with the generated validators' own rules; the pattern sampler last.
    static func string(type: FieldType, name: String, constraints: Constraints, isSensitive: Bool, collection: String,
                       row: Int, person: String, random: inout SeededRandom) -> String {
        for attempt in 0..<6 {
            let fitted = fit(propose(type: type, name: name, isSensitive: isSensitive, collection: collection, row: row,
                                     person: person, attempt: attempt, random: &random), constraints)
            if FormatRules.problems(with: fitted, type: type, constraints: constraints).isEmpty { return fitted }
        }
        if let pattern = constraints.pattern {
            for _ in 0..<20 {
                if let sample = PatternSampler.sample(pattern, random: &random),
                   FormatRules.problems(with: sample, type: type, constraints: constraints).isEmpty { return sample }
            }
        }
        return fit("sample", constraints)
    }

    private static func propose(type: FieldType, name: String, isSensitive: Bool, collection: String, row: Int,
                                person: String, attempt: Int, random: inout SeededRandom) -> String {
        let lowered = name.lowercased()
        if isSensitive { return argon2Hash(&random) }
        switch type {
        case .email:
            return person.lowercased().replacingOccurrences(of: " ", with: ".") + "\(row + 1)@example.com"
        case .url:
            let folder = collection.lowercased()
            return "https://cdn.example.com/\(folder)/\(random.uuid().prefix(8))/\(SampleText.slug(&random)).\(random.pick(["png", "mp4", "mp3", "jpg"]))"
        default: break
        }
        if attempt == 0, let choices = SampleText.byFieldName[lowered] { return random.pick(choices) }
        switch true {
        case lowered.hasSuffix("url"):
            return "https://cdn.example.com/\(collection.lowercased())/\(SampleText.slug(&random)).png"
        case lowered == "filename":
            return SampleText.slug(&random) + "." + random.pick(["png", "mp4", "wav", "jpg"])
        case lowered == "name" && (collection.contains("character") || collection.contains("user")):
            return person
        case lowered.contains("title"): return SampleText.title(&random)
        case lowered == "lines": return random.pick(SampleText.dialogue)
        case lowered == "label": return "Continue with the " + random.pick(SampleText.words)
        case lowered.contains("message"): return "The provider timed out after \(random.int(in: 10...60)) seconds."
        case lowered == "template":
            return "Write a {{tone}} scene in which {{character}} finds the \(random.pick(SampleText.words))."
        case lowered.contains("prompt"), lowered == "content", lowered == "summary", lowered == "backstory":
            return SampleText.paragraph(&random)
        case lowered.contains("description"), lowered.contains("notes"), lowered == "logline", lowered == "alt",
             lowered == "action":
            return SampleText.sentence(&random)
        default: break
        }
        if case .text = type { return SampleText.paragraph(&random) }
        return SampleText.slug(&random)
    }

    /// Shaped like a real argon2id hash, of random bytes: plausible, and nobody's secret.
    private static func argon2Hash(_ random: inout SeededRandom) -> String {
        func bytes(_ count: Int) -> String {
            Data((0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }).base64EncodedString()
                .replacingOccurrences(of: "=", with: "")
        }
        return "$argon2id$v=19$m=65536,t=3,p=4$" + bytes(16) + "$" + bytes(32)
    }

    /// Cut at a word to `maxLength`, padded with words to `minLength`.
    static func fit(_ text: String, _ constraints: Constraints) -> String {
        var result = text
        if let minimum = constraints.minLength {
            while result.count < minimum { result += result.isEmpty ? "sample" : " sample" }
        }
        if let maximum = constraints.maxLength, result.count > maximum {
            result = String(result.prefix(maximum))
            if let space = result.lastIndex(of: " "), result.distance(from: result.startIndex, to: space) >= max(constraints.minLength ?? 1, 1) {
                result = String(result[..<space])
            }
        }
        return result
    }
}
