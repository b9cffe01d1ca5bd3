import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("Statistics: PSI and CSI, calibration and gains tables")
struct StatisticsTablesTests {
    @Test("decile edges match numpy's inverted-CDF quantiles (weighted too); counts and PSI match the script")
    func stabilityReference() throws {
        let s = try StatisticsReference.load().stability
        #expect(try PopulationStability.quantileEdges(of: s.expected) == s.edges)
        #expect(try PopulationStability.quantileEdges(of: s.expected, weights: s.expectedWeights) == s.weightedEdges)
        let psi = try PopulationStability(expected: s.expected, actual: s.actual, epsilon: s.epsilon)
        #expect(psi.expectedCounts == s.expectedCounts && psi.actualCounts == s.actualCounts)
        #expect(isClose(psi.index, s.psi, 1e-12))
        let weighted = try PopulationStability(
            expected: s.expected, actual: s.actual, expectedWeights: s.expectedWeights)
        #expect(weighted.expectedCounts == s.weightedExpectedCounts && weighted.actualCounts == s.weightedActualCounts)
        #expect(isClose(weighted.index, s.weightedPsi, 1e-12))
        let grades = try PopulationStability(expectedCounts: s.gradeExpected, actualCounts: s.gradeActual)
        #expect(isClose(grades.index, s.gradePsi, 1e-12))
    }

    @Test("PSI(x, x) = 0, PSI is 0 for proportional counts, every term is ≥ 0, and it is symmetric")
    func stabilityInvariants() throws {
        var g = SeededGenerator(seed: 21)
        let sample = (0..<500).map { _ in g.normal() }
        #expect(try PopulationStability(expected: sample, actual: sample).index == 0)
        #expect(try PopulationStability(expectedCounts: [1, 2, 0, 5], actualCounts: [10, 20, 0, 50]).index == 0)
        let shifted = sample.map { $0 + 0.3 }
        let psi = try PopulationStability(expectedCounts: [5, 9, 1, 0, 3], actualCounts: [2, 9, 4, 1, 0])
        #expect(psi.contributions.allSatisfy { $0 >= 0 })
        let swapped = try PopulationStability(expectedCounts: [2, 9, 4, 1, 0], actualCounts: [5, 9, 1, 0, 3])
        #expect(isClose(psi.index, swapped.index, 1e-12))
        #expect(try PopulationStability(expected: sample, actual: shifted).index > 0.05)
    }

    @Test("heavy ties merge edges; bins follow searchsorted(side: left)")
    func edgesAndBins() throws {
        let values: [Double] = [1, 1, 1, 1, 1, 1, 1, 2, 3, 4]
        let edges = try PopulationStability.quantileEdges(of: values)
        #expect(edges == [1, 2, 3])
        #expect(try PopulationStability.binCounts(of: [0, 1, 1.5, 2, 3, 3.5, 9], edges: edges) == [2, 2, 1, 2])
    }

    @Test("CSI: each indicator's PSI in the order given; an error names the indicator")
    func characteristicStability() throws {
        let csi = try PopulationStability.characteristicStability([
            ("penalties_1y", [50, 30, 20], [50, 30, 20]), ("enterprise_type", [10, 80, 10], [30, 60, 10]),
        ])
        #expect(csi.map(\.name) == ["penalties_1y", "enterprise_type"])
        #expect(csi[0].stability.index == 0 && csi[1].stability.index > 0.1)
        #expect {
            try PopulationStability.characteristicStability([("complaints_3m", [1, 2], [1])])
        } throws: { String(describing: $0).contains("complaints_3m: actual counts has 1 values") }
    }

    @Test("the calibration table matches scikit-learn's calibration_curve and statsmodels' Wilson intervals")
    func calibrationReference() throws {
        let reference = try StatisticsReference.load()
        let c = reference.calibration
        let table = try CalibrationTable(probabilities: reference.rows.probabilities, labels: reference.rows.labels)
        #expect(table.rows.map(\.bin) == c.bins)
        #expect(table.rows.map(\.count) == c.counts && table.rows.map(\.hits) == c.hits)
        for (row, k) in zip(table.rows, c.bins.indices) {
            #expect(isClose(row.meanPredicted, c.meanPredicted[k], 1e-12))
            #expect(isClose(row.observedRate, c.observedRate[k], 1e-12))
            #expect(isClose(row.interval.lower, c.wilson[k][0]) && isClose(row.interval.upper, c.wilson[k][1]))
            #expect(row.lower == Double(row.bin) / 10 && isClose(row.upper, Double(row.bin + 1) / 10, 1e-15))
        }
        #expect(table.rows.reduce(0) { $0 + $1.count } == Double(reference.rows.labels.count))
    }

    @Test("the gains table matches the script; capture ends at 1 and rises; lift is rate over the overall rate")
    func gainsReference() throws {
        let reference = try StatisticsReference.load()
        let g = reference.gains
        let table = try GainsTable(scores: reference.rows.first, labels: reference.rows.labels)
        #expect(table.rows.map(\.count) == g.counts && table.rows.map(\.hits) == g.hits)
        for (row, k) in zip(table.rows, g.counts.indices) {
            #expect(isClose(row.cumulativeCapture, g.cumulativeCapture[k], 1e-12))
            #expect(isClose(row.lift, g.lift[k], 1e-12) && isClose(row.cumulativeLift, g.cumulativeLift[k], 1e-12))
        }
        #expect(table.rows.last?.cumulativeCapture == 1 && table.rows.last?.cumulativeShare == 1)
        #expect(zip(table.rows, table.rows.dropFirst()).allSatisfy { $0.lowestScore > $1.highestScore })
    }

    @Test("bad input is a typed error")
    func badInput() {
        let calls: [() throws -> Any] = [
            { try PopulationStability(expectedCounts: [], actualCounts: []) },
            { try PopulationStability(expectedCounts: [1, 2], actualCounts: [1]) },
            { try PopulationStability(expectedCounts: [1, -2], actualCounts: [1, 2]) },
            { try PopulationStability(expectedCounts: [0, 0], actualCounts: [1, 2]) },
            { try PopulationStability(expectedCounts: [1, 2], actualCounts: [1, 2], epsilon: 0) },
            { try PopulationStability(expected: [1, .nan], actual: [1, 2]) },
            { try PopulationStability(expected: [1, 2], actual: [.infinity]) },
            { try PopulationStability(expected: [1, 2], actual: [1], bins: 1) },
            { try PopulationStability(expected: [1, 2], actual: [1], bins: Int.max) },
            { try CalibrationTable(probabilities: [0.1, 0.2], labels: [0, 1], bins: Int.max) },
            { try PopulationStability(expected: [1, 2], actual: [1], expectedWeights: [1, 0]) },
            { try CalibrationTable(probabilities: [0.1, 1.1], labels: [0, 1]) },
            { try CalibrationTable(probabilities: [0.1, 0.2], labels: [0, 1], bins: 0) },
            { try GainsTable(scores: [1, 2, 3], labels: [0, 0, 0]) },
            { try GainsTable(scores: [1, 2, 3], labels: [0, 1]) },
        ]
        for call in calls {
            #expect(throws: StatisticsError.self) { _ = try call() }
        }
    }
}

@Suite("Statistics: grade migration and inspection efficiency")
struct StatisticsMigrationTests {
    @Test("the migration matrix counts each enterprise in its cell; rows and the whole sum to the population")
    func migration() throws {
        let before: [Grade?] = [.a, .a, .b, .c, .d, nil, .a, .d]
        let after: [Grade?] = [.a, .b, .b, .d, nil, nil, .a, .d]
        let matrix = try GradeMigration(before: before, after: after)
        #expect(matrix.count(from: .a, to: .a) == 2 && matrix.count(from: .a, to: .b) == 1)
        #expect(matrix.count(from: .d, to: nil) == 1 && matrix.count(from: nil, to: nil) == 1)
        #expect(matrix.total == 8 && matrix.counts.joined().reduce(0, +) == 8)
        #expect(matrix.rowShares[0] == [2.0 / 3, 1.0 / 3, 0, 0, 0] && matrix.rowShares[2] == [0, 0, 0, 1, 0])
        #expect(matrix.stableShare == 5.0 / 8)
    }

    @Test("random grades: the matrix equals a set-based count, weighted, and row shares sum to 1", arguments: [1, 2])
    func migrationOracle(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let categories = GradeMigration.categories
        let before = (0..<300).map { _ in categories[g.index(below: 5)] }
        let after = (0..<300).map { _ in categories[g.index(below: 5)] }
        let weights = (0..<300).map { _ in Double(1 + g.index(below: 4)) }
        let matrix = try GradeMigration(before: before, after: after, weights: weights)
        for (f, from) in categories.enumerated() {
            for (t, to) in categories.enumerated() {
                let expected = before.indices.filter { before[$0] == from && after[$0] == to }.reduce(0) {
                    $0 + weights[$1]
                }
                #expect(matrix.counts[f][t] == expected)
            }
            #expect(isClose(matrix.rowShares[f].reduce(0, +), 1, 1e-12))
        }
        #expect(matrix.total == weights.reduce(0, +))
    }

    @Test("migration input errors: empty, mismatched, bad weights")
    func migrationErrors() {
        #expect(throws: StatisticsError.self) { try GradeMigration(before: [], after: []) }
        #expect(throws: StatisticsError.self) { try GradeMigration(before: [.a], after: [.a, .b]) }
        #expect(throws: StatisticsError.self) { try GradeMigration(before: [.a], after: [.b], weights: [.nan]) }
    }

    static func strata(_ e: StatisticsReference.Efficiency) -> [InspectionEfficiency.Stratum] {
        Grade.allCases.map { grade in
            InspectionEfficiency.Stratum(
                grade: grade, enterprises: e.enterprises[grade.rank], samplingRatio: e.samplingRatios[grade.rank],
                inspections: e.inspections[grade.rank], hits: e.hits[grade.rank])
        }
    }

    @Test("inspection efficiency matches the script's delta-method figures")
    func efficiencyReference() throws {
        let e = try StatisticsReference.load().efficiency
        let result = try InspectionEfficiency(strata: Self.strata(e))
        #expect(isClose(result.budget, e.budget, 1e-12) && isClose(result.uniformRatio, e.uniformRatio, 1e-12))
        let pairs: [(Double, Double)] = [
            (result.stratifiedPerThousand, e.stratifiedPer1000), (result.uniformPerThousand, e.uniformPer1000),
            (result.extraPerThousand, e.extraPer1000), (result.ratio, e.ratio),
            (result.stratifiedInterval.lower, e.stratifiedInterval[0]),
            (result.stratifiedInterval.upper, e.stratifiedInterval[1]),
            (result.uniformInterval.lower, e.uniformInterval[0]), (result.uniformInterval.upper, e.uniformInterval[1]),
            (result.extraInterval.lower, e.extraInterval[0]), (result.extraInterval.upper, e.extraInterval[1]),
            (result.ratioInterval.lower, e.ratioInterval[0]), (result.ratioInterval.upper, e.ratioInterval[1]),
        ]
        for (actual, expected) in pairs { #expect(isClose(actual, expected)) }
        #expect(result.ratioInterval.contains(result.ratio) && result.extraInterval.contains(result.extraPerThousand))
    }

    @Test("equal discovery rates give no gain; equal ratios make the programmes the same")
    func efficiencyKnownAnswers() throws {
        let flat = try InspectionEfficiency(strata: [
            .init(grade: .a, enterprises: 900, samplingRatio: 0.01, inspections: 100, hits: 10),
            .init(grade: .d, enterprises: 100, samplingRatio: 0.3, inspections: 50, hits: 5),
        ])
        #expect(isClose(flat.ratio, 1, 1e-12) && isClose(flat.stratifiedPerThousand, 100, 1e-12))
        let uniform = try InspectionEfficiency(strata: [
            .init(grade: .a, enterprises: 900, samplingRatio: 0.05, inspections: 100, hits: 5),
            .init(grade: .d, enterprises: 100, samplingRatio: 0.05, inspections: 50, hits: 25),
        ])
        #expect(isClose(uniform.ratio, 1, 1e-12) && isClose(uniform.budget, 50, 1e-12))
        #expect(isClose(uniform.uniformPerThousand, 1000 * (0.9 * 0.05 + 0.1 * 0.5), 1e-12))
        #expect(uniform.extraInterval.lower == 0 && uniform.extraInterval.upper == 0)
    }

    @Test("the delta-method standard errors agree with a seeded simulation of the grades' binomial hits")
    func efficiencySimulation() throws {
        let e = try StatisticsReference.load().efficiency
        let strata = Self.strata(e)
        let result = try InspectionEfficiency(strata: strata)
        var g = SeededGenerator(seed: 77)
        var stratified: [Double] = []
        var ratios: [Double] = []
        for _ in 0..<800 {
            let drawn = strata.map { stratum in
                var hits = 0.0
                for _ in 0..<Int(stratum.inspections) where g.uniform() < stratum.hits / stratum.inspections {
                    hits += 1
                }
                var copy = stratum
                copy.hits = hits
                return copy
            }
            let simulated = try InspectionEfficiency(strata: drawn)
            stratified.append(simulated.stratifiedPerThousand)
            ratios.append(log(simulated.ratio))
        }
        func sd(_ x: [Double]) -> Double {
            let mean = x.reduce(0, +) / Double(x.count)
            return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
        }
        let z = ConfidenceInterval.z(level: 0.95)
        let deltaStratified = (result.stratifiedInterval.upper - result.stratifiedPerThousand) / z
        let deltaLogRatio = log(result.ratioInterval.upper / result.ratio) / z
        // 800 draws estimate a standard deviation to about ±2.5%; the delta method is a first-order approximation.
        #expect(abs(sd(stratified) / deltaStratified - 1) < 0.1)
        #expect(abs(sd(ratios) / deltaLogRatio - 1) < 0.1)
    }

    @Test("efficiency input errors: no strata, bad ratio, hits above inspections, a grade twice, no hits")
    func efficiencyErrors() {
        let ok = InspectionEfficiency.Stratum(grade: .a, enterprises: 10, samplingRatio: 0.1, inspections: 5, hits: 1)
        var badRatio = ok
        badRatio.samplingRatio = 1.5
        var badHits = ok
        badHits.hits = 6
        var noHits = ok
        noHits.hits = 0
        var badPopulation = ok
        badPopulation.enterprises = .nan
        for strata in [[], [badRatio], [badHits], [ok, ok], [noHits], [badPopulation]] {
            #expect(throws: StatisticsError.self) { try InspectionEfficiency(strata: strata) }
        }
        #expect(throws: StatisticsError.self) { try InspectionEfficiency(strata: [ok], level: 0) }
    }
}
