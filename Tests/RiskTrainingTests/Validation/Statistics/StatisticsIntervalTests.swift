import Foundation
import Testing

@testable import RiskTraining

@Suite("Statistics: binomial intervals, Newcombe's difference, normal and beta functions")
struct StatisticsIntervalTests {
    @Test("Wilson, continuity-corrected Wilson and Clopper-Pearson match statsmodels to 1e-12")
    func binomialReference() throws {
        for case let c in try StatisticsReference.load().binomial {
            let wilson = try BinomialInterval.wilson(successes: c.successes, trials: c.trials, level: c.level)
            let corrected = try BinomialInterval.wilson(
                successes: c.successes, trials: c.trials, level: c.level, continuityCorrection: true)
            let exact = try BinomialInterval.clopperPearson(successes: c.successes, trials: c.trials, level: c.level)
            for (interval, expected) in [(wilson, c.wilson), (corrected, c.wilsonCc), (exact, c.clopperPearson)] {
                #expect(
                    isClose(interval.lower, expected[0], 1e-12) && isClose(interval.upper, expected[1], 1e-12),
                    "\(c.successes)/\(c.trials) at \(c.level): \(interval) vs \(expected)")
            }
        }
    }

    @Test("Newcombe's (1998) published Wilson intervals, with and without continuity correction, to 4 decimals")
    func publishedValues() throws {
        // Newcombe, Statistics in Medicine 17:857-872, Table I (methods 3 and 4).
        let published: [(k: Double, n: Double, wilson: [Double], corrected: [Double])] = [
            (81, 263, [0.2553, 0.3662], [0.2535, 0.3682]), (15, 148, [0.0624, 0.1605], [0.0598, 0.1644]),
            (0, 20, [0, 0.1611], [0, 0.2005]), (1, 29, [0.0061, 0.1718], [0.0018, 0.1963]),
        ]
        for row in published {
            let w = try BinomialInterval.wilson(successes: row.k, trials: row.n)
            let c = try BinomialInterval.wilson(successes: row.k, trials: row.n, continuityCorrection: true)
            #expect(abs(w.lower - row.wilson[0]) < 5e-5 && abs(w.upper - row.wilson[1]) < 5e-5)
            #expect(abs(c.lower - row.corrected[0]) < 5e-5 && abs(c.upper - row.corrected[1]) < 5e-5)
        }
        // Newcombe, Statistics in Medicine 17:873-890: 56/70 − 48/80, method 10, 0.0524 to 0.3339.
        let d = try ProportionDifference.newcombe(successes1: 56, trials1: 70, successes2: 48, trials2: 80)
        #expect(abs(d.interval.lower - 0.0524) < 5e-5 && abs(d.interval.upper - 0.3339) < 5e-5)
    }

    @Test("Clopper-Pearson at k = 0 and k = n is the closed form (α/2)^(1/n)")
    func clopperPearsonEdges() throws {
        for n in [1.0, 2, 7, 50, 1000] {
            for level in [0.9, 0.95, 0.99] {
                let edge = pow((1 - level) / 2, 1 / n)
                let none = try BinomialInterval.clopperPearson(successes: 0, trials: n, level: level)
                let all = try BinomialInterval.clopperPearson(successes: n, trials: n, level: level)
                #expect(none.lower == 0 && none.upper == 1 - edge)
                #expect(all.lower == edge && all.upper == 1)
            }
        }
    }

    @Test("intervals contain the estimate; Clopper-Pearson contains Wilson for n ≤ 45; correction widens Wilson")
    func invariants() throws {
        for n in 1...45 {
            for k in 0...n {
                let (kk, nn) = (Double(k), Double(n))
                let p = kk / nn
                let wilson = try BinomialInterval.wilson(successes: kk, trials: nn)
                let corrected = try BinomialInterval.wilson(successes: kk, trials: nn, continuityCorrection: true)
                let exact = try BinomialInterval.clopperPearson(successes: kk, trials: nn)
                #expect(wilson.contains(p) && corrected.contains(p) && exact.contains(p), "\(k)/\(n)")
                #expect(exact.lower <= wilson.lower + 1e-15 && wilson.upper <= exact.upper + 1e-15, "\(k)/\(n)")
                #expect(corrected.contains(wilson), "\(k)/\(n)")
                #expect(0 <= exact.lower && exact.upper <= 1)
            }
        }
    }

    @Test("Clopper-Pearson inverts the incomplete beta function: I_lower(k, n−k+1) = α/2")
    func clopperPearsonRoundTrip() throws {
        for (k, n) in [(3.0, 10.0), (40, 2203), (2, 1_000_000), (499_999, 1_000_000)] {
            let interval = try BinomialInterval.clopperPearson(successes: k, trials: n)
            let lowerTail = try #require(BetaDistribution.regularizedIncompleteBeta(interval.lower, k, n - k + 1))
            let upperTail = try #require(BetaDistribution.regularizedIncompleteBeta(1 - interval.upper, n - k, k + 1))
            #expect(isClose(lowerTail, 0.025, 1e-9) && isClose(upperTail, 0.025, 1e-9), "\(k)/\(n)")
        }
        // At n = 10⁸ the prefactor keeps about √n · 1e-16 relative error, as documented.
        let huge = try BinomialInterval.clopperPearson(successes: 12_000_000, trials: 100_000_000)
        let tail = try #require(BetaDistribution.regularizedIncompleteBeta(huge.lower, 12_000_000, 88_000_001))
        #expect(isClose(tail, 0.025, 1e-11) && huge.contains(0.12) && huge.upper - huge.lower < 1.3e-4)
    }

    @Test("Newcombe's difference matches statsmodels' confint_proportions_2indep(method: newcomb)")
    func newcombeReference() throws {
        for c in try StatisticsReference.load().newcombe {
            let d = try ProportionDifference.newcombe(
                successes1: c.successes1, trials1: c.trials1, successes2: c.successes2, trials2: c.trials2,
                level: c.level)
            #expect(isClose(d.difference, c.difference, 1e-12))
            #expect(isClose(d.interval.lower, c.interval[0]) && isClose(d.interval.upper, c.interval[1]))
            #expect(d.interval.contains(d.difference))
        }
    }

    @Test("normal quantile and CDF match scipy; the quantile inverts the CDF")
    func normalReference() throws {
        let normal = try StatisticsReference.load().normal
        for (p, expected) in zip(normal.p, normal.quantile) {
            #expect(isClose(NormalDistribution.quantile(p), expected, 1e-13), "Φ⁻¹(\(p))")
        }
        for (x, expected) in zip(normal.x, normal.cdf) {
            #expect(isClose(NormalDistribution.cdf(x), expected, 1e-13), "Φ(\(x))")
        }
        #expect(NormalDistribution.quantile(0) == -.infinity && NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(1.5).isNaN)
        #expect(isClose(ConfidenceInterval.z(level: 0.95), 1.959963984540054, 1e-15))
    }

    @Test("the regularised incomplete beta function and its inverse match scipy")
    func betaReference() throws {
        let reference = try StatisticsReference.load()
        for c in reference.beta {
            let value = try #require(BetaDistribution.regularizedIncompleteBeta(c.x, c.a, c.b))
            #expect(isClose(value, c.value, 1e-13), "I_\(c.x)(\(c.a), \(c.b))")
        }
        for c in reference.betaQuantile {
            let value = try #require(BetaDistribution.quantile(c.p, c.a, c.b))
            #expect(isClose(value, c.value, 1e-12), "B⁻¹(\(c.p); \(c.a), \(c.b))")
        }
    }

    @Test("bad counts and levels are typed errors naming the argument")
    func badInput() {
        let calls: [() throws -> Any] = [
            { try BinomialInterval.wilson(successes: 3, trials: 0) },
            { try BinomialInterval.wilson(successes: 5, trials: 4) },
            { try BinomialInterval.wilson(successes: -1, trials: 4) },
            { try BinomialInterval.wilson(successes: .nan, trials: 4) },
            { try BinomialInterval.clopperPearson(successes: 1, trials: .infinity) },
            { try BinomialInterval.clopperPearson(successes: 1, trials: 4, level: 1) },
            { try BinomialInterval.clopperPearson(successes: 1, trials: 4, level: 0) },
            { try BinomialInterval.wilson(successes: 1, trials: 4, level: .nan) },
            { try ProportionDifference.newcombe(successes1: 1, trials1: 4, successes2: 9, trials2: 4) },
        ]
        for call in calls {
            #expect(throws: StatisticsError.self) { _ = try call() }
        }
        #expect { try BinomialInterval.wilson(successes: 1, trials: 4, level: 95) } throws: {
            String(describing: $0).contains("level is 95.0; it must be strictly between 0 and 1")
        }
        #expect { try ProportionDifference.newcombe(successes1: 1, trials1: 4, successes2: 9, trials2: 4) } throws: {
            String(describing: $0).contains("second successes")
        }
    }
}
