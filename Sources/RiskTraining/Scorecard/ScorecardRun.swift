import Foundation
import RiskScoring

/// One training run of a scorecard learner from an experiment config and a feature table: the time split of
/// the other learners, monotone binning of every indicator on the training rows, then either the logistic
/// scorecard (IRLS on the bins' WOE, points by the config's scaling) or the weighted scorecard (the config's
/// expert weights × each indicator's 0-100 risk score, with a two-coefficient logistic fit of the labels on
/// its points), validated through the runtime's evaluator.
public struct ScorecardRun: Sendable {
    /// What the run produced.
    public struct Outcome: Sendable {
        /// The frozen body: `scorecard` or `weighted`.
        public var body: ModelBody
        /// Every indicator's binning, in feature order.
        public var binnings: [IndicatorBinning]
        /// How indicators became features (names, directions, vocabularies).
        public var encoding: FeatureEncoding
        /// The figures written to `metrics.json`.
        public var metrics: ScorecardMetrics
        /// Per indicator, the learned share (`coefficient_woe_sd`: |coefficient × WOE standard deviation|,
        /// normalised) for the logistic scorecard, or the weight the weighted scorecard used.
        public var indicatorShares: [Double]
        /// The weighted scorecard's weights and where they came from; `nil` for the logistic scorecard.
        public var weights: ScorecardWeights?
        /// The experiment config the run trained with.
        public var config: ExperimentConfig
        /// Rows (one value per feature) the frozen model keeps as golden vectors.
        public var goldenRows: [[Float]]
        /// The fit's linear predictor on the training rows, in training-row order (the runtime's margins of
        /// those rows equal it: parity checks).
        public var trainMargins: [Double]
    }

    /// The experiment.
    public var config: ExperimentConfig
    /// `scorecard` or `weighted`.
    public var learner: Learner
    /// The config's file, named in expert-weight errors.
    public var configFile = "config"
    /// The weights table (`weights.json` of `riskgrade weights`) whose column `model.scorecard.weights` the
    /// weighted scorecard takes; `nil`: the config's expert weights (the column must then be `expert`).
    public var weightsFile: String?
    /// Worker threads (0 = every core); the model does not depend on it.
    public var threads = 0

    /// A run of `config` with `learner` (`scorecard` or `weighted`).
    public init(config: ExperimentConfig, learner: Learner) {
        precondition(learner == .scorecard || learner == .weighted, "ScorecardRun trains scorecards only")
        self.config = config
        self.learner = learner
    }

    /// Trains on `table` (time-split by the config), or on all of `table` with `validationTable` as the
    /// validation set when one is given.
    ///
    /// - Throws: `CSVError`/`DataError`/`LabelError` for unusable tables, `ScorecardError` from the fit or the
    ///   weights table, `WeightsError` from inconsistent expert comparisons.
    public func run(
        table: Dataset, file: String, validationTable: (table: Dataset, file: String)? = nil,
        progress: @escaping (String) -> Void = { _ in }
    ) throws -> Outcome {
        let parameters = config.model.scorecard
        let encoding = try FeatureEncoding(config: config, training: table)
        let (selected, validation) = try config.trainingSelection(
            table: table, file: file, validationTable: validationTable)
        let trainRows = selected.train
        let allLabels = try table.numeric(config.label.column)
        let labels = trainRows.map { allLabels[$0] }
        let weights = selected.trainWeights.allSatisfy { $0 == 1 } ? nil : selected.trainWeights
        let columns = try encoding.columns(of: table, rows: trainRows).columns
        let trainQuarters = selected.trainQuarters.map(\.description)
        progress(
            "train: \(trainRows.count) labelled rows (quarters \(trainQuarters.first ?? "-")..\(trainQuarters.last ?? "-")), "
                + "validation \(validation.random.count) random of \(validation.all.count) labelled rows, "
                + "\(encoding.features.count) indicators, learner \(learner.rawValue)")

        // The weights first, so a bad weights table fails before the binning's work.
        let used = learner == .weighted ? try scorecardWeights(features: encoding.features.map(\.name)) : nil
        let start = Date()
        let binnings = Self.binnings(
            columns: columns, labels: labels, weights: weights, encoding: encoding, parameters: parameters,
            threads: threads)
        let fitted: Fitted
        if let chosen = used {
            fitted = try Self.fitWeighted(
                binnings: binnings, indicatorWeights: chosen.weights, columns: columns, labels: labels,
                weights: weights, parameters: parameters, threads: threads)
            progress(
                "weights: \(chosen.column) of \(chosen.path ?? configFile)"
                    + (chosen.unweighted.isEmpty
                        ? "" : "; no weight (0) for \(chosen.unweighted.joined(separator: ", "))"))
        } else {
            fitted = try Self.fitScorecard(
                binnings: binnings, columns: columns, labels: labels, weights: weights, encoding: encoding,
                parameters: parameters, threads: threads)
            progress("IRLS: \(fitted.iterations) iterations, train log loss \(String(format: "%.5f", fitted.logLoss))")
        }
        let seconds = Date().timeIntervalSince(start)

        // Validation through the runtime's evaluator: random inspections, and every labelled row.
        let validLabels = try validation.table.numeric(config.label.column)
        let validColumns = try encoding.columns(of: validation.table, rows: validation.random)
        func evaluate(_ rows: [Int]) throws -> TrainingMetrics.Evaluation? {
            guard !rows.isEmpty else { return nil }
            let columns = try encoding.columns(of: validation.table, rows: rows).columns
            let margins = fitted.body.margins(rowMajor: Self.rowMajor(columns))
            let y = rows.map { validLabels[$0] }
            return TrainingMetrics.Evaluation(
                rows: rows.count, positives: y.reduce(0) { $0 + Int($1) },
                auc: Metrics.auc(scores: margins, labels: y), logLoss: Metrics.logLoss(margins: margins, labels: y))
        }
        let explained = validation.all.isEmpty ? (table, trainRows) : (validation.table, validation.all)
        let sample = BoostingRun.sample(explained.1, size: BoostingRun.goldenRowCount, seed: config.model.seed)
        let sampleColumns = try encoding.columns(of: explained.0, rows: sample).columns
        let metrics = ScorecardMetrics(
            learner: learner.rawValue, experiment: config.name, toolkitVersion: Toolkit.version, trainFile: file,
            validationFile: validation.file, trainQuarters: trainQuarters,
            validationQuarter: selected.validationQuarter?.description, trainRows: trainRows.count,
            trainPositives: labels.reduce(0) { $0 + Int($1) },
            unseenValidationCategories: validColumns.unseenCategories,
            randomValidation: try evaluate(validation.random), allValidation: try evaluate(validation.all),
            iterations: fitted.iterations, trainLogLoss: fitted.logLoss,
            indicatorsInRegression: fitted.regressionIndicators,
            chosenDirections: zip(encoding.features, binnings).filter { $0.1.directionChosenByIV }.map {
                ScorecardMetrics.ChosenDirection(indicator: $0.0.name, direction: $0.1.direction.rawValue)
            }, weights: used.map(ScorecardMetrics.WeightsUsed.init), trainingSeconds: seconds,
            peakResidentMegabytes: ResourceUsage.peakResidentBytes().map { Double($0) / 1_048_576 },
            blasCore: BLAS.coreName, parameters: parameters, seed: config.model.seed)
        return Outcome(
            body: fitted.body, binnings: binnings, encoding: encoding, metrics: metrics,
            indicatorShares: fitted.shares, weights: used, config: config,
            goldenRows: BoostingRun.goldenRows(columns: sampleColumns, featureCount: encoding.features.count),
            trainMargins: fitted.trainMargins)
    }

    /// What a fit produced.
    struct Fitted {
        var body: ModelBody
        var shares: [Double]
        var iterations: Int
        var logLoss: Double
        var regressionIndicators: [String]
        var trainMargins: [Double]
    }

    /// Every feature's monotone binning over the training rows, in parallel over features (each binning is
    /// independent, so the result does not depend on `threads`).
    static func binnings(
        columns: [[Float]], labels: [Float], weights: [Float]?, encoding: FeatureEncoding,
        parameters: ScorecardParameters, threads: Int
    ) -> [IndicatorBinning] {
        Parallel.map(columns.count, threads: threads) { f in
            let feature = encoding.features[f]
            return MonotoneBinning.bin(
                values: columns[f], labels: labels, weights: weights, isCategorical: feature.isCategorical,
                vocabularySize: feature.vocabulary.count, direction: feature.direction, parameters: parameters)
        }
    }

    /// The logistic scorecard: IRLS on the WOE of the indicators whose bins carry more than one WOE (the
    /// others get coefficient 0), then the points of the config's scaling.
    static func fitScorecard(
        binnings: [IndicatorBinning], columns: [[Float]], labels: [Float], weights: [Float]?,
        encoding: FeatureEncoding, parameters: ScorecardParameters, threads: Int
    ) throws -> Fitted {
        let active = binnings.indices.filter { f in
            let seen = binnings[f].woe.indices.filter { binnings[f].weights[$0] > 0 }.map { binnings[f].woe[$0] }
            return Set(seen).count > 1
        }
        let design = BinnedDesign(
            bins: active.map { f in columns[f].map { UInt8(binnings[f].bins.bin(of: $0)) } },
            tables: active.map { binnings[$0].woe }, rowCount: labels.count)
        let names = active.map { encoding.features[$0].name }
        let fit = try LogisticRegression.fit(
            design, labels: labels, weights: weights, l2: parameters.l2, tolerance: parameters.tolerance,
            maxIterations: parameters.maxIterations, names: names, threads: threads)
        var coefficients = [Double](repeating: 0, count: binnings.count)
        for (j, f) in active.enumerated() { coefficients[f] = fit.coefficients[j + 1] }
        let card = Scorecard(
            bins: binnings.map(\.bins), woe: binnings.map(\.woe), coefficients: coefficients,
            intercept: fit.coefficients[0],
            scaling: Scorecard.Scaling(
                pdo: parameters.pdo, baseScore: parameters.baseScore, baseOdds: parameters.baseOdds))
        // Learned weights: |coefficient × weighted standard deviation of the row's WOE|, as shares.
        var raw = [Double](repeating: 0, count: binnings.count)
        for (j, f) in active.enumerated() {
            let binning = binnings[f]
            let total = binning.weights.reduce(0, +)
            let mean = zip(binning.weights, binning.woe).reduce(0) { $0 + $1.0 * $1.1 } / total
            let variance =
                zip(binning.weights, binning.woe).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) } / total
            raw[f] = abs(fit.coefficients[j + 1] * variance.squareRoot())
        }
        let sum = raw.reduce(0, +)
        return Fitted(
            body: .scorecard(card), shares: raw.map { sum > 0 ? $0 / sum : 0 }, iterations: fit.iterations,
            logLoss: fit.logLoss, regressionIndicators: names,
            trainMargins: LogisticRegression.linearPredictor(design, fit.coefficients))
    }

    /// The weights of the weighted scorecard: column `model.scorecard.weights` of ``weightsFile``, else the
    /// config's expert weights, for `features`.
    ///
    /// - Throws: `ScorecardError.weightsTableNeeded` for a column other than `expert` without a table, and what
    ///   ``ScorecardWeights`` throws.
    func scorecardWeights(features: [String]) throws -> ScorecardWeights {
        let column = config.model.scorecard.weights
        if let weightsFile { return try ScorecardWeights.load(path: weightsFile, column: column, features: features) }
        guard column == WeightSource.expert.rawValue else { throw ScorecardError.weightsTableNeeded(column: column) }
        return try ScorecardWeights.expert(config: config, configFile: configFile, features: features)
    }

    /// The weighted scorecard: `indicatorWeights` (≥ 0, summing to 1, in feature order) × each indicator's risk
    /// scores, and the logistic fit of the labels on its points.
    static func fitWeighted(
        binnings: [IndicatorBinning], indicatorWeights: [Double], columns: [[Float]], labels: [Float],
        weights: [Float]?, parameters: ScorecardParameters, threads: Int
    ) throws -> Fitted {
        precondition(indicatorWeights.count == binnings.count, "one weight per indicator")
        var card = WeightedScorecard(
            indicators: binnings.indices.map { f in
                WeightedScorecard.Indicator(
                    bins: binnings[f].bins, riskScores: binnings[f].riskScores, weight: indicatorWeights[f])
            }, intercept: 0, slope: 0)
        // Row by row in feature order, the arithmetic of `WeightedScorecard.points(_:)`, without a row-major copy.
        let points = labels.indices.map { r in
            var sum = 0.0
            for (f, indicator) in card.indicators.enumerated() {
                sum += indicator.weight * indicator.riskScores[indicator.bins.bin(of: columns[f][r])]
            }
            return 10 * sum
        }
        let fit = try LogisticRegression.fit(
            DenseDesign(columns: [points], rowCount: points.count), labels: labels, weights: weights, l2: 0,
            tolerance: parameters.tolerance, maxIterations: parameters.maxIterations, names: ["points"],
            threads: threads)
        card.intercept = fit.coefficients[0]
        card.slope = fit.coefficients[1]
        return Fitted(
            body: .weighted(card), shares: indicatorWeights, iterations: fit.iterations, logLoss: fit.logLoss,
            regressionIndicators: ["points"], trainMargins: points.map { card.margin(points: $0) })
    }

    /// Feature columns as one row-major array.
    static func rowMajor(_ columns: [[Float]]) -> [Float] {
        let rows = columns.first?.count ?? 0
        let width = columns.count
        var result = [Float](repeating: 0, count: rows * width)
        for (f, column) in columns.enumerated() {
            for r in 0..<rows { result[r * width + f] = column[r] }
        }
        return result
    }
}
