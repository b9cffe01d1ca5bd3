import Foundation
import RiskScoring

extension ModelValidation {
    /// The files a validation writes into its output folder.
    public enum File {
        public static let json = "validation.json"
        public static let markdown = "validation.md"
        public static let html = "validation.html"
    }

    /// Scores the rows of `quarters` in `table` with `model` (through the runtime's ``Scorer``, so what is
    /// validated is what production scores) and validates them.
    ///
    /// - Parameters:
    ///   - config: gives the table's label, inspection-kind and quarter columns (the model's own config when the
    ///     caller has no other).
    ///   - quarters: the quarters validated; empty takes the quarters after the model's version when it names a
    ///     quarter (a trained model's version is its validation quarter, so these are out of time), else the
    ///     table's last quarter.
    ///   - groupColumns: breakdown columns (e.g. region, industry); each must be in the table.
    /// - Throws: `DataError` for a missing column, `ScoringError` when the table lacks a feature the model reads,
    ///   `LabelError` when no row is in the quarters, `StatisticsError` as ``init(model:data:quarters:rows:groupColumns:sampling:rejected:)``.
    public static func run(
        model: RiskModel, modelName: String, table: Dataset, file: String, config: ExperimentConfig,
        quarters: [Quarter] = [], groupColumns: [String], sampling: [Grade: Double] = defaultSampling,
        threads: Int = 1
    ) throws -> ModelValidation {
        let (chosen, selected) = try QuarterScoring.rows(
            of: table, file: file, quarterColumn: config.split.quarterColumn, quarters: quarters,
            after: Quarter(model.identity.version))
        let batch = try QuarterScoring.score(model, table: table, rows: selected, threads: threads)

        let labels = try table.numeric(config.label.column)
        let kinds = try table.categorical(config.label.kindColumn)
        let kindOfCode = kinds.vocabulary.map { InspectionKind(rawValue: $0) }
        let groupValues: [[String]] = try groupColumns.map { name in
            guard let column = table.column(named: name) else {
                throw DataError.unknownColumn(name: name, available: table.columnNames)
            }
            switch column.storage {
            case .categorical(let categories):
                return selected.map { row in
                    let code = categories.codes[row]
                    return code < 0 ? "(missing)" : categories.vocabulary[Int(code)]
                }
            case .numeric(let values):
                return selected.map { values[$0].isNaN ? "(missing)" : displayNumber(Double(values[$0])) }
            }
        }
        let rows = batch.inputRows.enumerated().map { index, input in
            let row = selected[input]
            let code = kinds.codes[row]
            let kind = code < 0 ? nil : kindOfCode[Int(code)]
            let label = labels[row].isNaN || kind == nil ? nil : Double(labels[row])
            return ValidationRow(
                probability: batch.rows.probabilities[index], score: batch.rows.scores[index],
                grade: batch.rows.grades[index], label: label, kind: kind,
                groups: groupValues.map { $0[input] })
        }
        var validation = try ModelValidation(
            model: modelName, data: file, quarters: chosen.map(\.description), rows: rows,
            groupColumns: groupColumns, sampling: sampling, rejected: batch.rejected.count)
        do {
            validation.weights = try weightComparison(model: model, config: config, file: "\(modelName) config")
        } catch {
            validation.weightsNote = "\(error)"
        }
        return validation
    }

    /// Writes `validation.json`, `validation.md` and `validation.html` into `directory` (created if needed), each atomically.
    public func write(to directory: String, language: ReportLanguage = .english) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try ReportFile.writeJSON(self, to: (directory as NSString).appendingPathComponent(File.json))
        try ReportFile.write(
            Data(markdown(language: language).utf8), to: (directory as NSString).appendingPathComponent(File.markdown))
        try ReportFile.write(
            Data(html(language: language).utf8), to: (directory as NSString).appendingPathComponent(File.html))
    }
}
