/// "Did you mean …" hints: the closest candidate by edit distance, when it is close enough to be a
/// plausible typo.
enum Suggestions {
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        // Allow roughly one typo per three characters, and at least one.
        let limit = max(1, word.count / 3)
        return best.distance <= limit ? best.candidate : nil
    }

    static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> Diagnostic.Note? {
        closest(to: word, in: candidates).map { Diagnostic.Note("did you mean '\($0)'?") }
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
