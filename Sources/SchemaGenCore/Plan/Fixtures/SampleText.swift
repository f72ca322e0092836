/// Plausible words for sample strings: a value reads like what the field holds (a title, a name, a
/// MIME type) when the field's name says what that is, and like a short phrase otherwise.
enum SampleText {
    static let firstNames = ["Maya", "Theo", "Iris", "Jonas", "Lena", "Marco", "Nadia", "Felix", "Sofia", "Hugo",
                             "Amara", "Kenji", "Elena", "Ravi", "Clara", "Omar"]
    static let lastNames = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad", "Brennan",
                            "Costa", "Weber", "Ito", "Mensah", "Duarte", "Keller", "Petrov", "Achebe"]
    static let adjectives = ["Silent", "Crimson", "Hidden", "Last", "Golden", "Broken", "Midnight", "Electric",
                             "Distant", "Frozen", "Wandering", "Hollow", "Bright", "Forgotten"]
    static let nouns = ["Harbor", "Signal", "Orchard", "Frontier", "Lantern", "Archive", "Comet", "Garden",
                        "Canyon", "Station", "Mirror", "Voyage", "Tide", "Citadel"]
    static let words = ["light", "storm", "river", "city", "night", "memory", "journey", "secret", "engine",
                        "forest", "signal", "winter", "promise", "shadow", "market", "bridge", "ocean", "dream",
                        "letter", "machine", "garden", "echo", "voice", "summer"]
    static let sentences = [
        "A young engineer discovers a signal that should not exist.",
        "Two rivals must cross the frozen frontier before the storm arrives.",
        "The archive holds a memory that could change the city forever.",
        "Nobody at the station remembers how the lantern went out.",
        "A letter arrives thirty years too late, and everything starts again.",
        "Under the harbor lights, an old promise is finally kept.",
        "The crew follows the comet's trail to a forgotten garden.",
        "Every mirror in the house shows a different summer.",
    ]
    static let dialogue = [
        "We leave at dawn, whether the storm breaks or not.",
        "You kept the letter all these years?",
        "Listen. Do you hear the signal?",
        "I never promised it would be easy.",
        "The harbor is closed. We go through the canyon.",
        "Tell me what you saw in the archive.",
    ]

    /// Values for fields whose name says what they hold, by lowercased field name.
    static let byFieldName: [String: [String]] = [
        "mimetype": ["image/png", "image/jpeg", "video/mp4", "audio/mpeg", "audio/wav", "image/webp"],
        "theme": ["light", "dark", "system"],
        "language": ["en", "fr", "de", "es-MX", "ja", "pt-BR"],
        "resolution": ["1920x1080", "3840x2160", "1280x720", "1080x1920"],
        "codec": ["h264", "hevc", "av1", "aac", "opus"],
        "gender": ["female", "male", "non-binary"],
        "age": ["34", "mid-30s", "17", "62", "early 20s"],
        "emotion": ["hopeful", "angry", "whispering", "amused", "afraid"],
        "mood": ["tense", "melancholic", "playful", "ominous", "serene"],
        "cameraangle": ["wide shot", "close-up", "over-the-shoulder", "low angle", "tracking shot"],
        "relationshiptype": ["sibling", "rival", "mentor", "friend", "partner"],
        "location": ["Harbor docks", "Rooftop garden", "Night train", "Mountain observatory", "Old archive"],
        "app": ["studio", "storyboard", "voice-lab"],
        "stage": ["story_development", "character_creation", "scene_production", "post_production"],
        "feature": ["outline", "dialogue", "thumbnail", "voice-over"],
        "model": ["anthropic/claude-sonnet-4", "qwen/qwen3-vl-235b-a22b-thinking", "fal-ai/nano-banana"],
        "modelversion": ["v1.4", "v2.0", "2025-06"],
        "code": ["TIMEOUT", "RATE_LIMITED", "INVALID_INPUT", "PROVIDER_ERROR"],
        "currentstep": ["outline", "render", "review", "upload"],
        "colorpalette": ["#1f6feb", "#d29922", "#8957e5", "#2da44e", "#cf222e", "#f0f6fc"],
        "personality": ["curious", "stubborn", "loyal", "reckless", "kind", "secretive"],
        "motivations": ["find her brother", "clear his name", "win the race", "keep the family together"],
        "features": ["hd-export", "voice-cloning", "team-sharing", "priority-queue"],
        "completedsteps": ["story_development", "character_creation", "visual_design"],
        "themes": ["loyalty", "memory", "home", "sacrifice", "freedom"],
        "tags": ["hero", "night", "draft", "approved", "exterior"],
        "voicecharacteristics": ["warm", "raspy", "bright", "low", "calm"],
    ]

    static func personName(_ random: inout SeededRandom) -> String {
        random.pick(firstNames) + " " + random.pick(lastNames)
    }

    static func title(_ random: inout SeededRandom) -> String {
        "The " + random.pick(adjectives) + " " + random.pick(nouns)
    }

    static func slug(_ random: inout SeededRandom) -> String {
        random.pick(words) + "-" + random.pick(words)
    }

    static func sentence(_ random: inout SeededRandom) -> String { random.pick(sentences) }

    static func paragraph(_ random: inout SeededRandom) -> String {
        (0..<random.int(in: 2...3)).map { _ in random.pick(sentences) }.joined(separator: " ")
    }
}
