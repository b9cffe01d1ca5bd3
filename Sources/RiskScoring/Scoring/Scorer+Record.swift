/// One indicator's value in a record given by name.
public enum RecordValue: Sendable, Equatable {
    /// A number (a category code for a categorical indicator); NaN is missing. Rounded to `Float`, as the
    /// trainer stores values.
    case number(Double)
    /// Text read exactly as a CSV field: a number for numeric indicators, a category for categorical ones;
    /// empty is missing.
    case text(String)
    /// No value.
    case missing
}

extension Scorer {
    /// Scores one record given as raw fields by indicator name (or column name), as an inspector's look-up
    /// sends them: each field is read exactly as the same text in a CSV file would be. Absent indicators are
    /// missing; other keys are ignored.
    ///
    /// The result is bitwise the batch path's for the same row.
    ///
    /// - Throws: `RowRejection` naming the indicator when a value is missing against the policy, not a
    ///   number, or out of range.
    public func score(_ fields: [String: String], reasons: Int = 3) throws(RowRejection) -> ScoredRecord {
        try score(values: fields.mapValues { RecordValue.text($0) }, reasons: reasons)
    }

    /// Scores one record given as typed values by indicator name (or column name); see ``score(_:reasons:)``.
    ///
    /// - Throws: `RowRejection` naming the indicator at fault.
    public func score(values: [String: RecordValue], reasons: Int = 3) throws(RowRejection) -> ScoredRecord {
        var row = [Float](repeating: .nan, count: featureCount)
        var given = [RecordValue](repeating: .missing, count: featureCount)
        for (key, value) in values {
            guard let feature = feature(named: key) else { continue }
            // An indicator name beats a column name that happens to equal another feature's column.
            if key == model.features[feature].column, key != model.features[feature].name,
                values[model.features[feature].name] != nil
            {
                continue
            }
            given[feature] = value
        }
        for feature in 0..<featureCount {
            let reader = readers[feature]
            do throws(RowRejection.Reason) {
                switch given[feature] {
                case .missing: row[feature] = try reader.missingValue()
                case .text(let text): row[feature] = try reader.value(of: text)
                case .number(let number): row[feature] = try reader.value(of: number)
                }
            } catch {
                let described = model.features[feature]
                throw RowRejection(error, indicator: described.name, column: described.column)
            }
        }
        var rows = ScoredRows()
        score(rowMajor: row, rowCount: 1, reasons: reasons, into: &rows)
        return record(rows, row: 0) { text(ofValue: row[$0], feature: $0) }
    }
}
