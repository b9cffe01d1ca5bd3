import Foundation

/// How one indicator's value falls into the bins of a scorecard: value bins cut by edges (numeric, count and
/// flag indicators) or holding sets of categories (categorical ones), then one bin for missing values.
///
/// ```
/// edges e₀ < e₁ < … < e_{k−2}:   bin 0 ← x ≤ e₀,  bin j ← e_{j−1} < x ≤ e_j,  bin k−1 ← x > e_{k−2}
/// categories:                    bin j ← the code is one of categories[j]
/// missing bin k ← NaN, or a category code no value bin holds
/// ```
/// Both scorecard bodies (``Scorecard`` and ``WeightedScorecard``) and the trainer find bins through
/// ``bin(of:)``, so training and scoring put every value in the same bin.
public struct IndicatorBins: Sendable, Equatable {
    /// What cuts the value bins.
    public enum Split: Sendable, Equatable {
        /// Upper edges of the value bins but the last, strictly increasing and finite (raw indicator values).
        case edges([Float])
        /// The category codes of each value bin (codes into the feature's vocabulary), disjoint; may be empty
        /// (every value then scores in the missing bin).
        case categories([[Int]])
    }

    /// What cuts the value bins.
    public let split: Split
    /// For categories: the value bin of each code below `binOfCode.count`, or −1 (the missing bin).
    let binOfCode: [Int]

    /// Numeric bins cut at `edges` (upper bounds, strictly increasing; checked by ``problems(vocabularySize:)``).
    public init(edges: [Float]) {
        split = .edges(edges)
        binOfCode = []
    }

    /// Categorical bins, each holding the category codes `categories[j]`.
    public init(categories: [[Int]]) {
        split = .categories(categories)
        var lookup = [Int](repeating: -1, count: (categories.joined().max() ?? -1) + 1)
        for (bin, codes) in categories.enumerated() {
            for code in codes where code >= 0 && lookup[code] < 0 { lookup[code] = bin }
        }
        binOfCode = lookup
    }

    /// Number of value bins (the missing bin excluded).
    public var valueBinCount: Int {
        switch split {
        case .edges(let edges): edges.count + 1
        case .categories(let categories): categories.count
        }
    }

    /// Number of bins, the missing bin included.
    public var binCount: Int { valueBinCount + 1 }

    /// The index of the missing bin (the last).
    public var missingBin: Int { valueBinCount }

    /// Whether the bins hold categories.
    public var isCategorical: Bool {
        if case .categories = split { return true }
        return false
    }

    /// The bin of a value (NaN for missing, a category code as a whole number).
    ///
    /// - Complexity: O(log edges) for numeric bins, O(1) for categories.
    @inline(__always)
    public func bin(of value: Float) -> Int {
        if value.isNaN { return missingBin }
        switch split {
        case .edges(let edges):
            // The first edge ≥ value, by binary search.
            var low = 0
            var high = edges.count
            while low < high {
                let middle = (low + high) / 2
                if value <= edges[middle] { high = middle } else { low = middle + 1 }
            }
            return low
        case .categories:
            guard value >= 0, value < Float(binOfCode.count), value == value.rounded(.towardZero) else {
                return missingBin
            }
            let bin = binOfCode[Int(value)]
            return bin < 0 ? missingBin : bin
        }
    }

    /// The first problem of the bins, as a field (`edges[2]`, `categories[1]`), what was found and what was
    /// expected; nil when they are sound. Category codes must be below `vocabularySize`.
    public func problems(vocabularySize: Int) -> (field: String, found: String, expected: String)? {
        switch split {
        case .edges(let edges):
            for (i, edge) in edges.enumerated() {
                guard edge.isFinite else { return ("edges[\(i)]", "\(edge)", "a finite number") }
                if i > 0, !(edges[i - 1] < edge) {
                    return ("edges[\(i)]", "\(edge) after \(edges[i - 1])", "edges in strictly increasing order")
                }
            }
        case .categories(let categories):
            var seen = Set<Int>()
            for (j, codes) in categories.enumerated() {
                guard !codes.isEmpty else { return ("categories[\(j)]", "an empty bin", "at least one category") }
                for code in codes {
                    guard (0..<vocabularySize).contains(code) else {
                        return ("categories[\(j)]", "code \(code)", "a category of the feature's vocabulary")
                    }
                    guard seen.insert(code).inserted else {
                        return ("categories[\(j)]", "a category in two bins", "each category in one bin")
                    }
                }
            }
        }
        return nil
    }
}
