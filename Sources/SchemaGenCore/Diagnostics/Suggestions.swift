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

    /// Edit distance over characters where inserting, deleting, replacing or swapping two
    /// neighbouring characters each count as one typo (`titel` is one away from `title`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
