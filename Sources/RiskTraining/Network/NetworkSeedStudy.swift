import Foundation

/// The network trained once per seed on the same tables: each seed's validation figures, and the spread of the
/// AUCs. The seed alone (initial weights and batch order) moves a network's AUC by about as much as two
/// implementations differ, so comparisons with other libraries quote medians over seeds, not single runs.
public struct NetworkSeedStudy: Sendable {
    /// One seed's run.
    public struct Trial: Codable, Sendable, Equatable {
        /// The seed (`model.seed`).
        public var seed: UInt64
        /// Epochs run and the epoch whose weights were kept.
        public var epochs: Int
        public var bestEpoch: Int
        /// On the validation set's random inspections, and on every labelled validation row.
        public var randomValidation: TrainingMetrics.Evaluation?
        public var allValidation: TrainingMetrics.Evaluation?
        /// Seconds of encoding and training, as `metrics.json`'s `trainingSeconds`.
        public var trainingSeconds: Double
    }

    /// The spread of one figure over the seeds.
    public struct Summary: Codable, Sendable, Equatable {
        /// Values summarised.
        public var count: Int
        /// The middle value (the mean of the two middle ones for an even count).
        public var median: Double
        /// The arithmetic mean.
        public var mean: Double
        /// The sample standard deviation, `√(Σ(x − mean)² / (n − 1))`; 0 for one value.
        public var standardDeviation: Double
        /// The smallest and largest values.
        public var minimum: Double
        public var maximum: Double

        /// The summary of `values`, or `nil` when there are none.
        ///
        /// - Complexity: O(n log n).
        public init?(_ values: [Double]) {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            let n = sorted.count
            count = n
            median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            mean = sorted.reduce(0, +) / Double(n)
            let centre = mean
            let squares = sorted.reduce(0) { $0 + ($1 - centre) * ($1 - centre) }
            standardDeviation = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0
            minimum = sorted[0]
            maximum = sorted[n - 1]
        }
    }

    /// One trial per seed, in the order the seeds were given.
    public var trials: [Trial]

    /// The AUCs on every labelled validation row (what `../shared/bench/peers` computes), over the seeds.
    public var allValidationAUC: Summary? { Summary(trials.compactMap { $0.allValidation?.auc }) }
    /// The AUCs on the validation set's random inspections, over the seeds.
    public var randomValidationAUC: Summary? { Summary(trials.compactMap { $0.randomValidation?.auc }) }

    /// Trains `config`'s network once per seed of `seeds` on the same tables (see ``NetworkRun/run(table:file:validationTable:progress:)``)
    /// and keeps each run's validation figures; nothing is written.
    ///
    /// - Throws: What ``NetworkRun`` throws.
    public static func run(
        config: ExperimentConfig, seeds: [UInt64], table: Dataset, file: String,
        validationTable: (table: Dataset, file: String)? = nil, progress: @escaping (String) -> Void = { _ in }
    ) throws -> NetworkSeedStudy {
        var trials: [Trial] = []
        for seed in seeds {
            var seeded = config
            seeded.model.seed = seed
            var run = NetworkRun(config: seeded)
            // The attributions are not part of the study; a few rows keep the run's shape.
            run.attributionSampleSize = 32
            let outcome = try run.run(table: table, file: file, validationTable: validationTable) { progress($0) }
            let m = outcome.metrics
            trials.append(
                Trial(
                    seed: seed, epochs: m.epochs, bestEpoch: m.bestEpoch, randomValidation: m.randomValidation,
                    allValidation: m.allValidation, trainingSeconds: m.trainingSeconds))
            progress(
                "seed \(seed): AUC \(m.allValidation.map { String(format: "%.5f", $0.auc) } ?? "-") (all labelled), "
                    + "\(m.randomValidation.map { String(format: "%.5f", $0.auc) } ?? "-") (random inspections)")
        }
        return NetworkSeedStudy(trials: trials)
    }
}
