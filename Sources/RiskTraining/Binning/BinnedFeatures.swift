/// A training set's features as bins, one `[UInt8]` column per feature, their row-wise sparse form for
/// histograms, and the histogram layout (each feature's bins at `histogramOffsets[f]..<histogramOffsets[f+1]`
/// of a flat histogram).
///
/// Histograms are built row-wise from the sparse rows: a leaf's rows are scattered over the table, and one
/// row's non-default bins sit together in one or two cache lines, where columns would cost one line per
/// feature (measured with `riskgrade train` on the BENCHMARKS.md data). Partitioning a leaf on one feature
/// reads that feature's column, one byte per row.
public struct BinnedFeatures: Sendable {
    /// The bin mapping of each feature.
    public let features: [FeatureBins]
    /// The bins column-major, one column per feature: `columns[feature][row]`.
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
        let binned = Self.binColumns(
            rowCount: set.rowCount, isCategorical: set.isCategorical, weights: set.weights, maxBins: maxBins,
            seed: seed, threads: threads
        ) { set.columns[$0] }
        self.init(features: binned.features, columns: binned.columns, threads: threads)
    }

    /// Bins `set` with an existing mapping (warm start, refit, validation).
    public init(_ set: TrainingSet, features: [FeatureBins], threads: Int = 0) {
        precondition(features.count == set.featureCount, "one bin mapping per feature")
        let columns = Parallel.map(set.featureCount, threads: threads) { f in features[f].bins(of: set.columns[f]) }
        self.init(features: features, columns: columns, threads: threads)
    }

    /// The bin mapping and the binned column of every feature, each feature's values asked of `column` when
    /// it is binned and released right after, so only a few raw columns (one per thread) exist at a time.
    ///
    /// The same values give the same bins as ``init(_:maxBins:seed:threads:)``: numeric boundaries from a
    /// seeded sample of at most ``sampleLimit`` rows (weighted by `weights`), categories counted over all rows.
    /// - Parameter column: Feature `f`'s `rowCount` values (NaN missing, category codes for categorical ones).
    public static func binColumns(
        rowCount: Int, isCategorical: [Bool], weights: [Float]?, maxBins: Int, seed: UInt64, threads: Int = 0,
        column: @Sendable (Int) -> [Float]
    ) -> (features: [FeatureBins], columns: [[UInt8]]) {
        let sample = Self.sampleRows(count: rowCount, limit: Self.sampleLimit, seed: seed)
        let sampleWeights = sample.flatMap { sample in weights.map { w in sample.map { w[$0] } } }
        let binned = Parallel.map(isCategorical.count, threads: threads) { f -> (FeatureBins, [UInt8]) in
            let values = column(f)
            precondition(values.count == rowCount, "feature \(f) has \(values.count) values for \(rowCount) rows")
            let bins: FeatureBins
            if isCategorical[f] {
                bins = FeatureBins.categorical(values: values, weights: weights)
            } else if let sample {
                bins = FeatureBins.numeric(values: sample.map { values[$0] }, weights: sampleWeights, maxBins: maxBins)
            } else {
                bins = FeatureBins.numeric(values: values, weights: weights, maxBins: maxBins)
            }
            return (bins, bins.bins(of: values))
        }
        return (binned.map(\.0), binned.map(\.1))
    }

    /// Binned columns with their mappings: adds the histogram layout and the sparse rows.
    ///
    /// - Precondition: one column per mapping, all `columns[0].count` long, each bin below its feature's
    ///   ``FeatureBins/binCount``.
    public init(features: [FeatureBins], columns: [[UInt8]], threads: Int = 0) {
        precondition(features.count == columns.count, "one bin mapping per column")
        let rowCount = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rowCount }, "binned columns differ in length")
        self.features = features
        self.columns = columns
        self.rowCount = rowCount
        self.featureCount = features.count
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
    /// result does not depend on the thread count. Both arrays are written in place (no second copy).
    static func sparseRows(
        columns: [[UInt8]], rowCount: Int, offsets: [Int], defaultBins: [Int], threads: Int
    ) -> (rowStart: [Int], entries: [UInt32]) {
        let featureCount = columns.count
        let block = 65_536
        let blockCount = (rowCount + block - 1) / block
        var blockTotals: [Int] = []
        // Pass 1: entries per row, as row starts relative to the block; each block's total.
        let rowStart = [Int](unsafeUninitializedCapacity: rowCount + 1) { buffer, initialized in
            let starts = SharedPointer(buffer)
            blockTotals = Parallel.map(blockCount, threads: threads) { task -> Int in
                let rows = (task * block)..<min(rowCount, (task + 1) * block)
                var sizes = [Int32](repeating: 0, count: rows.count)
                for f in 0..<featureCount {
                    let column = columns[f]
                    let defaultBin = UInt8(defaultBins[f])
                    for row in rows where column[row] != defaultBin { sizes[row - rows.lowerBound] += 1 }
                }
                var position = 0
                for row in rows {
                    starts.initialize(row, to: position)
                    position += Int(sizes[row - rows.lowerBound])
                }
                return position
            }
            // Block offsets, added in block order.
            var total = 0
            var blockStart: [Int] = []
            for count in blockTotals {
                blockStart.append(total)
                total += count
            }
            let offsetsOfBlocks = blockStart
            _ = Parallel.map(blockCount, threads: threads) { task -> Int in
                for row in (task * block)..<min(rowCount, (task + 1) * block) { starts[row] += offsetsOfBlocks[task] }
                return 0
            }
            starts.initialize(rowCount, to: total)
            initialized = rowCount + 1
        }
        // Pass 2: the entries in feature order per row.
        let entryCount = rowStart[rowCount]
        let entries = [UInt32](unsafeUninitializedCapacity: entryCount) { buffer, initialized in
            let out = SharedPointer(buffer)
            _ = Parallel.map(blockCount, threads: threads) { task -> Int in
                let rows = (task * block)..<min(rowCount, (task + 1) * block)
                var cursor = rows.map { rowStart[$0] }
                for f in 0..<featureCount {
                    let column = columns[f]
                    let defaultBin = UInt8(defaultBins[f])
                    let base = 3 * offsets[f]
                    for row in rows where column[row] != defaultBin {
                        let i = row - rows.lowerBound
                        out.initialize(cursor[i], to: UInt32(base + 3 * Int(column[row])))
                        cursor[i] += 1
                    }
                }
                return 0
            }
            initialized = entryCount
        }
        return (rowStart, entries)
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
