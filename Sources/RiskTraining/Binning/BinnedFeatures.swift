/// A training set's features as bins, stored row-major (`featureCount` bytes per row), and the histogram layout
/// (each feature's bins at `histogramOffsets[f]..<histogramOffsets[f+1]` of a flat histogram).
///
/// Row-major rather than column-major because histograms are built row-wise: a leaf's rows are scattered
/// over the table, and one row's bins for every feature share one cache line, where columns would cost one
/// line per feature; and consecutive updates then go to different features' bins, so they do not wait on
/// each other (measured with `riskgrade train` on the BENCHMARKS.md data).
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
    /// Each feature's most frequent bin (lowest on ties): sparse histograms never sum it and recover it as
    /// the leaf's totals minus the feature's other bins (LightGBM's most-frequent-bin trick).
    public let defaultBins: [Int]
    /// Row-wise sparse bins: row `r`'s bins other than the default are
    /// `sparseEntries[sparseRowStart[r] ..< sparseRowStart[r + 1]]`, in feature order, each stored as its
    /// histogram index in doubles (`3 · (histogramOffsets[f] + bin)`).
    public let sparseRowStart: [Int]
    /// See ``sparseRowStart``.
    public let sparseEntries: [UInt32]

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
        let defaultBins = Parallel.map(featureCount, threads: threads) { f in Self.mostFrequentBin(columns[f]) }
        self.defaultBins = defaultBins
        (sparseRowStart, sparseEntries) = Self.sparseRows(
            columns: columns, rowCount: rowCount, offsets: offsets, defaultBins: defaultBins, threads: threads)
    }

    /// The most frequent value of a column of bins (the lowest on ties).
    static func mostFrequentBin(_ column: [UInt8]) -> Int {
        var counts = [Int](repeating: 0, count: 256)
        for bin in column { counts[Int(bin)] += 1 }
        var best = 0
        for bin in 1..<256 where counts[bin] > counts[best] { best = bin }
        return best
    }

    /// The CSR layout of the non-default bins: rows in fixed blocks, each block counted then filled, so the
    /// result does not depend on the thread count.
    static func sparseRows(
        columns: [[UInt8]], rowCount: Int, offsets: [Int], defaultBins: [Int], threads: Int
    ) -> (rowStart: [Int], entries: [UInt32]) {
        let featureCount = columns.count
        let block = 65_536
        let blockCount = (rowCount + block - 1) / block
        let rowStart = SharedBuffer<Int>(repeating: 0, count: rowCount + 1)
        let sizes = SharedBuffer<Int32>(repeating: 0, count: rowCount)
        // Pass 1: entries per row.
        let blockTotals = Parallel.map(blockCount, threads: threads) { task -> Int in
            let rows = (task * block)..<min(rowCount, (task + 1) * block)
            var total = 0
            for f in 0..<featureCount {
                let column = columns[f]
                let defaultBin = UInt8(defaultBins[f])
                for row in rows where column[row] != defaultBin { sizes[row] += 1 }
            }
            for row in rows { total += Int(sizes[row]) }
            return total
        }
        var blockStart = [0]
        for total in blockTotals { blockStart.append(blockStart[blockStart.count - 1] + total) }
        let entryCount = blockStart[blockStart.count - 1]
        let entries = SharedBuffer<UInt32>(repeating: 0, count: entryCount)
        // Pass 2: prefix sums within each block, then the entries in feature order per row.
        let starts = blockStart
        _ = Parallel.map(blockCount, threads: threads) { task -> Int in
            let rows = (task * block)..<min(rowCount, (task + 1) * block)
            var position = starts[task]
            for row in rows {
                rowStart[row] = position
                position += Int(sizes[row])
            }
            var cursor = rows.map { rowStart[$0] }
            for f in 0..<featureCount {
                let column = columns[f]
                let defaultBin = UInt8(defaultBins[f])
                let base = 3 * offsets[f]
                for row in rows where column[row] != defaultBin {
                    let i = row - rows.lowerBound
                    entries[cursor[i]] = UInt32(base + 3 * Int(column[row]))
                    cursor[i] += 1
                }
            }
            return 0
        }
        rowStart[rowCount] = entryCount
        return (
            Array(UnsafeBufferPointer(start: rowStart.base, count: rowStart.count)),
            Array(UnsafeBufferPointer(start: entries.base, count: entries.count))
        )
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
