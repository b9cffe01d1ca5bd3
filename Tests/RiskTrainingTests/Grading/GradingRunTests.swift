import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

/// A run's calibration, grade policy and hard rules on a small synthetic province: the trainer's grading and
/// the runtime's (the Scorer and riskscore's job) agree row for row.
@Suite("Grading a trained model: calibration, policies and hard rules in trainer and runtime")
struct GradingRunTests {
    /// The hard rules under test, in order.
    static let hardRules = """
          hard_rules:
            - { indicator: serious_dishonesty, condition: is_set, action: grade_d }
            - { indicator: court_defaulter, condition: is_set, action: grade_d }
            - { indicator: enterprise_status, condition: { in: [closed, revoked] }, action: exclude }
            - { indicator: penalties_1y, condition: { at_least: 3 }, action: raise_two_grades }
        """

    /// general.yaml with an `enterprise_status` indicator and the given grading section.
    static func config(grading: String) throws -> ExperimentConfig {
        var text = try String(contentsOfFile: TestFiles.packageRoot + "/experiments/general.yaml", encoding: .utf8)
        let region = "        - { name: region, label: 所属区域, kind: categorical, direction: none, missing: error }\n"
        let regionRange = try #require(text.range(of: region))
        text.insert(
            contentsOf:
                "        - { name: enterprise_status, label: 经营状态, kind: categorical, direction: none, missing: allowed }\n",
            at: regionRange.upperBound)
        let start = try #require(text.range(of: "\ngrading:\n"))
        let end = try #require(text.range(of: "\nweights:\n"))
        text.replaceSubrange(start.upperBound..<end.lowerBound, with: grading + "\n" + hardRules + "\n")
        var config = try ExperimentConfig.load(yaml: text, file: "grading.yaml")
        try config.model.override(rounds: 15, maxLeaves: 8, threads: 2)
        return config
    }

    /// A small province's feature table with an `enterprise_status` column: some enterprises `closed`, and some
    /// unlabelled rows `revoked` (so no training row holds that category).
    static func table(config: ExperimentConfig) throws -> String {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 1500, quarters: 3, seed: 61, randomRate: 3)
        let plain = directory + "/plain.csv"
        _ = try FeatureBuilder(
            panel: Panel.load(directory: directory),
            indicatorColumns: config.featureColumns.filter { $0 != "enterprise_status" }
        ).write(to: plain)
        let lines = try String(contentsOfFile: plain, encoding: .utf8).split(separator: "\n")
        var out = [lines[0] + ",enterprise_status"]
        for (i, line) in lines.dropFirst().enumerated() {
            let status = i % 29 == 0 ? "closed" : (i % 31 == 0 && line.hasSuffix(",")) ? "revoked" : "active"
            out.append(line + "," + status)
        }
        let path = directory + "/table.csv"
        try (out.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("optimised cut-offs with Platt calibration: the record meets the constraints and riskscore agrees")
    func optimised() throws {
        let config = try Self.config(
            grading: """
                  calibration: platt
                  optimised:
                    min_shares: { A: 0.2, B: 0.1, C: 0.05, D: 0.02 }
                    max_shares: { A: 0.8, B: 0.5, C: 0.3, D: 0.2 }
                    alpha: 0.1
                """)
        let tablePath = try Self.table(config: config)
        let outcome = try BoostingRun(config: config).run(dataFile: tablePath)
        let out = TestFiles.temporaryDirectory("grading")
        try outcome.write(to: out)
        let model = try RiskModel.load(path: out + "/model.json")
        guard case .platt(let platt) = model.calibration else {
            Issue.record("expected Platt scaling, found \(model.calibration)")
            return
        }
        #expect(platt.slope > 0 && model.format == FormatVersion(major: 1, minor: 1))
        #expect(model.features.first { $0.name == "enterprise_status" }?.vocabulary == ["active", "closed", "revoked"])
        let record = try #require(model.grading.policy)
        #expect(record.kind == "optimised" && record.alpha == 0.1 && record.inspections == "validation_random")
        #expect(record.population == outcome.metrics.trainQuarters.last)
        for (g, figures) in record.grades.enumerated() {
            #expect(
                figures.share >= [0.2, 0.1, 0.05, 0.02][g] - 1e-9 && figures.share <= [0.8, 0.5, 0.3, 0.2][g] + 1e-9)
        }
        for g in 0..<3 {
            let (low, high) = (record.grades[g], record.grades[g + 1])
            #expect(low.discoveryRate < high.discoveryRate)
            #expect(
                TwoProportionTest(
                    hitsLow: low.hits, inspectionsLow: low.inspections, hitsHigh: high.hits,
                    inspectionsHigh: high.inspections
                ).pValue < 0.1)
        }
        try Self.checkRuntime(model: model, record: record, tablePath: tablePath, out: out)
    }

    @Test("fixed shares with isotonic calibration: the population's shares and riskscore's counts agree")
    func fixedShares() throws {
        let config = try Self.config(
            grading: """
                  calibration: isotonic
                  fixed_shares: { A: 0.45, B: 0.4, C: 0.1, D: 0.05 }
                """)
        let tablePath = try Self.table(config: config)
        let outcome = try BoostingRun(config: config).run(dataFile: tablePath)
        let out = TestFiles.temporaryDirectory("grading")
        try outcome.write(to: out)
        let model = try RiskModel.load(path: out + "/model.json")
        guard case .isotonic(let isotonic) = model.calibration else {
            Issue.record("expected isotonic calibration, found \(model.calibration)")
            return
        }
        #expect(isotonic.isValid)
        let record = try #require(model.grading.policy)
        #expect(record.kind == "fixed_shares" && record.shares == [0.45, 0.4, 0.1, 0.05])
        try Self.checkRuntime(model: model, record: record, tablePath: tablePath, out: out)
    }

    /// Scores the population quarter's rows with the Scorer and riskscore's job: the grade counts equal the
    /// trainer's record, and every row's grade follows the hard rules from its score grade.
    static func checkRuntime(model: RiskModel, record: GradePolicyRecord, tablePath: String, out: String) throws {
        let lines = try String(contentsOfFile: tablePath, encoding: .utf8).split(separator: "\n")
        let latest = [lines[0]] + lines.dropFirst().filter { $0.split(separator: ",")[1] == record.population }
        let latestPath = out + "/latest.csv"
        try (latest.joined(separator: "\n") + "\n").write(toFile: latestPath, atomically: true, encoding: .utf8)
        let scorer = Scorer(model: model)
        let summary = try ScoringJob.run(
            scorer: scorer, options: ScoringJob.Options(input: latestPath, output: out + "/scores.csv"))
        #expect(summary.rejected == 0 && summary.scored == latest.count - 1)
        #expect(summary.gradeCounts == record.grades.map(\.enterprises))
        #expect(summary.excluded == record.excluded && record.excluded > 0)

        // Row by row: the runtime's grade is the hard rules' verdict on the score grade.
        let reader = try CSVReader(path: latestPath)
        var texts = [[String]](repeating: [], count: reader.header.count)
        var csv = CSVRecord()
        while try reader.next(into: &csv) {
            for column in 0..<csv.count { texts[column].append(try csv.string(column)) }
        }
        var input: [String: FeatureColumn] = [:]
        for (column, name) in reader.header.enumerated() { input[name] = .texts(texts[column]) }
        let batch = try scorer.score(columns: input, threads: 2)
        func field(_ name: String, _ row: Int) -> String { texts[reader.header.firstIndex(of: name)!][row] }
        var seen = (excluded: 0, forced: 0, raised: 0)
        let scores = try CSVReader(path: out + "/scores.csv")
        for row in 0..<(latest.count - 1) {
            let scoreGrade = batch.rows.scoreGrades[row]
            let expected: Grade?
            if ["closed", "revoked"].contains(field("enterprise_status", row)) {
                expected = nil
                seen.excluded += 1
            } else if field("serious_dishonesty", row) == "1" || field("court_defaulter", row) == "1" {
                expected = .d
                seen.forced += 1
            } else if (Double(field("penalties_1y", row)) ?? 0) >= 3 {
                expected = Grade.allCases[min(scoreGrade.rank + 2, 3)]
                seen.raised += 1
            } else {
                expected = scoreGrade
            }
            #expect(batch.rows.grades[row] == expected, "row \(row)")
            #expect(try scores.next(into: &csv))
            #expect(try csv.string(3) == (expected?.rawValue ?? "excluded"))
        }
        #expect(seen.excluded > 0 && seen.forced > 0 && seen.raised > 0)
    }
}
