import RiskScoring

/// The rows of a feature table that train and validate a model, with their training weights.
///
/// Training takes the labelled rows of the quarters before the validation quarter whose inspection kind the
/// config lets train (targeted rows weighted by `label.targeted_weight`). Validation takes the labelled rows of
/// the validation quarter; `randomValidation` keeps the random inspections only, the unbiased measure, and
/// `allValidation` every labelled row (what peer libraries score on the same file). The test quarter, when set,
/// is in neither.
public struct LabelledRows: Sendable, Equatable {
    /// Training rows, ascending.
    public var train: [Int]
    /// Sample weight of each training row.
    public var trainWeights: [Float]
    /// Validation rows from random inspections, ascending.
    public var randomValidation: [Int]
    /// All labelled validation rows, ascending.
    public var allValidation: [Int]
    /// The quarters the training rows come from, ascending.
    public var trainQuarters: [Quarter]
    /// The validation quarter, when the table has one.
    public var validationQuarter: Quarter?
}

/// A problem selecting training and validation rows.
public struct LabelError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The table's name.
    public var file: String
    /// What is wrong and how to fix it.
    public var message: String

    public var description: String { "\(file): \(message)" }
}

extension ExperimentConfig {
    /// Splits one feature table in time by the config's `split` and `label` sections.
    ///
    /// With `splitInTime` false (a separate validation table is given), every labelled row of an allowed kind
    /// trains, whatever its quarter, and the validation rows stay empty.
    ///
    /// - Throws: `DataError` when a label, kind or quarter column is missing or of the wrong kind; `LabelError`
    ///   when a quarter is malformed or there is nothing to train on.
    public func labelledRows(in table: Dataset, file: String, splitInTime: Bool = true) throws -> LabelledRows {
        let quarters = try table.categorical(split.quarterColumn)
        var quarterOfCode: [Quarter] = []
        for text in quarters.vocabulary {
            guard let quarter = Quarter(text) else {
                throw LabelError(
                    file: file,
                    message: "column \"\(split.quarterColumn)\" holds \"\(text)\", not a quarter like 2026Q2")
            }
            quarterOfCode.append(quarter)
        }
        let present = Set(quarterOfCode).sorted()
        let candidates = present.filter { quarter in split.testQuarter.map { quarter < $0 } ?? true }
        let validation: Quarter?
        switch split.validationQuarter {
        case _ where !splitInTime: validation = nil
        case .last: validation = candidates.last
        case .quarter(let quarter):
            guard present.contains(quarter) else {
                throw LabelError(
                    file: file,
                    message:
                        "the validation quarter \(quarter) is not in the table (quarters: \(present.map(\.description).joined(separator: ", "))); change split.validation_quarter"
                )
            }
            validation = quarter
        }
        let rowQuarters = quarters.codes.map { $0 < 0 ? nil : quarterOfCode[Int($0)] }
        let labelled = try labelledKinds(in: table)
        var rows = LabelledRows(
            train: [], trainWeights: [], randomValidation: [], allValidation: [],
            trainQuarters: splitInTime
                ? candidates.filter { quarter in validation.map { quarter < $0 } ?? true } : present,
            validationQuarter: validation)
        for (row, kind) in labelled.enumerated() {
            guard let kind, let quarter = rowQuarters[row] else { continue }
            if let validation, quarter == validation {
                rows.allValidation.append(row)
                if kind == .random { rows.randomValidation.append(row) }
            } else if validation.map({ quarter < $0 }) ?? true,
                !splitInTime || split.testQuarter.map({ quarter < $0 }) ?? true,
                label.trainingKinds.contains(kind)
            {
                rows.train.append(row)
                rows.trainWeights.append(kind == .targeted ? Float(label.targetedWeight) : 1)
            }
        }
        guard !rows.train.isEmpty else {
            throw LabelError(
                file: file,
                message:
                    "no labelled rows to train on before \(validation?.description ?? "the end"); the table needs rows with \(label.column) 0 or 1 and \(label.kindColumn) in \(label.trainingKinds.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return rows
    }

    /// Every row of a separate validation table that is labelled: random ones and all of them.
    public func validationRows(in table: Dataset, file: String) throws -> (random: [Int], all: [Int]) {
        let labelled = try labelledKinds(in: table)
        let all = labelled.indices.filter { labelled[$0] != nil }
        return (all.filter { labelled[$0] == .random }, all)
    }

    /// The inspection kind of each labelled row (label 0 or 1 and a known kind), `nil` for others.
    func labelledKinds(in table: Dataset) throws -> [InspectionKind?] {
        let labels = try table.numeric(label.column)
        let kinds = try table.categorical(label.kindColumn)
        let kindOfCode = kinds.vocabulary.map { InspectionKind(rawValue: $0) }
        return (0..<table.rowCount).map { row in
            let code = kinds.codes[row]
            guard code >= 0, !labels[row].isNaN, let kind = kindOfCode[Int(code)] else { return nil }
            return kind
        }
    }
}

/// The validation rows a run scores: of the training table's validation quarter, or of a separate table.
public struct ValidationSelection: Sendable {
    /// The table holding them.
    public var table: Dataset
    /// Random-inspection rows and all labelled rows, ascending.
    public var random: [Int]
    public var all: [Int]
    /// The table's file name.
    public var file: String
}

extension ExperimentConfig {
    /// The training rows of `table` and the validation rows: the split in time of `table`, or every labelled row
    /// of `table` for training and `validationTable`'s labelled rows for validation when one is given.
    ///
    /// - Throws: as ``labelledRows(in:file:splitInTime:)`` and `validationRows(in:file:)`.
    public func trainingSelection(
        table: Dataset, file: String, validationTable: (table: Dataset, file: String)?
    ) throws -> (training: LabelledRows, validation: ValidationSelection) {
        let selected = try labelledRows(in: table, file: file, splitInTime: validationTable == nil)
        guard let separate = validationTable else {
            return (
                selected,
                ValidationSelection(
                    table: table, random: selected.randomValidation, all: selected.allValidation, file: file)
            )
        }
        let rows = try validationRows(in: separate.table, file: separate.file)
        return (
            selected,
            ValidationSelection(table: separate.table, random: rows.random, all: rows.all, file: separate.file)
        )
    }
}
