import Foundation
import Testing

@testable import RiskTraining

@Suite("Split finding, histograms and gradients against direct computation")
struct SplitFinderTests {
    /// Histogram of one feature's bins built directly from rows.
    static func histogram(bins: [Int], binCount: Int, g: [Double], h: [Double], rows: [Int]) -> [Double] {
        var hist = Array(repeating: 0.0, count: binCount * 3)
        for r in rows {
            hist[bins[r] * 3] += g[r]
            hist[bins[r] * 3 + 1] += h[r]
            hist[bins[r] * 3 + 2] += 1
        }
        return hist
    }

    @Test("numeric split equals a naive search over every threshold and missing direction", arguments: 0..<12)
    func numericAgainstNaive(seed: Int) {
        var gen = SeededGenerator(seed: UInt64(seed))
        let n = 60 + gen.index(below: 60)
        let values = (0..<n).map { _ in gen.bernoulli(0.15) ? Float.nan : Float(gen.index(below: 12)) }
        let bins = FeatureBins.numeric(values: values, maxBins: 255)
        let binOf = values.map { bins.numericBin($0) }
        let g = (0..<n).map { _ in gen.normal() }
        let h = (0..<n).map { _ in gen.uniform() + 0.05 }
        let finder = SplitFinder(
            l1: seed % 3 == 0 ? 0.5 : 0, l2: Double(seed % 4), minSamplesPerLeaf: 1 + seed % 5,
            minHessianPerLeaf: 0.1, minSplitGain: 0)
        let hist = Self.histogram(bins: binOf, binCount: bins.binCount, g: g, h: h, rows: Array(0..<n))
        let sums = LeafSums(gradient: g.reduce(0, +), hessian: h.reduce(0, +), count: n)
        let found = hist.withUnsafeBufferPointer {
            finder.bestSplit(
                feature: 0, bins: bins, histogram: $0.baseAddress!, sums: sums, lower: -.infinity, upper: .infinity,
                monotone: 0)
        }
        // Naive: every raw threshold, both missing directions, sums straight from the rows.
        func l1(_ x: Double) -> Double { finder.l1 == 0 ? x : (x < 0 ? -1 : 1) * max(0, abs(x) - finder.l1) }
        func score(_ gs: Double, _ hs: Double) -> Double { l1(gs) * l1(gs) / (hs + finder.l2) }
        var best = -Double.infinity
        for threshold in bins.upperBounds.dropLast() {
            for missingLeft in [false, true] {
                var gl = 0.0
                var hl = 0.0
                var cl = 0
                for r in 0..<n where values[r].isNaN ? missingLeft : values[r] <= threshold {
                    gl += g[r]
                    hl += h[r]
                    cl += 1
                }
                let (gr, hr, cr) = (sums.gradient - gl, sums.hessian - hl, n - cl)
                guard cl >= finder.minSamplesPerLeaf, cr >= finder.minSamplesPerLeaf, hl >= 0.1, hr >= 0.1 else {
                    continue
                }
                best = max(best, score(gl, hl) + score(gr, hr) - score(sums.gradient, sums.hessian))
            }
        }
        if best > 0 {
            #expect(found.isValid)
            #expect(abs(found.gain - best) <= 1e-9 * max(1, abs(best)))
            // The candidate's own sums agree with routing the rows.
            var cl = 0
            for r in 0..<n where found.goesLeft(bin: binOf[r], missingBin: bins.missingBin) { cl += 1 }
            #expect(cl == found.left.count)
        } else {
            #expect(!found.isValid)
        }
    }

    @Test("histogram subtraction equals a direct build of the larger child")
    func subtraction() {
        let set = BoostingFixtures.numeric(rows: 3000, features: 5, seed: 9, missing: true)
        let binned = BinnedFeatures(set, maxBins: 64, seed: 9, threads: 1)
        var gen = SeededGenerator(seed: 4)
        let g = (0..<set.rowCount).map { _ in Float(gen.normal()) }
        let h = (0..<set.rowCount).map { _ in Float(gen.uniform()) }
        let small = (0..<set.rowCount).filter { _ in gen.bernoulli(0.3) }.map(Int32.init)
        let large = Set(small).symmetricDifference(Set((0..<set.rowCount).map(Int32.init))).sorted()
        let offsets = binned.histogramOffsets.map { $0 * 3 }
        // A direct build, row by row over every feature.
        func build(_ rows: [Int32]?) -> [Double] {
            var hist = Array(repeating: 0.0, count: binned.totalBins * 3)
            for row in rows?.map(Int.init) ?? Array(0..<set.rowCount) {
                for f in 0..<binned.featureCount {
                    let b = offsets[f] + 3 * binned.bin(row: row, feature: f)
                    hist[b] += Double(g[row])
                    hist[b + 1] += Double(h[row])
                    hist[b + 2] += 1
                }
            }
            return hist
        }
        var parent = build(nil)
        let child = build(small)
        let direct = build(large)
        parent.withUnsafeMutableBufferPointer { p in
            child.withUnsafeBufferPointer { c in
                Histogram.subtract(c.baseAddress!, from: p.baseAddress!, range: 0..<p.count)
            }
        }
        for i in parent.indices {
            #expect(abs(parent[i] - direct[i]) <= 1e-9 * max(1, abs(direct[i])))
            if i % 3 == 2 { #expect(parent[i] == direct[i]) }  // counts are exact
        }
    }

    @Test("log-loss gradient and hessian match finite differences")
    func finiteDifferences() {
        for (margin, label, weight) in [(-2.0, Float(1), Float(1)), (0.3, 0, 2.5), (4, 1, 0.5), (-0.7, 0, 1)] {
            func loss(_ m: Double) -> Double {
                Double(weight) * Metrics.logLoss(margins: [m], labels: [label])
            }
            let (g, h) = LogLoss.derivatives(margin: margin, label: label, weight: weight)
            let e = 1e-4
            let numericG = (loss(margin + e) - loss(margin - e)) / (2 * e)
            let numericH = (loss(margin + e) - 2 * loss(margin) + loss(margin - e)) / (e * e)
            #expect(abs(g - numericG) < 1e-6)
            #expect(abs(h - numericH) < 1e-4)
        }
        #expect(abs(LogLoss.baseScore(labels: [1, 0, 0, 0], weights: nil) - log(1.0 / 3)) < 1e-12)
    }
}
