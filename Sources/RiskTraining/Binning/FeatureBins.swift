/// How one feature's raw values map to bins: value bins first, then (categorical only) one shared bin for rare
/// categories, then the missing bin, always last.
///
/// Numeric: value bin `b` holds `upperBounds[b−1] < v ≤ upperBounds[b]` (compared in `Float`), the last upper
/// bound is `+∞`, so a tree threshold `upperBounds[b]` sends exactly bins `0...b` left. Categorical: bin `b`
/// holds the category `categories[b]`; codes outside the list (rare, unseen, or not whole numbers) share the
/// rare bin, which never goes left in a split, matching the runtime (a code outside a split's set goes right).
public struct FeatureBins: Sendable, Equatable, Codable {
    /// Whether the feature is categorical.
    public var isCategorical: Bool
    /// Upper bound per value bin (numeric only); the last is `+∞`.
    public var upperBounds: [Float]
    /// Category code per value bin (categorical only), most frequent first.
    public var categories: [Int]

    /// Most categories with a bin of their own; rarer ones share one bin.
    public static let maxCategoryBins = 254

    /// Number of value bins (excluding the rare-category and missing bins).
    public var valueBinCount: Int { isCategorical ? categories.count : upperBounds.count }
    /// The bin shared by rare categories (categorical only).
    public var rareBin: Int { categories.count }
    /// The bin of missing values: always the last.
    public var missingBin: Int { isCategorical ? categories.count + 1 : upperBounds.count }
    /// Number of bins including the missing bin (and the rare bin of a categorical feature).
    public var binCount: Int { missingBin + 1 }

    /// Bins from their parts.
    public init(isCategorical: Bool, upperBounds: [Float], categories: [Int]) {
        self.isCategorical = isCategorical
        self.upperBounds = upperBounds
        self.categories = categories
    }

    /// Numeric bins from (sampled) values and optional weights, at most `maxBins` value bins.
    ///
    /// Like LightGBM: with at most `maxBins` distinct values each gets its own bin, bounded by the midpoints;
    /// otherwise bins are cut greedily at weighted quantiles, a heavy value getting a bin of its own.
    /// - Complexity: O(n log n) for n values.
    public static func numeric(values: [Float], weights: [Float]? = nil, maxBins: Int) -> FeatureBins {
        precondition(maxBins >= 1 && maxBins <= 255, "numeric features take 1...255 value bins")
        var pairs: [(value: Float, weight: Double)] = []
        pairs.reserveCapacity(values.count)
        for i in values.indices where !values[i].isNaN {
            pairs.append((values[i], Double(weights?[i] ?? 1)))
        }
        pairs.sort { $0.value < $1.value }
        var distinct: [Float] = []
        var mass: [Double] = []
        for pair in pairs {
            if let last = distinct.last, last == pair.value {
                mass[mass.count - 1] += pair.weight
            } else {
                distinct.append(pair.value)
                mass.append(pair.weight)
            }
        }
        var bounds: [Float] = []
        if distinct.count <= maxBins {
            for i in 0..<max(0, distinct.count - 1) { bounds.append(midpoint(distinct[i], distinct[i + 1])) }
        } else {
            let total = mass.reduce(0, +)
            var assigned = 0.0
            var accumulated = 0.0
            for i in 0..<(distinct.count - 1) where bounds.count < maxBins - 1 {
                accumulated += mass[i]
                let expected = (total - assigned) / Double(maxBins - bounds.count)
                if accumulated >= expected || (mass[i + 1] >= expected && accumulated > 0) {
                    bounds.append(midpoint(distinct[i], distinct[i + 1]))
                    assigned += accumulated
                    accumulated = 0
                }
            }
        }
        bounds.append(.infinity)
        return FeatureBins(isCategorical: false, upperBounds: bounds, categories: [])
    }

    /// Categorical bins: one per category by decreasing weight (ties by code), at most ``maxCategoryBins``.
    /// - Complexity: O(n + k log k) for n values and k categories.
    public static func categorical(values: [Float], weights: [Float]? = nil) -> FeatureBins {
        var mass: [Int: Double] = [:]
        for i in values.indices {
            guard let code = categoryCode(values[i]) else { continue }
            mass[code, default: 0] += Double(weights?[i] ?? 1)
        }
        // Sorted by weight then code, so Dictionary order never reaches the result.
        let ranked = mass.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return FeatureBins(
            isCategorical: true, upperBounds: [], categories: ranked.prefix(maxCategoryBins).map(\.key))
    }

    /// The category code of a value: a whole number in `0..<2^31`, else nil (missing or invalid).
    @inline(__always)
    static func categoryCode(_ value: Float) -> Int? {
        guard value >= 0, value < 2_147_483_648, value == value.rounded(.towardZero) else { return nil }
        return Int(value)
    }

    /// A bound between `a < b` such that `a ≤ bound < b` in `Float`.
    static func midpoint(_ a: Float, _ b: Float) -> Float {
        let middle = Float((Double(a) + Double(b)) / 2)
        return middle >= a && middle < b ? middle : a
    }

    /// The bin of a numeric value: the first bin whose upper bound is at least `value`; NaN → missing bin.
    /// - Complexity: O(log bins).
    @inline(__always)
    public func numericBin(_ value: Float) -> Int {
        if value.isNaN { return missingBin }
        var low = 0
        var high = upperBounds.count - 1
        while low < high {
            let mid = (low + high) >> 1
            if value <= upperBounds[mid] { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The bins of a whole column.
    public func bins(of column: [Float]) -> [UInt8] {
        precondition(binCount <= 256, "a feature has at most 256 bins")
        if !isCategorical { return column.map { UInt8(numericBin($0)) } }
        var binOfCode: [Int: Int] = [:]
        for (bin, code) in categories.enumerated() { binOfCode[code] = bin }
        return column.map { value in
            if value.isNaN { return UInt8(missingBin) }
            guard let code = Self.categoryCode(value), let bin = binOfCode[code] else { return UInt8(rareBin) }
            return UInt8(bin)
        }
    }
}
