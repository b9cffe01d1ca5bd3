import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("Grade policies: fixed shares, optimised cut-offs and the two-proportion test")
struct CutoffSearchTests {
    @Test(
        "the one-sided pooled two-proportion z test matches scipy",
        arguments: [
            (10, 100, 25, 100, 2.7914526311954124, 0.00262360186955782),
            (30, 1000, 45, 1000, 1.7654696590094991, 0.03874243256632235),
            (12, 40, 5, 40, -1.9131468106118381, 0.972135369735333),
        ])
    func zTest(_ h1: Int, _ n1: Int, _ h2: Int, _ n2: Int, _ z: Double, _ p: Double) {
        let test = TwoProportionTest(hitsLow: h1, inspectionsLow: n1, hitsHigh: h2, inspectionsHigh: n2)
        #expect(abs(test.z - z) < 1e-12 && abs(test.pValue - p) < 1e-12)
        #expect(TwoProportionTest(hitsLow: 0, inspectionsLow: 10, hitsHigh: 0, inspectionsHigh: 10).pValue == 1)
        #expect(TwoProportionTest(hitsLow: 0, inspectionsLow: 0, hitsHigh: 5, inspectionsHigh: 10).pValue == 1)
    }

    /// Outcome classes: as scored, two grades up (capped at D), always D, excluded.
    static let mappings: [[Grade?]] = [
        [.a, .b, .c, .d], [.c, .d, .d, .d], [.d, .d, .d, .d], [nil, nil, nil, nil],
    ]

    /// A small population and random inspections whose hit rate rises with the score.
    static func search(seed: UInt64, flat: Bool = false) -> CutoffSearch {
        var generator = SeededGenerator(seed: seed)
        func outcome() -> Int {
            let u = Double.random(in: 0..<1, using: &generator)
            return u < 0.9 ? 0 : u < 0.94 ? 1 : u < 0.97 ? 2 : 3
        }
        let populationScores = (0..<45).map { _ in (Double.random(in: 0..<1, using: &generator) * 600).rounded() / 2 }
        let populationClasses = populationScores.map { _ in outcome() }
        let inspectionScores = (0..<700).map { _ in Double.random(in: 0..<300, using: &generator) }
        let inspectionClasses = inspectionScores.map { _ in outcome() }
        let hits = inspectionScores.map { score in
            Double.random(in: 0..<1, using: &generator) < (flat ? 0.12 : 0.02 + score / 400)
        }
        return CutoffSearch(
            mappings: mappings, populationScores: populationScores, populationClasses: populationClasses,
            inspectionScores: inspectionScores, inspectionClasses: inspectionClasses, inspectionHits: hits)
    }

    static let minShares = [0.2, 0.1, 0.05, 0.02]
    static let maxShares = [0.7, 0.5, 0.3, 0.2]

    /// Grades every row naively with cut-offs `(b, c, d)`: per grade, enterprises, inspections and hits.
    static func naiveFigures(_ search: CutoffSearch, _ b: Double, _ c: Double, _ d: Double) -> [(Int, Int, Int)] {
        var figures = [(Int, Int, Int)](repeating: (0, 0, 0), count: 4)
        func grade(_ score: Double, _ outcome: Int) -> Grade? {
            let scoreGrade: Grade = score >= d ? .d : score >= c ? .c : score >= b ? .b : .a
            return mappings[outcome][scoreGrade.rank]
        }
        for (score, outcome) in zip(search.populationScores, search.populationClasses) {
            if let g = grade(score, outcome) { figures[g.rank].0 += 1 }
        }
        for i in search.inspectionScores.indices {
            guard let g = grade(search.inspectionScores[i], search.inspectionClasses[i]) else { continue }
            figures[g.rank].1 += 1
            if search.inspectionHits[i] { figures[g.rank].2 += 1 }
        }
        return figures
    }

    /// The naive oracle: every triple of distinct population scores, graded row by row.
    static func naiveOptimum(_ search: CutoffSearch, alpha: Double) -> (GradeCutoffs, Double)? {
        let scores = Array(Set(zip(search.populationScores, search.populationClasses).filter { $0.1 != 3 }.map(\.0)))
            .sorted()
        var best: (GradeCutoffs, Double)?
        for i in scores.indices.dropFirst(0) {
            for j in (i + 1)..<scores.count {
                for k in (j + 1)..<max(j + 1, scores.count) {
                    let figures = naiveFigures(search, scores[i], scores[j], scores[k])
                    let graded = Double(figures.reduce(0) { $0 + $1.0 })
                    let sharesOK = (0..<4).allSatisfy { g in
                        let share = Double(figures[g].0) / graded
                        return share >= minShares[g] - 1e-9 && share <= maxShares[g] + 1e-9
                    }
                    guard sharesOK else { continue }
                    let testsOK = (0..<3).allSatisfy { g in
                        TwoProportionTest(
                            hitsLow: figures[g].2, inspectionsLow: figures[g].1, hitsHigh: figures[g + 1].2,
                            inspectionsHigh: figures[g + 1].1
                        ).pValue < alpha
                    }
                    guard testsOK else { continue }
                    let n = Double(figures.reduce(0) { $0 + $1.1 })
                    let h = Double(figures.reduce(0) { $0 + $1.2 })
                    let between = figures.reduce(0.0) { $0 + Double($1.2) * Double($1.2) / Double($1.1) }
                    let separation = (between - h * h / n) / n
                    if best == nil || separation > best!.1 {
                        best = (GradeCutoffs(b: scores[i], c: scores[j], d: scores[k]), separation)
                    }
                }
            }
        }
        return best
    }

    @Test(
        "optimised cut-offs equal the naive search's, after hard rules, and meet every constraint",
        arguments: [1, 2, 3, 5])
    func optimisedOracle(seed: UInt64) throws {
        let search = Self.search(seed: seed)
        let oracle = Self.naiveOptimum(search, alpha: 0.05)
        let optimum: CutoffSearch.Optimum
        do {
            optimum = try search.optimised(
                minShares: Self.minShares, maxShares: Self.maxShares, alpha: 0.05, population: "2026Q1",
                inspections: "validation_random")
        } catch {
            // The search fails exactly when the naive one finds nothing.
            #expect(oracle == nil, "\(error)")
            return
        }
        let found = try #require(oracle)

        #expect(optimum.cutoffs == found.0)
        #expect(abs(optimum.separation - found.1) < 1e-12)
        let c = optimum.cutoffs
        let figures = Self.naiveFigures(search, c.b, c.c, c.d)
        let graded = Double(figures.reduce(0) { $0 + $1.0 })
        for g in 0..<4 {
            let share = Double(figures[g].0) / graded
            #expect(share >= Self.minShares[g] - 1e-9 && share <= Self.maxShares[g] + 1e-9)
        }
        for g in 0..<3 {
            #expect(Double(figures[g].2) / Double(figures[g].1) < Double(figures[g + 1].2) / Double(figures[g + 1].1))
        }
    }

    @Test("when no cut-offs make rates rise significantly, the error names the grade pair and the fix")
    func infeasible() {
        let search = Self.search(seed: 4, flat: true)
        do {
            _ = try search.optimised(
                minShares: Self.minShares, maxShares: Self.maxShares, alpha: 0.001, population: "2026Q1",
                inspections: "validation_random")
            Issue.record("flat discovery rates cannot pass the tests")
        } catch {
            guard case .ratesNotRising(let lower, let upper, _, _, _, _, let p, let alpha) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(upper.rank == lower.rank + 1 && p >= alpha && alpha == 0.001)
            #expect(error.description.contains("grade \(upper.rawValue)") && error.description.contains("alpha"))
        }
        #expect(throws: GradingError.self) {
            try search.optimised(
                minShares: [0.9, 0.05, 0.03, 0.02], maxShares: [0.95, 0.06, 0.04, 0.03], alpha: 0.05,
                population: "2026Q1", inspections: "validation_random")
        }
    }

    @Test("fixed shares cut the graded population at its score quantiles")
    func fixedShares() throws {
        var generator = SeededGenerator(seed: 9)
        let scores = (0..<1000).map { Double($0) * 0.7 + Double.random(in: 0..<0.5, using: &generator) }.shuffled(
            using: &generator)
        var classes = [Int](repeating: 0, count: 1000)
        for i in 0..<20 { classes[i] = 3 }  // excluded: not part of the shares
        let search = CutoffSearch(
            mappings: Self.mappings, populationScores: scores, populationClasses: classes, inspectionScores: [],
            inspectionClasses: [], inspectionHits: [])
        let cutoffs = try search.fixedShares([0.45, 0.4, 0.1, 0.05], population: "2026Q1")
        let graded = zip(scores, classes).filter { $0.1 != 3 }.map(\.0)
        let counts = Grade.allCases.map { grade in graded.filter { cutoffs.grade(score: $0) == grade }.count }
        #expect(counts == [441, 392, 98, 49])
        #expect(cutoffs.isValid)
        #expect(throws: GradingError.emptyPopulation(quarter: "2026Q1")) {
            try CutoffSearch(
                mappings: Self.mappings, populationScores: [], populationClasses: [], inspectionScores: [],
                inspectionClasses: [], inspectionHits: []
            ).fixedShares([0.25, 0.25, 0.25, 0.25], population: "2026Q1")
        }
    }
}
