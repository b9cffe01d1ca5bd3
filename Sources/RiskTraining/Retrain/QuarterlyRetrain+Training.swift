import Foundation
import RiskScoring

extension QuarterlyRetrain {
    /// What the train stage produced: where the challenger's model file is, and its stage line's figures.
    struct TrainedChallenger {
        var modelFile: String
        var trainRows: Int
        var trainQuarters: [String]
        var validationQuarter: String?
        var randomValidation: TrainingMetrics.Evaluation?
        /// What was trained, e.g. `85 trees (warm start from general@2026Q2)` or `network, 7297 parameters`.
        var summary: String
    }

    /// The learner that trained `model`, from its body.
    static func learner(of model: RiskModel) -> Learner {
        switch model.body {
        case .trees: .gbdt
        case .network: .network
        case .scorecard: .scorecard
        case .weighted: .weighted
        }
    }

    /// Trains the challenger with the plan's config and learner and writes its outputs to
    /// ``challengerDirectory``, as `riskgrade train` would.
    func trainChallenger(_ plan: Plan, progress: @escaping @Sendable (String) -> Void) throws -> TrainedChallenger {
        let experiment = plan.experiment
        let directory = challengerDirectory
        let modelFile = (directory as NSString).appendingPathComponent(BoostingRun.Outcome.File.model)
        switch experiment.model.learner {
        case .gbdt:
            var boosting = BoostingRun(config: experiment)
            if warmStart { boosting.start = .warmStart(try BoostingRun.loadEnsemble(path: plan.championPath)) }
            let trained = try boosting.run(dataFile: data, progress: progress)
            try trained.write(to: directory)
            let m = trained.metrics
            return TrainedChallenger(
                modelFile: modelFile, trainRows: m.trainRows, trainQuarters: m.trainQuarters,
                validationQuarter: m.validationQuarter, randomValidation: m.randomValidation,
                summary: "\(m.rounds) trees" + (warmStart ? " (warm start from \(plan.championName))" : ""))
        case .network:
            let table = try Dataset.read(csv: data, schema: experiment.trainingTableSchema)
            let trained = try NetworkRun(config: experiment).run(table: table, file: data, progress: progress)
            try trained.write(to: directory)
            let m = trained.metrics
            return TrainedChallenger(
                modelFile: modelFile, trainRows: m.trainRows, trainQuarters: m.trainQuarters,
                validationQuarter: m.validationQuarter, randomValidation: m.randomValidation,
                summary: "network, \(m.parameterCount) parameters, \(m.epochs) epochs (best \(m.bestEpoch))")
        case .scorecard, .weighted:
            let table = try Dataset.read(csv: data, schema: experiment.trainingTableSchema)
            var run = ScorecardRun(config: experiment, learner: experiment.model.learner)
            run.configFile = plan.configSource.source
            run.weightsFile = weightsFile
            run.threads = threads
            let trained = try run.run(table: table, file: data, progress: progress)
            try trained.write(to: directory)
            let m = trained.metrics
            let bins = trained.binnings.reduce(0) { $0 + $1.bins.binCount }
            return TrainedChallenger(
                modelFile: modelFile, trainRows: m.trainRows, trainQuarters: m.trainQuarters,
                validationQuarter: m.validationQuarter, randomValidation: m.randomValidation,
                summary: "\(experiment.model.learner == .weighted ? "weighted" : "logistic") scorecard, \(bins) bins")
        }
    }
}
