/// Spelling suggestions for unknown keys, values and column names.
enum EditDistance {
    /// The optimal-string-alignment distance between `a` and `b`: insertions, deletions, substitutions and swaps
    /// of two adjacent characters each count 1 (so `modle` is one edit from `model`).
    ///
    /// - Complexity: O(`a.count` × `b.count`) time and memory; keys and column names are short.
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var d = Array(repeating: 0, count: (a.count + 1) * width)
        for i in 0...a.count { d[i * width] = i }
        for j in 0...b.count { d[j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1, d[(i - 1) * width + j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, d[(i - 2) * width + j - 2] + 1)
                }
                d[i * width + j] = best
            }
        }
        return d[a.count * width + b.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a likely misspelling.
    ///
    /// Close enough means at most `max(1, word.count / 3)` edits and fewer edits than `word` has characters,
    /// comparing case-insensitively; ties go to the candidate listed first, so the answer never depends on hashing
    /// order.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let limit = max(1, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = between(lowered, candidate.lowercased())
            if distance <= limit, distance < word.count, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }
}
