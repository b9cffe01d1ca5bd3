import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

/// The scoring runtime against the trainer: a model trained on a small synthetic province, frozen, loaded and
/// scored from the raw feature table must reproduce the trainer's own margins bit for bit.
@Suite("Scoring parity: the runtime scores what the trainer predicted")
struct ScoringParityTests {
    @Test("raw table fields → Scorer batch and riskscore's job: the trainer's margins, bitwise")
    func trainerParity() throws {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 800, quarters: 3, seed: 44, randomRate: 1.5)
        var config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        try config.model.override(rounds: 15, maxLeaves: 8, threads: 2)
        // The margins and the standard cut-offs are what this test checks: no calibration, fixed cut-offs.
        config.grading.calibration = .identity
        config.grading.policy = .standard
        let tablePath = directory + "/table.csv"
        _ = try FeatureBuilder(panel: Panel.load(directory: directory), indicatorColumns: config.featureColumns)
            .write(to: tablePath)
        let table = try Dataset.read(csv: tablePath, schema: config.tableSchema)
        let outcome = try BoostingRun(config: config).run(table: table, file: tablePath)
        let out = TestFiles.temporaryDirectory("parity")
        try outcome.write(to: out)
        let model = try ModelRegistry.load(out + "/model.json")
        let scorer = Scorer(model: model)

        // The trainer's predictions: its own margin accumulation over the encoded table.
        let rows = Array(0..<table.rowCount)
        let columns = try outcome.encoding.columns(of: table, rows: rows).columns
        let set = TrainingSet(columns: columns, labels: [Float](repeating: 0, count: rows.count))
        let trained = SharedBuffer<Double>(repeating: outcome.ensemble.baseScore, count: rows.count)
        GradientBoostingTrainer.addMargins(of: outcome.ensemble.trees, set: set, to: trained, threads: 2)

        // The runtime, from the CSV's raw text.
        let reader = try CSVReader(path: tablePath)
        var texts = [[String]](repeating: [], count: reader.header.count)
        var record = CSVRecord()
        while try reader.next(into: &record) {
            for column in 0..<record.count { texts[column].append(try record.string(column)) }
        }
        var input: [String: FeatureColumn] = [:]
        for (column, name) in reader.header.enumerated() { input[name] = .texts(texts[column]) }
        let batch = try scorer.score(columns: input, reasons: 3, threads: 2)
        #expect(batch.rejected.isEmpty)
        #expect(batch.inputRows == rows)
        for row in rows {
            #expect(batch.rows.margins[row].bitPattern == trained[row].bitPattern, "row \(row)")
            #expect(batch.rows.probabilities[row].bitPattern == TreeEnsemble.logistic(trained[row]).bitPattern)
        }
        // One record through the look-up path, by indicator name.
        for row in stride(from: 0, to: rows.count, by: 97) {
            var fields: [String: String] = [:]
            for (column, name) in reader.header.enumerated() { fields[name] = texts[column][row] }
            #expect(try scorer.score(fields).margin.bitPattern == trained[row].bitPattern)
        }

        // riskscore's job over the same file scores every row, in order, with the trainer's probabilities.
        let options = ScoringJob.Options(input: tablePath, output: out + "/scores.csv")
        let summary = try ScoringJob.run(scorer: scorer, options: options)
        #expect(summary.scored == rows.count && summary.rejected == 0)
        let scores = try CSVReader(path: options.output)
        var line = 0
        while try scores.next(into: &record) {
            let probability = try #require(record.double(1))
            #expect(abs(probability - TreeEnsemble.logistic(trained[line])) <= 5e-9)
            line += 1
        }
        #expect(line == rows.count)
    }
}
