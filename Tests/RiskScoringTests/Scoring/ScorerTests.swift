import Dispatch
import Foundation
import Testing

@testable import RiskScoring

@Suite("Scorer: one record, a batch, reason codes, grades")
struct ScorerTests {
    let model = ScoringFixtures.model
    var scorer: Scorer { Scorer(model: model) }
    var ensemble: TreeEnsemble {
        guard case .trees(let ensemble) = model.body else { preconditionFailure("a tree model") }
        return ensemble
    }

    @Test("fields read by the model's rules; margins bitwise the ensemble's single-row evaluator")
    func marginsMatchTheEvaluator() throws {
        let records = ScoringFixtures.records(300)
        let batch = try scorer.score(columns: ScoringFixtures.columns(records), reasons: 0)
        #expect(batch.rejected.isEmpty)
        #expect(batch.inputRows == Array(0..<300))
        for (i, record) in records.enumerated() {
            let row = ScoringFixtures.row(record, model: model)
            let margin = ensemble.margin(row)
            #expect(batch.rows.margins[i].bitPattern == margin.bitPattern, "row \(i)")
            let p = TreeEnsemble.logistic(margin)
            #expect(batch.rows.probabilities[i].bitPattern == p.bitPattern)
            #expect(batch.rows.scores[i] == 1000 * p)
        }
    }

    @Test("one record scores bitwise as its row in a batch, reason codes and all")
    func recordEqualsBatchRow() throws {
        let records = ScoringFixtures.records(120, seed: 9)
        let columns = ScoringFixtures.columns(records)
        let batch = try scorer.score(columns: columns, reasons: 3, threads: 2)
        for (i, record) in records.enumerated() {
            let single = try scorer.score(record, reasons: 3)
            let fromBatch = scorer.record(batch, index: i)
            #expect(single.margin.bitPattern == fromBatch.margin.bitPattern)
            #expect(single == fromBatch, "record \(i)")
        }
    }

    @Test("typed values score as their text; an absent indicator is missing")
    func typedValues() throws {
        let text = try scorer.score(
            ["years_established": "0.3", "penalties_1y": "", "serious_dishonesty": "0", "region_code": "3207"])
        let typed = try scorer.score(values: [
            "years_established": .number(0.3), "serious_dishonesty": .number(0), "region": .text("3207"),
        ])
        #expect(typed.margin.bitPattern == text.margin.bitPattern)
        #expect(typed.reasons.map(\.indicator) == text.reasons.map(\.indicator))
        // A category code given as a number reads as that code.
        let code = try scorer.score(values: [
            "years_established": .number(0.3), "serious_dishonesty": .number(0), "region": .number(7),
        ])
        #expect(code.margin.bitPattern == text.margin.bitPattern)
    }

    @Test("missing policies: allowed → NaN routed by the trees, zero → 0, error → rejected naming the indicator")
    func missingPolicies() throws {
        let base = [
            "years_established": "0.5", "penalties_1y": "0.2", "serious_dishonesty": "0", "region_code": "3201",
        ]
        var record = base
        record["years_established"] = ""
        let allowed = try scorer.score(record, reasons: 0)
        #expect(allowed.margin.bitPattern == ensemble.margin([.nan, 0.2, 0, 1]).bitPattern)
        record = base
        record["penalties_1y"] = ""
        let zero = try scorer.score(record, reasons: 0)
        #expect(zero.margin.bitPattern == ensemble.margin([0.5, 0, 0, 1]).bitPattern)
        var strict = model
        strict.features[0].missing = .error
        record = base
        record["years_established"] = ""
        #expect(throws: RowRejection(.missingValue, indicator: "years_established", column: "years_established")) {
            try Scorer(model: strict).score(record)
        }
    }

    @Test("unseen categories score as missing; bad numbers and out-of-range values are rejected with the reason")
    func valueChecks() throws {
        let base = [
            "years_established": "0.5", "penalties_1y": "0.2", "serious_dishonesty": "0", "region_code": "3201",
        ]
        var record = base
        record["region_code"] = "不在词表"
        #expect(try scorer.score(record).margin.bitPattern == ensemble.margin([0.5, 0.2, 0, .nan]).bitPattern)
        record = base
        record["penalties_1y"] = "n/a"
        #expect(throws: RowRejection(.invalidNumber(found: "n/a"), indicator: "penalties_1y", column: "penalties_1y")) {
            try scorer.score(record)
        }
        record = base
        record["penalties_1y"] = "101"
        #expect(
            throws: RowRejection(
                .outOfRange(found: "101", range: "[0, 100]"), indicator: "penalties_1y", column: "penalties_1y")
        ) { try scorer.score(record) }
        record = base
        record["years_established"] = "1e39"
        #expect(throws: RowRejection.self) { try scorer.score(record) }
        // A batch rejects the row and scores the others.
        var records = ScoringFixtures.records(5)
        records[2]["penalties_1y"] = "-1"
        let batch = try scorer.score(columns: ScoringFixtures.columns(records))
        #expect(batch.inputRows == [0, 1, 3, 4])
        #expect(batch.rejected.map(\.row) == [2])
        #expect(batch.rejected.first?.rejection.indicator == "penalties_1y")
    }

    @Test("a batch without a feature's column is refused, naming it")
    func missingColumn() throws {
        var columns = ScoringFixtures.columns(ScoringFixtures.records(3))
        columns["region_code"] = nil
        #expect(throws: ScoringError.missingColumns(missing: ["region"], available: columns.keys.sorted())) {
            try scorer.score(columns: columns)
        }
    }

    @Test("reason codes: contributions sum to the margin; the positive ones, largest first, k at most")
    func reasonCodes() throws {
        let records = ScoringFixtures.records(200, seed: 21)
        let batch = try scorer.score(columns: ScoringFixtures.columns(records), reasons: 2)
        let width = model.features.count
        var listed = 0
        for (i, record) in records.enumerated() {
            let row = ScoringFixtures.row(record, model: model)
            // The oracle: the single-row TreeSHAP of the ensemble, sorted by hand.
            var phi = [Double](repeating: 0, count: width)
            let bias = ensemble.contributions(row, into: &phi)
            let margin = batch.rows.margins[i]
            #expect(abs(bias + phi.reduce(0, +) - margin) <= 1e-9 * max(1, abs(margin)), "row \(i)")
            // The batch path is exact TreeSHAP too, summed in another order: equal up to rounding.
            let contributions = Array(batch.rows.contributions[i * width..<(i + 1) * width])
            for f in 0..<width {
                #expect(abs(contributions[f] - phi[f]) <= 1e-12 * max(1, abs(phi[f])), "row \(i), feature \(f)")
            }
            // Reasons: the positive batch contributions, largest first, ties in feature order, at most 2.
            let expected = contributions.indices.filter { contributions[$0] > 0 }
                .sorted { contributions[$0] > contributions[$1] || (contributions[$0] == contributions[$1] && $0 < $1) }
                .prefix(2)
            let reasons = (0..<batch.rows.reasonCount(row: i)).map { batch.rows.reason(row: i, $0) }
            #expect(reasons.map(\.feature) == Array(expected), "row \(i)")
            #expect(reasons.map(\.contribution) == expected.map { contributions[$0] })
            listed += reasons.count
        }
        #expect(listed > 100, "the fixture must exercise reason codes")
    }

    @Test("a reason code names the indicator, its direction and the raw value that caused it")
    func reasonValues() throws {
        let records = ScoringFixtures.records(60, seed: 3)
        for record in records {
            let scored = try scorer.score(record, reasons: 4)
            for reason in scored.reasons {
                let feature = model.features[reason.feature]
                #expect(reason.indicator == feature.name && reason.direction == feature.direction)
                let raw = record[feature.column] ?? ""
                if feature.kind == .categorical {
                    #expect(reason.value == (feature.vocabulary.contains(raw) ? raw : nil))
                } else if raw.isEmpty {
                    #expect(reason.value == (feature.missing == .zero ? "0" : nil))
                } else {
                    #expect(reason.value.flatMap { Float($0) } == Float(raw))
                }
                #expect(reason.contribution > 0)
            }
        }
    }

    @Test("grades: the cut-offs, then the hard rules in order; exclude wins")
    func hardRules() throws {
        let base = [
            "years_established": "0.5", "penalties_1y": "0.2", "serious_dishonesty": "0", "region_code": "3201",
        ]
        let plain = try scorer.score(base)
        #expect(plain.scoreGrade == model.grading.cutoffs.grade(score: plain.score))
        #expect(plain.grade == plain.scoreGrade && plain.hardRule == nil)
        var record = base
        record["serious_dishonesty"] = "1"
        let dishonest = try scorer.score(record)
        #expect(dishonest.grade == .d && dishonest.hardRule?.indicator == "serious_dishonesty")
        // A model whose only rule raises two grades: A → C.
        var raising = model
        raising.grading = GradingRules(
            cutoffs: GradeCutoffs(b: 999, c: 999.5, d: 1000),
            hardRules: [HardRule(indicator: "years_established", condition: .atLeast(0.5), action: .raiseTwoGrades)])
        let raised = try Scorer(model: raising).score(base)
        #expect(raised.scoreGrade == .a && raised.grade == .c)
        record = base
        record["years_established"] = "0.4"
        #expect(try Scorer(model: raising).score(record).grade == .a)
        // Exclude ends the rules, whatever comes after.
        var excluding = model
        excluding.grading.hardRules = [
            HardRule(indicator: "serious_dishonesty", condition: .isSet, action: .exclude),
            HardRule(indicator: "serious_dishonesty", condition: .isSet, action: .gradeD),
        ]
        let excluded = try Scorer(model: excluding).score(["serious_dishonesty": "1"])
        #expect(excluded.grade == nil && excluded.hardRule?.action == .exclude)
    }

    @Test("concurrent scoring from several threads equals serial scoring, for any thread count")
    func concurrentScoring() throws {
        let records = ScoringFixtures.records(150, seed: 33)
        let columns = ScoringFixtures.columns(records)
        let shared = scorer
        let serial = try shared.score(columns: columns, reasons: 3, threads: 1)
        let singles = try records.map { try shared.score($0, reasons: 3) }
        let results = ResultSlots<[ScoredRecord]>(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { task in
            // Half the tasks score the batch (itself on 2 threads), half score record by record.
            if task % 2 == 0 {
                let batch = try? shared.score(columns: columns, reasons: 3, threads: 2)
                results.set(task, batch.map { b in (0..<records.count).map { shared.record(b, index: $0) } })
            } else {
                results.set(task, try? records.map { try shared.score($0, reasons: 3) })
            }
        }
        let expected = (0..<records.count).map { shared.record(serial, index: $0) }
        #expect(expected == singles)
        for task in 0..<8 { #expect(results.get(task) == expected, "task \(task)") }
    }
}
