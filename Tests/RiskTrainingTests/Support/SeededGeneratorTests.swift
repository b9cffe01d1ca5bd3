import Foundation
import Testing

@testable import RiskTraining

@Suite("SeededGenerator: reproducible streams and distributions")
struct SeededGeneratorTests {
    @Test("the same seed and stream give the same numbers; other streams differ")
    func streams() {
        var a = SeededGenerator(seed: 42, stream: 1, 2)
        var b = SeededGenerator(seed: 42, stream: 1, 2)
        var c = SeededGenerator(seed: 42, stream: 2, 1)
        var d = SeededGenerator(seed: 43, stream: 1, 2)
        let first = (0..<16).map { _ in a.next() }
        #expect(first == (0..<16).map { _ in b.next() })
        #expect(first != (0..<16).map { _ in c.next() })
        #expect(first != (0..<16).map { _ in d.next() })
    }

    @Test("uniform draws lie in [0, 1) with mean 1/2 and variance 1/12")
    func uniform() {
        var g = SeededGenerator(seed: 1)
        let n = 200_000
        let xs = (0..<n).map { _ in g.uniform() }
        #expect(xs.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        // Standard errors: 0.00065 for the mean, 0.00019 for the variance; allow about 5 of them.
        #expect(abs(mean - 0.5) < 0.0035)
        #expect(abs(variance - 1.0 / 12) < 0.001)
    }

    @Test("normal draws have mean 0 and variance 1", arguments: [3 as UInt64, 9])
    func normal(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let n = 200_000
        let xs = (0..<n).map { _ in g.normal() }
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        #expect(abs(mean) < 0.012)
        #expect(abs(variance - 1) < 0.02)
    }

    @Test("Poisson draws have mean and variance λ", arguments: [0.02, 0.7, 4.0, 45.0])
    func poisson(lambda: Double) {
        var g = SeededGenerator(seed: 5, stream: UInt64(lambda * 100))
        let n = 100_000
        let xs = (0..<n).map { _ in Double(g.poisson(lambda)) }
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        let standardError = (lambda / Double(n)).squareRoot()
        #expect(abs(mean - lambda) < 5 * standardError + 1e-9)
        #expect(abs(variance - lambda) < 0.05 * lambda + 0.001)
    }

    @Test("weighted index draws follow the weights")
    func weightedIndex() {
        var g = SeededGenerator(seed: 8)
        let weights = [0.1, 0.6, 0.3]
        let cumulative = ProvinceCatalog.cumulative(weights)
        var counts = [0, 0, 0]
        for _ in 0..<100_000 { counts[g.index(cumulativeWeights: cumulative)] += 1 }
        for (count, weight) in zip(counts, weights) { #expect(abs(Double(count) / 100_000 - weight) < 0.006) }
    }

    @Test("index(below:) stays in range and hits every value")
    func bounded() {
        var g = SeededGenerator(seed: 2)
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            let i = g.index(below: 7)
            #expect((0..<7).contains(i))
            seen.insert(i)
        }
        #expect(seen.count == 7)
    }
}

@Suite("Parallel.map")
struct ParallelTests {
    @Test("returns results in task order for any thread count", arguments: [0, 1, 2, 5])
    func order(threads: Int) {
        let results = Parallel.map(1000, threads: threads) { $0 * $0 }
        #expect(results == (0..<1000).map { $0 * $0 })
        #expect(Parallel.map(0, threads: threads) { $0 }.isEmpty)
    }
}
