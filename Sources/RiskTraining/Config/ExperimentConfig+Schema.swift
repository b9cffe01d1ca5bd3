import RiskScoring

extension ExperimentConfig {
    /// The schema for reading this experiment's feature table: each indicator typed by its kind and checked
    /// against its valid range and missing policy while the file is parsed, so a bad value is reported with
    /// its line and column.
    ///
    /// `missing: zero` reads an empty field as 0, `missing: error` rejects it, `missing: allowed` keeps it
    /// missing. The identifier, quarter and label columns are read too; other columns are skipped.
    public var tableSchema: DatasetSchema {
        var types: [String: ColumnType] = [
            "enterprise_id": .categorical, split.quarterColumn: .categorical, label.kindColumn: .categorical,
            label.column: .numeric,
        ]
        var rules: [String: ColumnRule] = [label.column: ColumnRule(range: 0...1)]
        for indicator in indicatorSystem.indicators {
            types[indicator.column] = indicator.kind == .categorical ? .categorical : .numeric
            var rule = ColumnRule()
            if let range = indicator.validRange {
                rule.range = Float(range.lowerBound)...Float(range.upperBound)
            }
            switch indicator.missing {
            case .allowed: break
            case .zero: rule.missingValue = 0
            case .error: rule.allowsMissing = false
            }
            rules[indicator.column] = rule
        }
        return DatasetSchema(
            types: types,
            required: ["enterprise_id", split.quarterColumn] + featureColumns + [label.kindColumn, label.column],
            inferUndeclared: false, rules: rules)
    }

    /// The schema for reading the rows that train or validate a model: ``tableSchema`` reading only rows with
    /// a label (others are skipped while the file is read) and leaving out the identifier column, which
    /// training does not use.
    public var trainingTableSchema: DatasetSchema {
        var schema = tableSchema
        schema.skipRowsWithEmpty = label.column
        schema.required.removeAll { $0 == "enterprise_id" }
        schema.ignored.insert("enterprise_id")
        return schema
    }
}
