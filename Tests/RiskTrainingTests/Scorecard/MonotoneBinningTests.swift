import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("Monotone binning: monotone event rates, shares, WOE and IV, categories, bad columns")
struct MonotoneBinningTests {
    static func bin(
        _ values: [Float], _ labels: [Float], weights: [Float]? = nil, direction: RiskDirection = .increasing,
        categorical: Int? = nil, parameters: ScorecardParameters = ScorecardParameters()
    ) -> IndicatorBinning {
        MonotoneBinning.bin(
            values: values, labels: labels, weights: weights, isCategorical: categorical != nil,
            vocabularySize: categorical ?? 0, direction: direction, parameters: parameters)
    }

    @Test("WOE and IV of given bins equal the hand-computed values, with the 0.5 smoothing and the empty bin")
    func woeAndIV() {
        // E = 5 hits, N = 15 non-hits. Bin 3 has no hit (smoothed), bin 4 no weight (WOE 0).
        let (woe, iv) = IndicatorBinning.woe(events: [2, 3, 0, 0], weights: [10, 5, 5, 0])
        let expectedWOE = [log((2 / 5.0) / (8 / 15.0)), log((3 / 5.0) / (2 / 15.0)), log((0.5 / 5) / (5.5 / 15)), 0]
        let expectedIV = [
            (2 / 5.0 - 8 / 15.0) * expectedWOE[0], (3 / 5.0 - 2 / 15.0) * expectedWOE[1],
            (0 - 5 / 15.0) * expectedWOE[2], 0,
        ]
        for b in 0..<4 {
            #expect(abs(woe[b] - expectedWOE[b]) < 1e-12, "bin \(b)")
            #expect(abs(iv[b] - expectedIV[b]) < 1e-12, "bin \(b)")
        }
        // By hand: 0.038358 + 0.701903 + 0.433094.
        #expect(abs(iv.reduce(0, +) - 1.173355) < 1e-6)
    }

    @Test("pool-adjacent-violators by hand: eight values, each its own fine bin")
    func poolAdjacentViolators() {
        let values: [Float] = [1, 2, 3, 4, 5, 6, 7, 8]
        let labels: [Float] = [0, 1, 0, 0, 1, 1, 0, 1]
        let free = ScorecardParameters(maxBins: 8, fineBins: 8, minBinShare: 0)
        let up = Self.bin(values, labels, parameters: free)
        #expect(up.bins == IndicatorBins(edges: [1, 4, 7]))
        #expect(up.counts == [1, 3, 3, 1, 0])
        #expect(zip(up.eventRates.prefix(4), [0, 1 / 3.0, 2 / 3.0, 1]).allSatisfy { abs($0 - $1) < 1e-12 })
        // Decreasing pools everything into one bin; `none` keeps the increasing binning, of larger IV.
        let down = Self.bin(values, labels, direction: .decreasing, parameters: free)
        #expect(down.bins == IndicatorBins(edges: []) && down.informationValue == 0)
        let none = Self.bin(values, labels, direction: .none, parameters: free)
        #expect(none.bins == up.bins && none.direction == .increasing && none.directionChosenByIV)
        // At most two bins: still monotone; at least 40% a bin: the single-row end bins are merged away.
        let two = Self.bin(values, labels, parameters: ScorecardParameters(maxBins: 2, fineBins: 8, minBinShare: 0))
        #expect(two.bins.valueBinCount == 2 && two.eventRates[0] < two.eventRates[1])
        let wide = Self.bin(values, labels, parameters: ScorecardParameters(maxBins: 8, fineBins: 8, minBinShare: 0.4))
        #expect(wide.weights.dropLast().allSatisfy { $0 >= 0.4 * 8 })
    }

    @Test("property: seeded random columns give strictly monotone rates, bounded bins, shares, exact totals")
    func monotoneProperty() {
        var random = SeededGenerator(seed: 0xB1_15, stream: 1)
        for trial in 0..<60 {
            let n = 200 + random.index(below: 2000)
            let direction: RiskDirection = [.increasing, .decreasing, .none][trial % 3]
            let distinct = [3, 10, 1000][random.index(below: 3)]
            let slope = random.normal()
            var values: [Float] = []
            var labels: [Float] = []
            var weights: [Float] = []
            for _ in 0..<n {
                let x = Float(random.index(below: distinct))
                values.append(random.bernoulli(0.1) ? .nan : x)
                let p = 1 / (1 + exp(-(-1.5 + slope * Double(x) / Double(distinct) + 0.8 * random.normal())))
                labels.append(random.bernoulli(p) ? 1 : 0)
                weights.append(random.bernoulli(0.3) ? 0.5 : 1)
            }
            let parameters = ScorecardParameters(
                maxBins: 2 + random.index(below: 6), fineBins: 5 + random.index(below: 30),
                minBinShare: [0, 0.02, 0.1][random.index(below: 3)])
            let binning = Self.bin(values, labels, weights: weights, direction: direction, parameters: parameters)
            let valueBins = binning.bins.valueBinCount
            #expect(valueBins <= parameters.maxBins, "trial \(trial)")
            #expect(binning.counts.reduce(0, +) == n && binning.counts.last == values.filter(\.isNaN).count)
            #expect(abs(binning.weights.reduce(0, +) - weights.reduce(0) { $0 + Double($1) }) < 1e-9)
            let rates = Array(binning.eventRates.prefix(valueBins))
            let sign: Double = binning.direction == .decreasing ? -1 : 1
            for j in 1..<max(1, rates.count) {
                #expect(sign * (rates[j] - rates[j - 1]) > 0, "trial \(trial), bin \(j)")
            }
            if direction != .none { #expect(binning.direction == direction) }
            let total = binning.weights.reduce(0, +)
            if valueBins > 1 {
                for w in binning.weights.prefix(valueBins) { #expect(w >= parameters.minBinShare * total - 1e-9) }
            }
            // Every training value sits in the bin whose statistics count it.
            var counts = [Int](repeating: 0, count: binning.bins.binCount)
            for v in values { counts[binning.bins.bin(of: v)] += 1 }
            #expect(counts == binning.counts, "trial \(trial)")
        }
    }

    @Test("categories: ordered by event rate, small ones pooled, unseen codes in the missing bin")
    func categories() {
        // Codes 0-3 with 40 rows each at rates 0.5, 0.1, 0.3, 0.2; codes 4 and 5 two rows each (pooled).
        var values: [Float] = []
        var labels: [Float] = []
        for (code, hits) in [(0, 20), (1, 4), (2, 12), (3, 8)] {
            for i in 0..<40 {
                values.append(Float(code))
                labels.append(i < hits ? 1 : 0)
            }
        }
        values += [4, 4, 5, 5, .nan]
        labels += [1, 1, 1, 0, 0]
        // With 2% a bin, codes 4 and 5 (1.2% each) are pooled into one bin of rate 0.75, the riskiest.
        let binning = Self.bin(
            values, labels, direction: .none, categorical: 7,
            parameters: ScorecardParameters(maxBins: 10, minBinShare: 0.02))
        #expect(binning.bins == IndicatorBins(categories: [[1], [3], [2], [0], [4, 5]]))
        #expect(binning.bins.bin(of: 6) == binning.bins.missingBin)
        #expect(binning.counts == [40, 40, 40, 40, 4, 1])
        // With 5% a bin the pooled bin (2.4%) is still too small and joins its neighbour, code 0.
        let wider = Self.bin(
            values, labels, direction: .none, categorical: 7,
            parameters: ScorecardParameters(maxBins: 10, minBinShare: 0.05))
        #expect(wider.bins == IndicatorBins(categories: [[1], [3], [2], [0, 4, 5]]))
        #expect(wider.counts == [40, 40, 40, 44, 1])
        // At most two bins: the pair losing the least IV is merged each time, the order kept.
        let two = Self.bin(
            values, labels, direction: .none, categorical: 7,
            parameters: ScorecardParameters(maxBins: 2, minBinShare: 0))
        #expect(two.bins.valueBinCount == 2 && two.eventRates[0] < two.eventRates[1])
    }

    @Test("a constant column is one bin of WOE 0; an all-missing column and one-class labels do not crash")
    func badColumns() {
        let labels: [Float] = (0..<100).map { $0 % 4 == 0 ? 1 : 0 }
        let constant = Self.bin([Float](repeating: 3, count: 100), labels)
        #expect(constant.bins == IndicatorBins(edges: []) && constant.woe == [0, 0] && constant.informationValue == 0)
        #expect(constant.riskScores.first == 0)
        let missing = Self.bin([Float](repeating: .nan, count: 100), labels)
        #expect(missing.bins.valueBinCount == 1 && missing.counts == [0, 100] && missing.woe == [0, 0])
        let oneClass = Self.bin((0..<100).map { Float($0) }, [Float](repeating: 0, count: 100))
        #expect(oneClass.woe.allSatisfy { $0 == 0 } && oneClass.bins.valueBinCount == 1)
        let emptyCategories = Self.bin([Float](repeating: .nan, count: 10), Array(labels.prefix(10)), categorical: 0)
        #expect(emptyCategories.bins.binCount == 1 && emptyCategories.counts == [10])
    }
}
