import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("ModelValidation: discovery by grade on random inspections, targeted apart, breakdowns, efficiency")
struct ModelValidationTests {
    /// Rows with given (grade, kind, label, region) and a score rising with the grade.
    static func rows(_ spec: [(Grade?, InspectionKind?, Double?, String, Int)]) -> [ValidationRow] {
        spec.flatMap { grade, kind, label, region, count in
            (0..<count).map { i in
                let base = Double(grade?.rank ?? 0) * 250
                let score = base + Double(i % 200) + (label == 1 ? 40 : 0)
                return ValidationRow(
                    probability: min(0.99, score / 1000 + 0.005), score: score, grade: grade, label: label, kind: kind,
                    groups: [region])
            }
        }
    }

    @Test("per-grade counts, rates, intervals and lifts are the hand counts; targeted rows never mix in")
    func counts() throws {
        let rows = Self.rows([
            (.a, .random, 0, "x", 95), (.a, .random, 1, "x", 5),
            (.b, .random, 0, "x", 45), (.b, .random, 1, "x", 5),
            (.c, .random, 0, "y", 16), (.c, .random, 1, "y", 4),
            (.d, .random, 0, "y", 5), (.d, .random, 1, "y", 5),
            (.a, .targeted, 1, "x", 30), (.d, .targeted, 0, "y", 30),
            (.b, nil, nil, "x", 100), (nil, .random, 1, "y", 7),
        ])
        let v = try ModelValidation(
            model: "m", data: "t.csv", quarters: ["2026Q1"], rows: rows, groupColumns: ["region"])
        #expect(v.rows == rows.count && v.excluded == 7)
        #expect(v.random.grades.map(\.inspections) == [100, 50, 20, 10])
        #expect(v.random.grades.map(\.hits) == [5, 5, 4, 5])
        #expect(v.random.grades.map(\.enterprises) == [130, 150, 20, 40])
        #expect(v.random.inspections == 180 && v.random.hits == 19)
        #expect(v.random.grades.map(\.discoveryRate) == [0.05, 0.1, 0.2, 0.5])
        #expect(abs(v.random.grades[3].lift - 0.5 / (19.0 / 180)) < 1e-12)
        #expect(v.random.monotone && abs(v.random.dOverA - 10) < 1e-12)
        let wilson = try BinomialInterval.wilson(successes: 4, trials: 20)
        #expect(v.random.grades[2].wilson == wilson)
        let clopperPearson = try BinomialInterval.clopperPearson(successes: 4, trials: 20)
        #expect(v.random.grades[2].clopperPearson == clopperPearson)
        // A→B: 5% vs 10% on 100 and 50 inspections is not significant; the D step is.
        #expect(v.random.steps.map(\.rises) == [true, true, true])
        #expect(v.random.steps[0].significant == false)
        // Targeted rows: A 30/30 hits and D 0/30, reported apart.
        #expect(v.targeted.grades.map(\.inspections) == [30, 0, 0, 30])
        #expect(v.targeted.grades[0].discoveryRate == 1 && !v.targeted.monotone)
        // Breakdown: region x holds A and B, y holds C and D (and the excluded row).
        let regions = try #require(v.breakdowns.first)
        #expect(regions.groups.map(\.value) == ["x", "y"])
        #expect(regions.groups.map(\.discovery.inspections) == [150, 30])
        #expect(regions.groups.allSatisfy { $0.breaks.isEmpty })
        // The efficiency simulation: stratified hits per 1,000 = Σ s_g p_g with s_g = r_g N_g / B.
        let efficiency = try #require(v.efficiency)
        let n = [130.0, 150, 20, 40], r = [0.01, 0.02, 0.10, 0.30], p = [0.05, 0.1, 0.2, 0.5]
        let budget = zip(n, r).map(*).reduce(0, +)
        let stratified = (0..<4).map { r[$0] * n[$0] / budget * p[$0] }.reduce(0, +)
        #expect(abs(efficiency.stratifiedPerThousand - 1000 * stratified) < 1e-9)
        #expect(v.sampling == r)
    }

    @Test("a falling step breaks the order, is flagged per group, and the figures are the statistics library's")
    func breaks() throws {
        let rows = Self.rows([
            (.a, .random, 0, "x", 90), (.a, .random, 1, "x", 10),
            (.b, .random, 0, "x", 95), (.b, .random, 1, "x", 5),
            (.c, .random, 0, "x", 70), (.c, .random, 1, "x", 30),
            (.d, .random, 0, "x", 50), (.d, .random, 1, "x", 50),
            (.a, .random, 0, "y", 70), (.a, .random, 1, "y", 30),
            (.b, .random, 0, "y", 95), (.b, .random, 1, "y", 5),
        ])
        let v = try ModelValidation(
            model: "m", data: "t.csv", quarters: ["2026Q1"], rows: rows, groupColumns: ["region"])
        #expect(!v.random.monotone)
        #expect(v.random.steps.map(\.rises) == [false, true, true])
        // 10% → 5% on 100 inspections each falls within noise; 30% → 5% in group y breaks the order.
        #expect(v.breakdowns[0].groups[0].falls == ["A>B"] && v.breakdowns[0].groups[0].breaks.isEmpty)
        #expect(v.breakdowns[0].groups[1].breaks == ["A>B"])
        let random = rows.filter { $0.kind == .random }
        let figures = try #require(v.figures)
        let labels = random.map { $0.label ?? 0 }
        let auc = try AUCEstimate.delong(scores: random.map(\.score), labels: labels)
        let brier = try Discrimination.brier(probabilities: random.map(\.probability), labels: labels)
        #expect(figures.auc == auc && figures.brier == brier)
        // The Markdown names the break and states the order fails, in either language.
        #expect(v.markdown().contains("do NOT rise strictly"))
        #expect(v.markdown(language: .chinese).contains("未能自 A 至 D 严格递增"))
    }
}
