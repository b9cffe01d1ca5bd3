import Foundation
import Testing

@testable import RiskTraining

@Suite("Sparse histograms: non-default bins summed, default bins recovered from the totals")
struct SparseHistogramTests {
    @Test("sparse accumulation plus recovery equals a direct build", arguments: [false, true])
    func sparseEqualsDirect(subset: Bool) {
        let set = BoostingFixtures.numeric(rows: 3000, features: 5, seed: 11, missing: true)
        // Mostly-zero columns, so default bins dominate as they do for count indicators.
        var columns = set.columns
        var gen = SeededGenerator(seed: 7)
        for f in 0..<2 { columns[f] = columns[f].map { gen.bernoulli(0.8) ? 0 : $0 } }
        let sparseSet = TrainingSet(
            columns: columns, names: set.names, isCategorical: set.isCategorical,
            monotoneDirection: set.monotoneDirection, labels: set.labels)
        let binned = BinnedFeatures(sparseSet, maxBins: 32, seed: 3, threads: 1)
        let g = (0..<set.rowCount).map { _ in Float(gen.normal()) }
        let h = (0..<set.rowCount).map { _ in Float(gen.uniform()) }
        let rows = subset ? (0..<set.rowCount).filter { _ in gen.bernoulli(0.4) }.map(Int32.init) : nil
        let chosen = rows.map { $0.map(Int.init) } ?? Array(0..<set.rowCount)

        var direct = Array(repeating: 0.0, count: binned.totalBins * 3)
        var totals = LeafSums()
        for row in chosen {
            for f in 0..<binned.featureCount {
                let b = 3 * (binned.histogramOffsets[f] + binned.bin(row: row, feature: f))
                direct[b] += Double(g[row])
                direct[b + 1] += Double(h[row])
                direct[b + 2] += 1
            }
            totals.gradient += Double(g[row])
            totals.hessian += Double(h[row])
            totals.count += 1
        }

        var sparse = Array(repeating: 0.0, count: binned.totalBins * 3)
        let og = rows.map { $0.map { g[Int($0)] } } ?? g
        let oh = rows.map { $0.map { h[Int($0)] } } ?? h
        binned.sparseRowStart.withUnsafeBufferPointer { start in
            binned.sparseEntries.withUnsafeBufferPointer { entries in
                og.withUnsafeBufferPointer { og in
                    oh.withUnsafeBufferPointer { oh in
                        sparse.withUnsafeMutableBufferPointer { out in
                            if let rows {
                                rows.withUnsafeBufferPointer { rp in
                                    Histogram.accumulateSparse(
                                        rowStart: start.baseAddress!, entries: entries.baseAddress!,
                                        rows: rp.baseAddress!, first: 0, count: rows.count,
                                        gradients: og.baseAddress!, hessians: oh.baseAddress!,
                                        into: out.baseAddress!)
                                }
                            } else {
                                Histogram.accumulateSparse(
                                    rowStart: start.baseAddress!, entries: entries.baseAddress!, rows: nil,
                                    first: 0, count: set.rowCount, gradients: og.baseAddress!,
                                    hessians: oh.baseAddress!, into: out.baseAddress!)
                            }
                            Histogram.recoverDefaultBins(
                                out.baseAddress!, offsets: binned.histogramOffsets.map { $0 * 3 },
                                defaultBins: binned.defaultBins, totals: totals)
                        }
                    }
                }
            }
        }
        #expect(binned.sparseEntries.count < binned.rowCount * binned.featureCount)
        for i in direct.indices {
            #expect(abs(sparse[i] - direct[i]) <= 1e-9 * max(1, abs(direct[i])))
            if i % 3 == 2 { #expect(sparse[i] == direct[i]) }  // counts are exact
        }
    }
}
