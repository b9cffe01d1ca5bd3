import Foundation
import Testing

@testable import RiskTraining

@Suite("AHP: principal eigenvector and Saaty's consistency ratio on textbook matrices")
struct AHPTests {
    /// Saaty's "relative wealth of nations" matrix (US, USSR, China, France, UK, Japan, West Germany), published
    /// with λmax = 7.61, weights 0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094 and CR ≈ 0.08.
    static let wealthOfNations: [[Double]] = [
        [1, 4, 9, 6, 6, 5, 5],
        [1.0 / 4, 1, 7, 5, 5, 3, 4],
        [1.0 / 9, 1.0 / 7, 1, 1.0 / 5, 1.0 / 5, 1.0 / 7, 1.0 / 5],
        [1.0 / 6, 1.0 / 5, 5, 1, 1, 1.0 / 3, 1.0 / 3],
        [1.0 / 6, 1.0 / 5, 5, 1, 1, 1.0 / 3, 1.0 / 3],
        [1.0 / 5, 1.0 / 3, 7, 3, 3, 1, 2],
        [1.0 / 5, 1.0 / 4, 5, 3, 3, 1.0 / 2, 1],
    ]

    /// Saaty's light-intensity experiment (four chairs at increasing distance from a light), published with
    /// λmax = 4.39 and weights 0.62, 0.24, 0.10, 0.05: CI = 0.13, CR = 0.14, too inconsistent by the 0.1 rule.
    static let lightIntensity: [[Double]] = [
        [1, 5, 6, 7],
        [1.0 / 5, 1, 4, 6],
        [1.0 / 6, 1.0 / 4, 1, 4],
        [1.0 / 7, 1.0 / 6, 1.0 / 4, 1],
    ]

    @Test("wealth of nations: published weights, λmax and CR")
    func wealthOfNations() throws {
        let result = try AHP.evaluate(Self.wealthOfNations)
        let published = [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094]
        for (got, expected) in zip(result.weights, published) { #expect(abs(got - expected) < 0.001) }
        #expect(abs(result.weights.reduce(0, +) - 1) < 1e-12)
        #expect(abs(result.principalEigenvalue - 7.61) < 0.005)
        #expect(abs(result.consistencyIndex - (result.principalEigenvalue - 7) / 6) < 1e-12)
        #expect(result.randomIndex == 1.32)
        #expect(abs(result.consistencyRatio - 0.077) < 0.001)
    }

    @Test("light intensity: published weights and λmax; CR above 0.1")
    func lightIntensity() throws {
        let result = try AHP.evaluate(Self.lightIntensity)
        for (got, expected) in zip(result.weights, [0.62, 0.24, 0.10, 0.05]) { #expect(abs(got - expected) < 0.006) }
        #expect(abs(result.principalEigenvalue - 4.39) < 0.005)
        #expect(abs(result.consistencyRatio - 0.145) < 0.001)
        #expect(result.consistencyRatio > AHP.consistencyLimit)
    }

    @Test("a consistent matrix a[i][j] = w[i]/w[j] gives back w exactly, λmax = n and CR = 0", arguments: [3, 6, 9])
    func consistent(n: Int) throws {
        let w = (1...n).map { Double($0 * $0) }
        let total = w.reduce(0, +)
        let matrix = w.map { wi in w.map { wi / $0 } }
        let result = try AHP.evaluate(matrix)
        for (got, expected) in zip(result.weights, w) { #expect(abs(got - expected / total) < 1e-12) }
        #expect(abs(result.principalEigenvalue - Double(n)) < 1e-10)
        #expect(abs(result.consistencyRatio) < 1e-10)
    }

    @Test("orders 1 and 2 are always consistent")
    func smallOrders() throws {
        #expect(try AHP.evaluate([[1]]).weights == [1])
        let two = try AHP.evaluate([[1, 3], [1.0 / 3, 1]])
        #expect(abs(two.weights[0] - 0.75) < 1e-12 && two.consistencyRatio == 0)
    }

    @Test("Saaty's random index table")
    func randomIndex() {
        #expect(AHP.randomIndex(order: 3) == 0.58 && AHP.randomIndex(order: 9) == 1.45)
        #expect(AHP.randomIndex(order: 15) == 1.59 && AHP.randomIndex(order: 40) == 1.59)
    }

    @Test("general.yaml's levels have the weights and CR its comments state")
    func generalConfig() throws {
        let config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        let expert = try ExpertWeights(system: config.indicatorSystem, file: "general.yaml")
        for (got, expected) in zip(expert.dimensions.weights, [0.05, 0.15, 0.45, 0.26, 0.09]) {
            #expect(abs(got - expected) < 0.01)
        }
        #expect(abs((expert.dimensions.ahp?.consistencyRatio ?? 1) - 0.006) < 0.001)
        #expect(expert.withinDimensions.map(\.basis) == [.uniform, .direct, .uniform, .ahp, .direct])
        let association = expert.withinDimensions[3]
        for (got, expected) in zip(association.weights, [0.08, 0.15, 0.08, 0.15, 0.15, 0.15, 0.27]) {
            #expect(abs(got - expected) < 0.01)
        }
        #expect(abs(expert.indicators.reduce(0, +) - 1) < 1e-12)
        // Global weight = dimension weight × weight within the dimension (dynamic's annual_report_missing: 0.20).
        let missing = try #require(config.indicatorSystem.indicators.firstIndex { $0.name == "annual_report_missing" })
        #expect(abs(expert.indicators[missing] - expert.dimensions.weights[1] * 0.20) < 1e-12)
    }

    @Test("a matrix with CR > 0.1 is an error naming its key path, its CR and the judgement to revisit")
    func inconsistentMatrixIsAnError() throws {
        let rows = Self.lightIntensity.map { row in
            "        - [" + row.map { $0 >= 1 ? "\(Int($0))" : "1/\(Int((1 / $0).rounded()))" }.joined(separator: ", ")
                + "]"
        }
        let yaml = """
            name: light
            indicator_system:
              dimensions:
                - name: chairs
                  label: 椅子
                  comparisons:
            \(rows.joined(separator: "\n"))
                  indicators:
                    - { name: c1, label: 一, kind: count }
                    - { name: c2, label: 二, kind: count }
                    - { name: c3, label: 三, kind: count }
                    - { name: c4, label: 四, kind: count }
            """
        let config = try ExperimentConfig.load(yaml: yaml, file: "light.yaml")
        #expect {
            try ExpertWeights(system: config.indicatorSystem, file: "light.yaml")
        } throws: { error in
            guard
                case .inconsistentComparisons(let file, let keyPath, let order, _, let ratio, let entry, _, _) =
                    error as? WeightsError
            else { return false }
            let text = String(describing: error)
            return file == "light.yaml" && keyPath == "indicator_system.dimensions[0].comparisons" && order == 4
                && abs(ratio - 0.145) < 0.001 && entry != nil
                && text.hasPrefix("light.yaml: indicator_system.dimensions[0].comparisons: ")
                && text.contains("CR = 0.14") && text.contains(" vs ")
        }
    }
}
