import RiskScoring

/// How a config's indicators become model inputs: numeric indicators as their values, categorical indicators
/// as codes into a vocabulary fixed from the training table and the categories hard rules name (sorted, so it
/// does not depend on row order).
/// A category the training table never had becomes a missing value, and is counted.
public struct FeatureEncoding: Sendable, Equatable {
    /// One model input.
    public struct Feature: Sendable, Equatable {
        /// The indicator's name.
        public var name: String
        /// The table column it is read from.
        public var column: String
        /// The indicator's dimension.
        public var dimension: String
        /// The indicator's kind.
        public var kind: IndicatorKind
        /// The indicator's risk direction (monotone constraint, reason codes).
        public var direction: RiskDirection
        /// The categories of a categorical indicator; code `i` is `vocabulary[i]`. Empty for numeric ones.
        public var vocabulary: [String]

        /// Whether the feature holds category codes.
        public var isCategorical: Bool { kind == .categorical }
    }

    /// The model inputs, in config order.
    public var features: [Feature]

    /// The encoding of `config`'s indicators, with vocabularies from the training table.
    ///
    /// - Throws: `DataError` when an indicator's column is missing from the table or has the wrong kind.
    public init(config: ExperimentConfig, training table: Dataset) throws {
        features = try config.indicatorSystem.indicators.map { indicator in
            var vocabulary: [String] = []
            if indicator.kind == .categorical {
                let column = try table.categorical(indicator.column)
                let used = Set(column.codes.filter { $0 >= 0 })
                // Categories a hard rule names join even when no training row holds them (closed or revoked
                // enterprises are rarely inspected), so the runtime can match them.
                let named = config.grading.hardRules.filter { $0.indicator == indicator.name }
                    .flatMap { $0.condition.categories ?? [] }
                vocabulary = Set(used.map { column.vocabulary[Int($0)] } + named).sorted()
            } else {
                _ = try table.numeric(indicator.column)
            }
            return Feature(
                name: indicator.name, column: indicator.column, dimension: indicator.dimension, kind: indicator.kind,
                direction: indicator.direction, vocabulary: vocabulary)
        }
    }

    /// The selected rows of `table` as one `Float` column per feature (category codes for categorical
    /// features, NaN for missing or unseen categories), and how many categorical values were unseen.
    public func columns(of table: Dataset, rows: [Int]) throws -> (columns: [[Float]], unseenCategories: Int) {
        var unseen = 0
        let columns = try features.indices.map { index -> [Float] in
            let column = try self.column(index, of: table, rows: rows)
            unseen += column.unseenCategories
            return column.values
        }
        return (columns, unseen)
    }

    /// Feature `index` of the selected rows of `table` as `Float` values, as ``columns(of:rows:)`` gives it.
    public func column(_ index: Int, of table: Dataset, rows: [Int]) throws -> (values: [Float], unseenCategories: Int)
    {
        let feature = features[index]
        guard feature.isCategorical else {
            let values = try table.numeric(feature.column)
            return (rows.map { values[$0] }, 0)
        }
        let column = try table.categorical(feature.column)
        var codeOf: [String: Int] = [:]
        for (code, category) in feature.vocabulary.enumerated() { codeOf[category] = code }
        let mapped: [Float] = column.vocabulary.map { codeOf[$0].map(Float.init) ?? .nan }
        var unseen = 0
        let values = rows.map { row -> Float in
            let code = column.codes[row]
            guard code >= 0 else { return .nan }
            let value = mapped[Int(code)]
            if value.isNaN { unseen += 1 }
            return value
        }
        return (values, unseen)
    }
}
