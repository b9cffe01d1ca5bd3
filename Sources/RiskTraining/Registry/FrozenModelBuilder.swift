import Foundation
import RiskScoring

/// What every learner's run freezes the same way: the config's indicators as features (vocabularies from the
/// training table), the calibration, the grade cut-offs chosen by the config's policy and the hard rules,
/// digests of the training and validation tables, the config's text, the validation figures and golden vectors;
/// the learner gives the body and its weights.
struct FrozenModelBuilder {
    var config: ExperimentConfig
    var encoding: FeatureEncoding
    var trainFile: String
    var validationFile: String
    var trainQuarters: [String]
    var validationQuarter: String?
    var randomValidation: TrainingMetrics.Evaluation?
    var allValidation: TrainingMetrics.Evaluation?
    var goldenRows: [[Float]]
    /// Threads for grading the population; the model does not depend on it.
    var threads = 0

    /// The frozen model with `body` and `weights` (indicator → source → weight).
    ///
    /// The model is named after the experiment, versioned by its validation quarter (else its last training
    /// quarter); `riskgrade models add` can file it under another name or version. Its calibration, cut-offs
    /// and policy record come from the config's `grading` section through ``ModelGrader``, on the rows of
    /// ``GradingRows`` (the latest training quarter's enterprises and the validation set's random inspections).
    ///
    /// - Throws: When a table cannot be read (for its digest or its grading rows), `GradingError` when the
    ///   calibration or the grade policy cannot be met.
    func model(body: ModelBody, weights: [String: [String: Double]], createdAt: Date) throws -> RiskModel {
        let indicators = Dictionary(
            config.indicatorSystem.indicators.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let features = encoding.features.map { feature in
            let indicator = indicators[feature.name]
            return ModelFeature(
                name: feature.name, column: feature.column, dimension: feature.dimension, kind: feature.kind,
                direction: feature.direction, unit: indicator?.unit, validRange: indicator?.validRange,
                missing: indicator?.missing ?? Indicator.defaultMissingPolicy(for: feature.kind),
                vocabulary: feature.vocabulary)
        }
        var files = [trainFile]
        if validationFile != trainFile { files.append(validationFile) }
        var validation: [TrainingRecord.Validation] = []
        for (set, evaluation) in [("random_inspections", randomValidation), ("all_labelled", allValidation)] {
            guard let evaluation, evaluation.auc.isFinite, evaluation.logLoss.isFinite else { continue }
            validation.append(
                TrainingRecord.Validation(
                    set: set, rows: evaluation.rows, positives: evaluation.positives, auc: evaluation.auc,
                    logLoss: evaluation.logLoss))
        }
        var model = RiskModel(
            identity: ModelIdentity(
                name: config.name, version: validationQuarter ?? trainQuarters.last ?? "unversioned",
                createdAt: ModelIdentity.timestamp(createdAt), toolkitVersion: Toolkit.version),
            features: features, body: body,
            grading: GradingRules(hardRules: config.grading.hardRules),
            indicatorWeights: weights,
            training: TrainingRecord(
                data: try files.map {
                    try TrainingRecord.InputFile.digest(of: $0, name: ($0 as NSString).lastPathComponent)
                },
                config: config.yaml, settings: config.settings, validation: validation))
        let rows = try GradingRows.read(
            config: config, encoding: encoding, trainFile: trainFile, validationFile: validationFile,
            trainQuarters: trainQuarters, validationQuarter: validationQuarter)
        model = try ModelGrader(config: config, rows: rows, threads: threads).grade(model)
        model.goldenVectors = model.goldenVectors(for: goldenRows)
        return model
    }

    /// Writes `model` to `path` atomically, after checking that it loads (digest, invariants and golden
    /// vectors re-scored).
    static func write(_ model: RiskModel, to path: String) throws {
        let bytes = try model.canonicalBytes()
        _ = try RiskModel.decode(Data(bytes), file: path)
        try AtomicFile.write(bytes, to: path)
    }
}
