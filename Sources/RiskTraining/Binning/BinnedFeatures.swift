/// A training set's features as bins, stored row-major (`featureCount` bytes per row), and the histogram layout
/// (each feature's bins at `histogramOffsets[f]..<histogramOffsets[f+1]` of a flat histogram).
///
/// Row-major rather than column-major because histograms are built row-wise: a leaf's rows are scattered
/// over the table, and one row's bins for every feature share one cache line, where columns would cost one
/// line per feature; and consecutive updates then go to different features' bins, so they do not wait on
/// each other (measured: see BoostingBenchmark in BENCHMARKS.md).
public struct BinnedFeatures: Sendable {
    /// The bin mapping of each feature.
    public let features: [FeatureBins]
    /// The bin of each row and feature: `bins[row * featureCount + feature]` (for histograms).
    public let bins: [UInt8]
    /// The same bins column-major, one column per feature (for partitioning a leaf on one feature, which
    /// reads one byte per row instead of one cache line).
    public let columns: [[UInt8]]
    /// Number of rows.
    public let rowCount: Int
    /// Number of features.
    public let featureCount: Int
    /// Start of each feature's bins in a flat histogram; `featureCount + 1` entries.
    public let histogramOffsets: [Int]

    /// Most rows sampled to place numeric bin boundaries.
    public static let sampleLimit = 200_000

    /// Bins `set`: numeric boundaries from a seeded sample of at most ``sampleLimit`` rows (weighted by the
    /// sample weights), categories counted over all rows; features are binned in parallel.
    public init(_ set: TrainingSet, maxBins: Int, seed: UInt64, threads: Int = 0) {
        let sample = Self.sampleRows(count: set.rowCount, limit: Self.sampleLimit, seed: seed)
        let features = Parallel.map(set.featureCount, threads: threads) { f -> FeatureBins in
            if set.isCategorical[f] { return FeatureBins.categorical(values: set.columns[f], weights: set.weights) }
            guard let sample else {
                return FeatureBins.numeric(values: set.columns[f], weights: set.weights, maxBins: maxBins)
            }
            let values = sample.map { set.columns[f][$0] }
            let weights = set.weights.map { w in sample.map { w[$0] } }
            return FeatureBins.numeric(values: values, weights: weights, maxBins: maxBins)
        }
        self.init(set, features: features, threads: threads)
    }

    /// Bins `set` with an existing mapping (warm start, refit, validation).
    public init(_ set: TrainingSet, features: [FeatureBins], threads: Int = 0) {
        precondition(features.count == set.featureCount, "one bin mapping per feature")
        let featureCount = set.featureCount
        let rowCount = set.rowCount
        self.features = features
        self.rowCount = rowCount
        self.featureCount = featureCount
        let columns = Parallel.map(featureCount, threads: threads) { f in features[f].bins(of: set.columns[f]) }
        let matrix = SharedBuffer<UInt8>(repeating: 0, count: rowCount * featureCount)
        let block = 65_536
        _ = Parallel.map((rowCount + block - 1) / block, threads: threads) { task in
            for f in 0..<featureCount {
                let column = columns[f]
                for row in (task * block)..<min(rowCount, (task + 1) * block) {
                    matrix[row * featureCount + f] = column[row]
                }
            }
            return 0
        }
        self.bins = Array(UnsafeBufferPointer(start: matrix.base, count: matrix.count))
        self.columns = columns
        var offsets = [0]
        for feature in features { offsets.append(offsets[offsets.count - 1] + feature.binCount) }
        self.histogramOffsets = offsets
    }

    /// The bin of one row and feature.
    @inline(__always)
    public func bin(row: Int, feature: Int) -> Int { Int(columns[feature][row]) }

    /// Total bins over all features: the length of a histogram (in entries).
    public var totalBins: Int { histogramOffsets[histogramOffsets.count - 1] }

    /// A sorted sample of `limit` of `count` rows (selection sampling), or nil when all rows fit.
    static func sampleRows(count: Int, limit: Int, seed: UInt64) -> [Int]? {
        guard count > limit else { return nil }
        var generator = SeededGenerator(seed: seed, stream: 0xB1)
        var rows: [Int] = []
        rows.reserveCapacity(limit)
        var needed = limit
        for row in 0..<count where needed > 0 {
            if generator.index(below: count - row) < needed {
                rows.append(row)
                needed -= 1
            }
        }
        return rows
    }
}
