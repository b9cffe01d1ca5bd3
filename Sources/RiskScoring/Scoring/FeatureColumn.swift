/// One feature's values for a columnar batch.
public enum FeatureColumn: Sendable, Equatable {
    /// Numbers, NaN for missing; a categorical feature takes category codes.
    case numbers([Float])
    /// Text read exactly as CSV fields (numbers for numeric features, categories for categorical ones); an
    /// empty text is missing.
    case texts([String])

    /// The number of values.
    public var count: Int {
        switch self {
        case .numbers(let values): values.count
        case .texts(let values): values.count
        }
    }
}

/// A batch that does not fit the model; nothing of it is scored.
public enum ScoringError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Features the model needs are not among the columns given.
    case missingColumns(missing: [String], available: [String])
    /// Columns of different lengths.
    case columnLength(column: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .missingColumns(let missing, let available):
            let names = missing.map { "\"\($0)\"" }.joined(separator: ", ")
            return "the model needs column\(missing.count == 1 ? "" : "s") \(names), missing from the input "
                + "(it has \(available.map { "\"\($0)\"" }.joined(separator: ", "))); add them, or score with the "
                + "model the input was prepared for"
        case .columnLength(let column, let expected, let found):
            return "column \"\(column)\" has \(found) values, the batch \(expected) rows; give every column one "
                + "value a row"
        }
    }
}

/// The scores of a columnar batch: the rows that could be scored, in input order, and the rows that could not.
public struct ScoredBatch: Sendable {
    /// A row that could not be scored.
    public struct Rejected: Sendable, Equatable {
        /// The input row (0-based).
        public var row: Int
        /// Why.
        public var rejection: RowRejection
    }

    /// The outputs of the scored rows.
    public var rows: ScoredRows
    /// The input row of each scored row, increasing.
    public var inputRows: [Int]
    /// The values the model read for the scored rows, row-major (NaN for missing, category codes).
    public var values: [Float]
    /// The rows that could not be scored, in input order.
    public var rejected: [Rejected]
}

extension Scorer {
    /// Scores a columnar batch: one column per feature, keyed by indicator name (or column name); other
    /// columns are ignored. Each value is read by its feature's kind, vocabulary, valid range and missing
    /// policy; a row with a value that cannot be read is rejected with the reason, the others are scored as
    /// ``score(rowMajor:rowCount:reasons:threads:into:)`` does.
    ///
    /// - Throws: `ScoringError` when a feature has no column or the columns differ in length.
    /// - Complexity: O(rows × features) to read, then as the row-major path.
    public func score(columns: [String: FeatureColumn], reasons: Int = 0, threads: Int = 1) throws(ScoringError)
        -> ScoredBatch
    {
        var byFeature = [FeatureColumn?](repeating: nil, count: featureCount)
        for (key, column) in columns {
            guard let feature = feature(named: key) else { continue }
            if byFeature[feature] == nil || key == model.features[feature].name { byFeature[feature] = column }
        }
        let missing = model.features.indices.filter { byFeature[$0] == nil }.map { model.features[$0].name }
        guard missing.isEmpty else { throw .missingColumns(missing: missing, available: columns.keys.sorted()) }
        let rowCount = byFeature.first??.count ?? 0
        for (feature, column) in byFeature.enumerated() where column?.count != rowCount {
            throw .columnLength(column: model.features[feature].name, expected: rowCount, found: column?.count ?? 0)
        }
        let width = featureCount
        var values = [Float](repeating: .nan, count: rowCount * width)
        var inputRows: [Int] = []
        inputRows.reserveCapacity(rowCount)
        var rejected: [ScoredBatch.Rejected] = []
        var accepted = 0
        for row in 0..<rowCount {
            var failure: RowRejection?
            for feature in 0..<width {
                let reader = readers[feature]
                do throws(RowRejection.Reason) {
                    let value: Float
                    switch byFeature[feature] {
                    case .numbers(let numbers): value = try reader.value(of: numbers[row])
                    case .texts(let texts): value = try reader.value(of: texts[row])
                    case nil: value = .nan
                    }
                    values[accepted * width + feature] = value
                } catch {
                    let described = model.features[feature]
                    failure = RowRejection(error, indicator: described.name, column: described.column)
                    break
                }
            }
            if let failure {
                rejected.append(ScoredBatch.Rejected(row: row, rejection: failure))
            } else {
                inputRows.append(row)
                accepted += 1
            }
        }
        var rows = ScoredRows()
        score(rowMajor: values, rowCount: accepted, reasons: reasons, threads: threads, into: &rows)
        values.removeLast((rowCount - accepted) * width)
        return ScoredBatch(rows: rows, inputRows: inputRows, values: values, rejected: rejected)
    }

    /// Scored row `index` of `batch` as a ``ScoredRecord``.
    public func record(_ batch: ScoredBatch, index: Int) -> ScoredRecord {
        record(batch.rows, row: index) { text(ofValue: batch.values[index * featureCount + $0], feature: $0) }
    }
}
