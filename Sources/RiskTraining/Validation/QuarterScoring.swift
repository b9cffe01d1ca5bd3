import RiskScoring

/// The rows of a feature table's quarters scored through the runtime's ``Scorer``: what `riskgrade validate` and
/// `riskgrade compare` report on, so what they measure is what production scores.
enum QuarterScoring {
    /// The quarters to report on and their rows (ascending).
    ///
    /// Empty `quarters` takes the quarters after `after` (a trained model's version is its validation quarter, so
    /// these are out of time), else the table's last quarter.
    /// - Throws: `DataError` when the quarter column is missing; `LabelError` when no row is in the quarters.
    static func rows(
        of table: Dataset, file: String, quarterColumn: String, quarters: [Quarter], after: Quarter?
    ) throws -> (quarters: [Quarter], rows: [Int]) {
        let column = try table.categorical(quarterColumn)
        let present = Set(column.vocabulary.compactMap(Quarter.init)).sorted()
        var chosen = quarters
        if chosen.isEmpty, let after { chosen = present.filter { $0 > after } }
        if chosen.isEmpty, let last = present.last { chosen = [last] }
        let wanted = Set(chosen)
        let quarterOfCode = column.vocabulary.map(Quarter.init)
        let selected = (0..<table.rowCount).filter { row in
            let code = column.codes[row]
            return code >= 0 && quarterOfCode[Int(code)].map(wanted.contains) == true
        }
        guard !selected.isEmpty else {
            throw LabelError(
                file: file,
                message: "no row is in quarter \(chosen.map(\.description).joined(separator: ", ")) (the table has "
                    + "\(present.map(\.description).joined(separator: ", "))); pass --quarter with one of them")
        }
        return (chosen, selected)
    }

    /// The model's features for `rows` of `table` as the scorer reads them: numbers, or category texts. A feature
    /// whose column the table lacks is left out (the scorer names it).
    static func columns(of model: RiskModel, table: Dataset, rows: [Int]) -> [String: FeatureColumn] {
        var columns: [String: FeatureColumn] = [:]
        for feature in model.features {
            guard let column = table.column(named: feature.column) else { continue }
            switch column.storage {
            case .numeric(let values): columns[feature.name] = .numbers(rows.map { values[$0] })
            case .categorical(let categories):
                columns[feature.name] = .texts(
                    rows.map { row in
                        let code = categories.codes[row]
                        return code < 0 ? "" : categories.vocabulary[Int(code)]
                    })
            }
        }
        return columns
    }

    /// Scores `rows` of `table` with `model` through the runtime's ``Scorer``, with `reasons` reason codes a row.
    ///
    /// - Throws: `ScoringError` when the table lacks a feature the model reads.
    static func score(
        _ model: RiskModel, table: Dataset, rows: [Int], reasons: Int = 0, threads: Int = 1
    ) throws -> ScoredBatch {
        try Scorer(model: model).score(
            columns: columns(of: model, table: table, rows: rows), reasons: reasons, threads: threads)
    }
}
