import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

/// Two gradient-boosting models of a small synthetic province: the champion trained on 2025Q1 (validated on
/// 2025Q2), the challenger on 2025Q1-Q2 with more rounds (validated on 2025Q3); both compared on 2025Q4.
struct ComparisonFixture: Sendable {
    var config: ExperimentConfig
    var tablePath: String
    var table: Dataset
    var champion: RiskModel
    var challenger: RiskModel

    static let shared = Result { try ComparisonFixture() }

    init() throws {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 1500, quarters: 4, seed: 31, randomRate: 3)
        var base = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        let path = directory + "/table.csv"
        _ = try FeatureBuilder(panel: Panel.load(directory: directory), indicatorColumns: base.featureColumns)
            .write(to: path)
        func train(rounds: Int, validation: String, test: String) throws -> RiskModel {
            var run = base
            try run.model.override(rounds: rounds, maxLeaves: 8, threads: 2)
            run.split.validationQuarter = .quarter(try #require(Quarter(validation)))
            run.split.testQuarter = Quarter(test)
            let out = TestFiles.temporaryDirectory("compare-model")
            try BoostingRun(config: run).run(dataFile: path).write(to: out)
            return try RiskModel.load(path: out + "/model.json")
        }
        let first = try train(rounds: 6, validation: "2025Q2", test: "2025Q3")
        let second = try train(rounds: 25, validation: "2025Q3", test: "2025Q4")
        base.model.boosting.threads = 2
        table = try ModelComparison.readTable(path: path, config: base, models: [("A", first), ("B", second)])
        config = base
        tablePath = path
        champion = first
        challenger = second
    }

    /// Compares `champion` with `challenger` under `gates`.
    func compare(_ champion: RiskModel, _ challenger: RiskModel, gates: ComparisonGates? = nil) throws
        -> ModelComparison
    {
        var config = config
        if let gates { config.compare = gates }
        return try ModelComparison.run(
            champion: ("A", champion), challenger: ("B", challenger), table: table, file: tablePath, config: config,
            threads: 2)
    }
}

@Suite("ModelComparison: champion vs challenger on the same rows, migration, stability, movers, verdict")
struct ModelComparisonTests {
    @Test("the migration matrix sums to the population and its diagonal is the same-grade count scored directly")
    func migration() throws {
        let fixture = try ComparisonFixture.shared.get()
        let comparison = try fixture.compare(fixture.champion, fixture.challenger)
        #expect(comparison.quarters == ["2025Q4"])

        // The oracle: every 2025Q4 row scored one record at a time through the runtime's look-up path.
        let table = fixture.table
        let quarters = try table.categorical("quarter")
        let rows = (0..<table.rowCount).filter { quarters.vocabulary[Int(quarters.codes[$0])] == "2025Q4" }
        func grades(_ model: RiskModel) throws -> [Grade?] {
            let scorer = Scorer(model: model)
            return try rows.map { row in
                var values: [String: RecordValue] = [:]
                for feature in model.features {
                    guard let column = table.column(named: feature.column) else { continue }
                    switch column.storage {
                    case .numeric(let numbers): values[feature.name] = .number(Double(numbers[row]))
                    case .categorical(let categories):
                        let code = categories.codes[row]
                        values[feature.name] = code < 0 ? .missing : .text(categories.vocabulary[Int(code)])
                    }
                }
                return try scorer.score(values: values, reasons: 0).grade
            }
        }
        let a = try grades(fixture.champion), b = try grades(fixture.challenger)
        let migration = comparison.stability.migration
        #expect(comparison.rows == rows.count)
        #expect(migration.total == Double(rows.count))
        #expect(migration.counts.joined().reduce(0, +) == Double(rows.count))
        let same = zip(a, b).filter { $0 == $1 }.count
        #expect(Int((0..<5).map { migration.counts[$0][$0] }.reduce(0, +)) == same)
        #expect(comparison.stability.sameGrade == same)
        for grade in Grade.allCases {
            let row = migration.counts[grade.rank].reduce(0, +)
            #expect(row == Double(a.filter { $0 == grade }.count))
        }

        // Each model's AUC is what validating it alone on the same quarter gives.
        let metrics = try #require(comparison.metrics)
        let sides = [
            (fixture.champion, metrics.champion, comparison.discovery.champion),
            (fixture.challenger, metrics.challenger, comparison.discovery.challenger),
        ]
        for (model, figures, discovery) in sides {
            let validation = try ModelValidation.run(
                model: model, modelName: "m", table: table, file: fixture.tablePath, config: fixture.config,
                quarters: [try #require(Quarter("2025Q4"))], groupColumns: [])
            #expect(validation.figures?.auc == figures.auc)
            #expect(validation.random.grades == discovery.grades)
        }
        #expect(abs(metrics.aucDifference.difference - (metrics.challenger.auc.auc - metrics.champion.auc.auc)) < 1e-12)
        #expect(metrics.aucDifference.interval.contains(metrics.aucDifference.difference))

        // CSI between the populations the grade policies were fitted on (the last training quarters), against the
        // statistics library on the raw columns: years_established (no missing values) by the champion's deciles.
        let characteristic = try #require(comparison.characteristicStability)
        #expect(characteristic.championPopulation == "2025Q1" && characteristic.challengerPopulation == "2025Q2")
        let years = try table.numeric("years_established")
        func values(_ quarter: String) -> [Double] {
            (0..<table.rowCount).filter { quarters.vocabulary[Int(quarters.codes[$0])] == quarter }.map {
                Double(years[$0])
            }
        }
        let direct = try PopulationStability(expected: values("2025Q1"), actual: values("2025Q2"))
        let csi = try #require(characteristic.indicators.first { $0.indicator == "years_established" })
        #expect(abs(csi.stability.index - direct.index) < 1e-12 && csi.bins.count == direct.expectedCounts.count)

        // The movers changed grade, come first by |grade change|, carry reasons under both models.
        #expect(!comparison.movers.isEmpty && comparison.movers.count <= ModelComparison.moverLimit)
        let changes = comparison.movers.map { abs($0.gradeChange) }
        #expect(changes == changes.sorted(by: >) && changes.allSatisfy { $0 > 0 })
        #expect(comparison.movers.allSatisfy { !$0.champion.reasons.isEmpty || !$0.challenger.reasons.isEmpty })

        // The verdict is the gates' and the report round-trips through JSON.
        #expect(comparison.verdict.promote == comparison.verdict.gates.allSatisfy(\.passed))
        #expect(comparison.verdict.gates.map(\.name) == ["max_auc_drop", "require_monotone", "max_score_psi"])
        let directory = TestFiles.temporaryDirectory("compare")
        try comparison.write(to: directory, language: .chinese)
        let decoded = try JSONDecoder().decode(
            ModelComparison.self, from: TestFiles.bytes(ModelComparison.File.json, in: directory))
        #expect(decoded == comparison)
        let markdown = try String(
            contentsOfFile: directory + "/" + ModelComparison.File.markdown, encoding: .utf8)
        #expect(markdown.contains("等级迁移") && markdown.contains("promote: \(comparison.verdict.promote)"))
    }

    @Test("the HTML page: every section, both languages, balanced tags, the heat map, no scripts or network")
    func html() throws {
        let fixture = try ComparisonFixture.shared.get()
        let comparison = try fixture.compare(fixture.champion, fixture.challenger)
        for language in ReportLanguage.allCases {
            let page = comparison.html(language: language)
            let check = MarkupChecker.balanced(page)
            #expect(check.ok, "\(check.problem)")
            for id in ["summary", "verdict", "discrimination", "discovery", "migration", "weights", "movers"] {
                #expect(page.contains("id=\"\(id)\""), "section \(id)")
            }
            #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("<script"))
            #expect(MarkupChecker.count("<svg ", in: page) >= 2)
            // Every migration count is written in a heat-map cell.
            let firstRow = comparison.stability.migration.counts[0]
            #expect(firstRow.allSatisfy { page.contains(String(format: "%.0f · ", $0)) })
        }
        #expect(comparison.html().contains("Grade migration"))
        #expect(comparison.html(language: .chinese).contains("等级迁移矩阵"))
        #expect(comparison.html() == comparison.html())
    }

    @Test("a model compared with itself: AUC difference 0, PSI and CSI 0, all on the diagonal, no movers, promoted")
    func itself() throws {
        let fixture = try ComparisonFixture.shared.get()
        let comparison = try fixture.compare(fixture.challenger, fixture.challenger)
        let metrics = try #require(comparison.metrics)
        #expect(metrics.aucDifference.difference == 0 && metrics.aucDifference.pValue == 1)
        #expect(comparison.stability.score.index == 0 && comparison.stability.grade.index == 0)
        let migration = comparison.stability.migration
        for from in 0..<5 {
            for to in 0..<5 where from != to { #expect(migration.counts[from][to] == 0) }
        }
        #expect(comparison.stability.sameGrade == comparison.rows)
        #expect(comparison.movers.isEmpty)
        #expect(comparison.weights.allSatisfy { $0.difference == 0 })
        #expect(comparison.discovery.differences.allSatisfy { ($0.difference?.difference ?? 0) == 0 })
        let characteristic = try #require(comparison.characteristicStability)
        #expect(!characteristic.indicators.isEmpty && characteristic.indicators.allSatisfy { $0.stability.index == 0 })
        // Every gate but monotonicity passes whatever the data; without that gate the model is promoted.
        #expect(comparison.verdict.gates[0].passed && comparison.verdict.gates[2].passed)
        #expect(comparison.verdict.promote == comparison.discovery.challenger.monotone)
        let relaxed = try fixture.compare(
            fixture.challenger, fixture.challenger, gates: ComparisonGates(requireMonotone: false))
        #expect(relaxed.verdict.promote)
    }

    @Test("the verdict flips when a gate is crossed")
    func verdictFlips() throws {
        let fixture = try ComparisonFixture.shared.get()
        let open = ComparisonGates(maxAUCDrop: 1, requireMonotone: false, maxScorePSI: 1000)
        let comparison = try fixture.compare(fixture.champion, fixture.challenger, gates: open)
        #expect(comparison.verdict.promote)
        let psi = comparison.stability.score.index
        let drop = try #require(comparison.verdict.gates[0].value)
        #expect(psi > 0)
        var gates = open
        gates.maxScorePSI = psi / 2
        let psiFails = try fixture.compare(fixture.champion, fixture.challenger, gates: gates)
        #expect(!psiFails.verdict.promote && !psiFails.verdict.gates[2].passed && psiFails.verdict.gates[0].passed)
        gates = open
        gates.maxAUCDrop = drop - 0.001
        let aucFails = try fixture.compare(fixture.champion, fixture.challenger, gates: gates)
        #expect(!aucFails.verdict.promote && !aucFails.verdict.gates[0].passed)
        // The rule itself at the boundaries.
        let at = ModelComparison.verdict(gates: ComparisonGates(), aucDrop: 0.005, monotone: true, scorePSI: 0.25)
        #expect(at.promote)
        let over = ModelComparison.verdict(gates: ComparisonGates(), aucDrop: 0.0051, monotone: true, scorePSI: 0.25)
        #expect(!over.promote && over.gates.map(\.passed) == [false, true, true])
        let falling = ModelComparison.verdict(gates: ComparisonGates(), aucDrop: -0.02, monotone: false, scorePSI: 0)
        #expect(!falling.promote && falling.gates.map(\.passed) == [true, false, true])
        let noAUC = ModelComparison.verdict(gates: ComparisonGates(), aucDrop: nil, monotone: true, scorePSI: 0)
        #expect(!noAUC.promote && noAUC.gates[0].value == nil)
    }

    @Test("movers: grade changes only, by |grade change|, then |score change|, then row; at most the limit")
    func moverOrder() {
        let champion: [(score: Double, grade: Grade?)] = [
            (100, .a), (100, .a), (600, .c), (300, .b), (900, .d), (100, .a), (100, nil), (400, .b),
        ]
        let challenger: [(score: Double, grade: Grade?)] = [
            (300, .b), (800, .d), (620, .c), (100, .a), (200, .a), (850, .d), (900, .d), (350, .a),
        ]
        // Row 2 keeps its grade, row 6 leaves exclusion: neither moves. Rows 5 (750 points), 1 and 4 (700 each,
        // row order) move 3 grades; rows 0 and 3 (200 points each) and 7 (50) move one.
        #expect(
            ModelComparison.moverOrder(champion: champion, challenger: challenger, limit: 20) == [5, 1, 4, 0, 3, 7])
        #expect(ModelComparison.moverOrder(champion: champion, challenger: challenger, limit: 2) == [5, 1])
    }

    @Test("a table the models cannot read is refused, naming the file, the model, the column and the fix")
    func refused() throws {
        let fixture = try ComparisonFixture.shared.get()
        let directory = TestFiles.temporaryDirectory("compare-bad")
        try TestFiles.write(
            "enterprise_id,quarter,hit,inspection_kind\nE1,2025Q4,0,random\n", to: "t.csv", in: directory)
        let path = directory + "/t.csv"
        #expect {
            _ = try ModelComparison.readTable(
                path: path, config: fixture.config, models: [("general@2025Q3", fixture.challenger)])
        } throws: { error in
            guard let error = error as? ModelComparisonError,
                case .missingColumns(let file, let model, let missing) = error
            else { return false }
            return file == path && model == "general@2025Q3" && missing.contains("years_established")
                && error.description.contains("compare on a table built with both models' indicators")
        }
        // A config that reads region as a count, where the model reads categories.
        var text = try String(contentsOfFile: TestFiles.packageRoot + "/experiments/general.yaml", encoding: .utf8)
        let region = "{ name: region, label: 所属区域, kind: categorical, direction: none, missing: error }"
        #expect(text.contains(region))
        text = text.replacingOccurrences(
            of: region, with: "{ name: region, label: 所属区域, kind: count, direction: none, missing: error }")
        let counting = try ExperimentConfig.load(yaml: text, file: "counting.yaml")
        #expect {
            _ = try ModelComparison.readTable(
                path: fixture.tablePath, config: counting, models: [("B", fixture.challenger)])
        } throws: { error in
            guard case .kindConflict(_, "B", "region", "categorical", "numeric") = error as? ModelComparisonError
            else { return false }
            return true
        }
    }
}
