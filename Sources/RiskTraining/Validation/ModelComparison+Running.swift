import Foundation
import RiskScoring

extension ModelComparison {
    /// The files a comparison writes into its output folder.
    public enum File {
        public static let json = "comparison.json"
        public static let markdown = "comparison.md"
        public static let html = "comparison.html"
    }

    /// The reason codes listed per model for each moved enterprise.
    public static let reasonCount = 3

    /// The `indicatorWeights` sources read as a model's learned weights, the first present winning: mean |TreeSHAP|,
    /// mean |integrated gradients|, |coefficient × WOE standard deviation|, a weighted scorecard's expert weights,
    /// split gain, then the other weights-table columns a weighted scorecard may score with (`blend`, `entropy`, …).
    public static let weightSources =
        ["shap", "integrated_gradients", "coefficient_woe_sd", "expert", "gain"]
        + ScorecardParameters.weightColumns.filter { $0 != WeightSource.expert.rawValue }

    /// Reads the feature table both models score: the config's `tableSchema` (label, kind, quarter and indicator
    /// columns, checked while read) plus any column a model reads that the config lacks, typed by the model.
    ///
    /// - Throws: `ModelComparisonError` when the header lacks a column a model reads or a model reads a column
    ///   as the other kind of value; `CSVError` for anything the file itself gets wrong.
    public static func readTable(
        path: String, config: ExperimentConfig, models: [(name: String, model: RiskModel)]
    ) throws -> Dataset {
        let header = try CSVReader(path: path).header
        var schema = config.tableSchema
        for (name, model) in models {
            var missing: [String] = []
            for feature in model.features where !header.contains(feature.column) && !missing.contains(feature.column) {
                missing.append(feature.column)
            }
            guard missing.isEmpty else {
                throw ModelComparisonError.missingColumns(file: path, model: name, missing: missing)
            }
            for feature in model.features {
                let type: ColumnType = feature.kind == .categorical ? .categorical : .numeric
                if let declared = schema.types[feature.column] {
                    guard declared == type else {
                        throw ModelComparisonError.kindConflict(
                            file: path, model: name, column: feature.column, modelKind: "\(type)",
                            tableKind: "\(declared)")
                    }
                } else {
                    schema.types[feature.column] = type
                    schema.required.append(feature.column)
                }
            }
        }
        return try Dataset.read(csv: path, schema: schema)
    }

    /// Scores the rows of `quarters` in `table` with both models through the runtime's ``Scorer`` and compares
    /// them on the rows both read.
    ///
    /// - Parameters:
    ///   - config: gives the label, inspection-kind and quarter columns and the gates (`compare`).
    ///   - quarters: empty takes the quarters after the later model's version (out of time for both), else the
    ///     table's last.
    /// - Throws: `LabelError` when no row is in the quarters, `ScoringError` when the table lacks a feature,
    ///   `ModelComparisonError` when a model reads none of the rows, `StatisticsError` as
    ///   ``init(champion:challenger:data:quarters:rows:characteristic:characteristicNote:weights:gates:)``.
    public static func run(
        champion: (name: String, model: RiskModel), challenger: (name: String, model: RiskModel), table: Dataset,
        file: String, config: ExperimentConfig, quarters: [Quarter] = [], threads: Int = 1
    ) throws -> ModelComparison {
        let versions = [champion.model, challenger.model].compactMap { Quarter($0.identity.version) }
        let (chosen, selected) = try QuarterScoring.rows(
            of: table, file: file, quarterColumn: config.split.quarterColumn, quarters: quarters,
            after: versions.max())
        let first = try QuarterScoring.score(champion.model, table: table, rows: selected, threads: threads)
        let second = try QuarterScoring.score(challenger.model, table: table, rows: selected, threads: threads)
        for (side, batch) in [(champion, first), (challenger, second)] where batch.inputRows.isEmpty {
            throw ModelComparisonError.nothingScored(
                file: file, model: side.name, reason: batch.rejected.first.map { "\($0.rejection)" } ?? "no rows")
        }
        var secondIndex = [Int](repeating: -1, count: selected.count)
        for (index, input) in second.inputRows.enumerated() { secondIndex[input] = index }

        let labels = try table.numeric(config.label.column)
        let kinds = try table.categorical(config.label.kindColumn)
        let kindOfCode = kinds.vocabulary.map { InspectionKind(rawValue: $0) }
        let quarterColumn = try table.categorical(config.split.quarterColumn)
        let ids = try? table.categorical("enterprise_id")
        var rows: [ComparedRow] = []
        var tableRows: [Int] = []
        for (i, input) in first.inputRows.enumerated() where secondIndex[input] >= 0 {
            let j = secondIndex[input], row = selected[input]
            let code = kinds.codes[row]
            let kind = code < 0 ? nil : kindOfCode[Int(code)]
            let id = ids.map { $0.codes[row] < 0 ? "" : $0.vocabulary[Int($0.codes[row])] } ?? "row \(row + 1)"
            let quarter = quarterColumn.codes[row] < 0 ? "" : quarterColumn.vocabulary[Int(quarterColumn.codes[row])]
            rows.append(
                ComparedRow(
                    enterprise: id, quarter: quarter,
                    label: labels[row].isNaN || kind == nil ? nil : Double(labels[row]), kind: kind,
                    champion: (first.rows.probabilities[i], first.rows.scores[i], first.rows.grades[i]),
                    challenger: (second.rows.probabilities[j], second.rows.scores[j], second.rows.grades[j])))
            tableRows.append(row)
        }
        guard !rows.isEmpty else {
            throw ModelComparisonError.nothingScored(
                file: file, model: "\(champion.name) and \(challenger.name) together",
                reason: "each row was rejected by one of them")
        }

        let (characteristic, note) = characteristicStability(
            table: table, quarterColumn: config.split.quarterColumn, champion: champion.model,
            challenger: challenger.model)
        let firstWeights = learnedShares(champion.model), secondWeights = learnedShares(challenger.model)
        var comparison = try ModelComparison(
            champion: Side(
                model: champion.name, body: champion.model.body.kind, rejected: first.rejected.count, excluded: 0,
                weightSource: firstWeights?.source),
            challenger: Side(
                model: challenger.name, body: challenger.model.body.kind, rejected: second.rejected.count,
                excluded: 0, weightSource: secondWeights?.source),
            data: file, quarters: chosen.map(\.description), rows: rows, characteristic: characteristic,
            characteristicNote: note,
            weights: weightChanges(
                indicators: indicators(champion.model, challenger.model).map(\.name), champion: firstWeights?.shares,
                challenger: secondWeights?.shares),
            gates: config.compare)

        // The movers' reason codes under each model, scored again with reasons (a handful of rows).
        let order = moverOrder(
            champion: rows.map { ($0.champion.score, $0.champion.grade) },
            challenger: rows.map { ($0.challenger.score, $0.challenger.grade) }, limit: moverLimit)
        let moverRows = order.map { tableRows[$0] }
        for (side, model) in [(0, champion.model), (1, challenger.model)] {
            let scorer = Scorer(model: model)
            let batch = try scorer.score(
                columns: QuarterScoring.columns(of: model, table: table, rows: moverRows), reasons: reasonCount,
                threads: 1)
            for (index, input) in batch.inputRows.enumerated() {
                let reasons = scorer.record(batch, index: index).reasons.map {
                    Reason(indicator: $0.indicator, value: $0.value, contribution: $0.contribution)
                }
                if side == 0 {
                    comparison.movers[input].champion.reasons = reasons
                } else {
                    comparison.movers[input].challenger.reasons = reasons
                }
            }
        }
        return comparison
    }

    /// Both models' features, the champion's first, each column once.
    static func indicators(_ champion: RiskModel, _ challenger: RiskModel) -> [ModelFeature] {
        var features = champion.features
        for feature in challenger.features where !features.contains(where: { $0.column == feature.column }) {
            features.append(feature)
        }
        return features
    }

    /// The model's learned weight shares, from the first of ``weightSources`` it carries, renormalised to sum
    /// to 1 over its indicators (negative values count 0); nil when it carries none.
    static func learnedShares(_ model: RiskModel) -> (source: String, shares: [String: Double])? {
        for source in weightSources {
            let values = model.features.map { model.indicatorWeights[$0.name]?[source] }
            guard values.contains(where: { $0 != nil }) else { continue }
            let raw = values.map { max(0, $0 ?? 0) }
            let total = raw.reduce(0, +)
            var shares: [String: Double] = [:]
            for (feature, value) in zip(model.features, raw) { shares[feature.name] = total > 0 ? value / total : 0 }
            return (source, shares)
        }
        return nil
    }

    /// The weight shares side by side, in `indicators` order.
    static func weightChanges(indicators: [String], champion: [String: Double]?, challenger: [String: Double]?)
        -> [WeightChange]
    {
        indicators.map { name in
            let a = champion.map { $0[name] ?? 0 }, b = challenger.map { $0[name] ?? 0 }
            return WeightChange(
                indicator: name, champion: a, challenger: b,
                difference: a == nil && b == nil ? nil : (b ?? 0) - (a ?? 0))
        }
    }

    /// The quarter a model's grades were fitted on: its grade policy's population, else its version.
    static func population(of model: RiskModel) -> Quarter? {
        model.grading.policy.flatMap { Quarter($0.population) } ?? Quarter(model.identity.version)
    }

    /// CSI per indicator between the champion's population and the challenger's (see ``population(of:)``), bins
    /// from the champion's: numeric indicators at its deciles (values ≤ the edge, as `binCounts`), categorical
    /// ones by category in the table's order, missing values in a bin of their own.
    static func characteristicStability(
        table: Dataset, quarterColumn: String, champion: RiskModel, challenger: RiskModel
    ) -> (CharacteristicStability?, String?) {
        guard let expected = population(of: champion), let actual = population(of: challenger) else {
            return (nil, "a model names no population quarter (its version is not a quarter like 2026Q2)")
        }
        guard let quarters = try? table.categorical(quarterColumn) else {
            return (nil, "the table has no quarter column \"\(quarterColumn)\"")
        }
        let quarterOfCode = quarters.vocabulary.map(Quarter.init)
        func rows(of quarter: Quarter) -> [Int] {
            (0..<table.rowCount).filter { row in
                let code = quarters.codes[row]
                return code >= 0 && quarterOfCode[Int(code)] == quarter
            }
        }
        let expectedRows = rows(of: expected), actualRows = rows(of: actual)
        guard !expectedRows.isEmpty, !actualRows.isEmpty else {
            let absent = expectedRows.isEmpty ? expected : actual
            return (nil, "the table holds no row of \(absent), a model's population; compare on a table holding it")
        }
        var result: [IndicatorStability] = []
        for feature in indicators(champion, challenger) {
            guard let column = table.column(named: feature.column) else { continue }
            var labels: [String] = []
            var expectedCounts: [Double] = [], actualCounts: [Double] = []
            var kind = "numeric"
            switch column.storage {
            case .numeric(let values):
                let reference = expectedRows.map { Double(values[$0]) }.filter { !$0.isNaN }
                let edges = reference.isEmpty ? [] : (try? PopulationStability.quantileEdges(of: reference)) ?? []
                func counts(_ rows: [Int]) -> [Double] {
                    var counts = [Double](repeating: 0, count: edges.count + 2)
                    for row in rows {
                        let value = Double(values[row])
                        counts[value.isNaN ? edges.count + 1 : PopulationStability.bin(of: value, edges: edges)] += 1
                    }
                    return counts
                }
                expectedCounts = counts(expectedRows)
                actualCounts = counts(actualRows)
                let texts = edges.map(displayNumber)
                labels =
                    edges.isEmpty
                    ? ["all values"]
                    : ["≤ \(texts[0])"] + zip(texts, texts.dropFirst()).map { "(\($0), \($1)]" } + [
                        "> \(texts.last ?? "")"
                    ]
                labels.append("(missing)")
            case .categorical(let categories):
                kind = "categorical"
                func counts(_ rows: [Int]) -> [Double] {
                    var counts = [Double](repeating: 0, count: categories.vocabulary.count + 1)
                    for row in rows {
                        let code = categories.codes[row]
                        counts[code < 0 ? categories.vocabulary.count : Int(code)] += 1
                    }
                    return counts
                }
                expectedCounts = counts(expectedRows)
                actualCounts = counts(actualRows)
                labels = categories.vocabulary + ["(missing)"]
            }
            // Bins neither population holds carry no information.
            let kept = labels.indices.filter { expectedCounts[$0] > 0 || actualCounts[$0] > 0 }
            guard
                let stability = try? PopulationStability(
                    expectedCounts: kept.map { expectedCounts[$0] }, actualCounts: kept.map { actualCounts[$0] })
            else { continue }
            result.append(
                IndicatorStability(
                    indicator: feature.name, kind: kind, bins: kept.map { labels[$0] }, stability: stability))
        }
        return (
            CharacteristicStability(
                championPopulation: expected.description, challengerPopulation: actual.description, indicators: result),
            nil
        )
    }

    /// Writes `comparison.json`, `comparison.md` and `comparison.html` into `directory` (created if needed), each
    /// atomically.
    public func write(to directory: String, language: ReportLanguage = .english) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try ReportFile.writeJSON(self, to: (directory as NSString).appendingPathComponent(File.json))
        try ReportFile.write(
            Data(markdown(language: language).utf8), to: (directory as NSString).appendingPathComponent(File.markdown))
        try ReportFile.write(
            Data(html(language: language).utf8), to: (directory as NSString).appendingPathComponent(File.html))
    }
}
