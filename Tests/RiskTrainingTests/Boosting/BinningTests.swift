import Testing

@testable import RiskTraining

@Suite("Binning: quantile and categorical bins route like raw thresholds")
struct BinningTests {
    @Test("few distinct values: one bin each, bounded by midpoints")
    func distinctValues() {
        let bins = FeatureBins.numeric(values: [3, 1, 2, 2, .nan, 1], maxBins: 255)
        #expect(bins.upperBounds == [1.5, 2.5, .infinity])
        #expect(bins.missingBin == 3)
        #expect(bins.numericBin(1) == 0 && bins.numericBin(2) == 1 && bins.numericBin(3) == 2)
        #expect(bins.numericBin(.nan) == 3)
        #expect(bins.numericBin(-100) == 0 && bins.numericBin(.infinity) == 2)
    }

    @Test("many values: at most maxBins bins, and bin ≤ t exactly when value ≤ upperBounds[t]")
    func quantiles() {
        var g = SeededGenerator(seed: 3)
        let values = (0..<5000).map { _ in Float(g.normal()) }
        let bins = FeatureBins.numeric(values: values, maxBins: 16)
        #expect(bins.upperBounds.count <= 16 && bins.upperBounds.count >= 12)
        for _ in 0..<2000 {
            let v = Float(g.normal() * 1.5)
            let b = bins.numericBin(v)
            for t in 0..<(bins.upperBounds.count - 1) { #expect((b <= t) == (v <= bins.upperBounds[t])) }
        }
        // Adjacent floats still get separate bins.
        let a: Float = 1
        let tight = FeatureBins.numeric(values: [a, a.nextUp], maxBins: 4)
        #expect(tight.numericBin(a) == 0 && tight.numericBin(a.nextUp) == 1)
    }

    @Test("categories: by frequency, rare and invalid codes share a bin, missing last")
    func categories() {
        let bins = FeatureBins.categorical(values: [5, 5, 5, 2, 2, 9, .nan])
        #expect(bins.categories == [5, 2, 9])
        #expect(bins.bins(of: [5, 2, 9, 7, 1.5, .nan]) == [0, 1, 2, 3, 3, 4])
    }

    @Test("binning column by column equals binning the set; sparse rows hold exactly the non-default bins")
    func columnByColumn() {
        let set = BoostingFixtures.numeric(rows: 500, features: 4, seed: 1, missing: true)
        let binned = BinnedFeatures(set, maxBins: 32, seed: 1, threads: 1)
        // Weighted rows, so category and quantile masses are weighted.
        let weights = (0..<set.rowCount).map { Float(1 + $0 % 3) }
        let direct = BinnedFeatures(
            TrainingSet(columns: set.columns, labels: set.labels, weights: weights), maxBins: 32, seed: 2, threads: 2)
        let streamed = BinnedFeatures.binColumns(
            rowCount: set.rowCount, isCategorical: set.isCategorical, weights: weights, maxBins: 32, seed: 2,
            threads: 2
        ) { set.columns[$0] }
        #expect(streamed.features == direct.features && streamed.columns == direct.columns)
        for row in 0..<set.rowCount {
            var expected: [UInt32] = []
            for f in 0..<4 {
                let bin = binned.bin(row: row, feature: f)
                #expect(bin == binned.features[f].numericBin(set.columns[f][row]))
                if bin != binned.defaultBins[f] { expected.append(UInt32(3 * (binned.histogramOffsets[f] + bin))) }
            }
            let entries = binned.sparseEntries[binned.sparseRowStart[row]..<binned.sparseRowStart[row + 1]]
            #expect(Array(entries) == expected)
        }
    }
}
