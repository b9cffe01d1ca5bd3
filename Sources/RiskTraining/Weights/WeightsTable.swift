/// Indicator weights from every source side by side, per indicator and per dimension: expert (AHP or direct),
/// objective (entropy, CRITIC, coefficient of variation), learned (one or more columns per trained learner),
/// learned weights shrunk toward the expert prior, and the configured blend.
///
/// Columns are named by ``WeightSource`` raw values, `<learned source>_shrunk` and `blend`; each row maps column
/// names to weights, and a column without a weight for a row (objective sources on categorical indicators) has
/// no entry there. A new source is a new column: the format does not change.
public struct WeightsTable: Codable, Sendable, Equatable {
    /// One column of the table.
    public struct Column: Codable, Sendable, Equatable {
        /// The column's name: a ``WeightSource`` raw value, `<source>_shrunk` or `blend`.
        public var name: String
        /// What it holds.
        public var summary: String
    }

    /// One indicator or dimension.
    public struct Row: Codable, Sendable, Equatable {
        /// The indicator's or dimension's name.
        public var name: String
        /// Its label (Chinese, from the config).
        public var label: String
        /// The indicator's dimension; `nil` on a dimension row.
        public var dimension: String?
        /// Where the expert weight of the row's own level comes from: the indicator's weight within its
        /// dimension, or the dimension's weight among the dimensions.
        public var expertBasis: ExpertWeights.Basis
        /// Weight per column name. Indicator weights of a column sum to 1; a dimension's weight is the sum of
        /// its indicators'.
        public var weights: [String: Double]
    }

    /// The name of the blended column.
    public static let blendColumn = "blend"

    /// The experiment's name.
    public var experiment: String
    /// The columns, in order: expert, objective, learned, shrunk learned, blend.
    public var columns: [Column]
    /// Per indicator, in config order.
    public var indicators: [Row]
    /// Per dimension, in config order.
    public var dimensions: [Row]
    /// The expert levels with their basis and AHP figures (λmax, CI, RI, CR).
    public var expertLevels: [ExpertWeights.Level]
    /// The blend's coefficients by source name; empty when the config sets no blend.
    public var blend: [String: Double]
    /// λ of the shrinkage of learned weights toward the expert prior.
    public var shrinkage: Double
    /// Rows of the feature table the objective weights were computed over; `nil` without objective weights.
    public var objectiveRows: Int?
    /// How the table was made: fills, exclusions, origins, anything a reader must know to trust the numbers.
    public var notes: [String]

    /// The table of `config`'s indicators from its sources.
    ///
    /// - Parameters:
    ///   - expert: the config's expert weights.
    ///   - objective: objective weights from a feature table, if one was given.
    ///   - learned: learned columns of trained runs, if any.
    /// - Throws: `WeightsError.sourceUnavailable` when `config.weights.blend` names a source that has no weights.
    public init(
        config: ExperimentConfig, expert: ExpertWeights, objective: ObjectiveWeights?, learned: [LearnedWeights]
    ) throws {
        let system = config.indicatorSystem
        let spec = config.weights
        var columns: [Column] = []
        var values: [String: [Double?]] = [:]
        var notes: [String] = []
        func add(_ name: String, _ summary: String, _ column: [Double?]) {
            columns.append(Column(name: name, summary: summary))
            values[name] = column
        }

        add(WeightSource.expert.rawValue, WeightSource.expert.summary, expert.indicators)
        let uniform = expert.uniformLevels
        if !uniform.isEmpty {
            let levels = uniform.map { "\($0.name) (\($0.keyPath))" }.joined(separator: ", ")
            notes.append(
                "expert: no comparisons or weights on \(levels); the expert column spreads their weight uniformly "
                    + "over their children (expert basis \"uniform\")")
        }

        if let objective {
            add(WeightSource.entropy.rawValue, WeightSource.entropy.summary, objective.entropy)
            add(WeightSource.critic.rawValue, WeightSource.critic.summary, objective.critic)
            add(WeightSource.variation.rawValue, WeightSource.variation.summary, objective.variation)
            var text =
                "objective: over \(objective.rows) rows of the feature table; missing values are left out of each "
                + "indicator's figures"
            let categorical = system.indicators.filter { $0.kind == .categorical }.map(\.name)
            if !categorical.isEmpty {
                text +=
                    "; categorical indicators have no order and get no objective weight (\(categorical.joined(separator: ", ")))"
            }
            if !objective.constant.isEmpty {
                text += "; indicators that do not vary get 0 (\(objective.constant.joined(separator: ", ")))"
            }
            notes.append(text)
        } else {
            notes.append("objective: no feature table given, so no entropy, CRITIC or coefficient-of-variation weights")
        }

        let learned = learned.sorted { $0.source < $1.source }
        for column in learned {
            add(column.source.rawValue, column.source.summary, column.indicators)
            notes.append("\(column.source.rawValue): from \(column.origin)")
        }
        if learned.isEmpty { notes.append("learned: no trained run given, so no learned weights") }

        // Learned weights shrunk toward the expert prior: w = (1 − λ)·learned + λ·expert.
        let lambda = spec.shrinkage
        var shrunk: [WeightSource: [Double]] = [:]
        if lambda > 0 {
            for column in learned {
                let values = zip(column.indicators, expert.indicators).map { (1 - lambda) * $0 + lambda * $1 }
                shrunk[column.source] = values
                add(
                    column.source.rawValue + "_shrunk",
                    "\(column.source.rawValue) shrunk toward the expert prior: (1 − λ)·learned + λ·expert, "
                        + "λ = \(displayNumber(lambda))", values)
            }
            if learned.isEmpty {
                notes.append("shrinkage λ = \(displayNumber(lambda)) has no learned weights to act on")
            }
        }

        if !spec.blend.isEmpty {
            var blended = [Double](repeating: 0, count: system.indicators.count)
            var terms: [String] = []
            for term in spec.blend {
                let column = try Self.blendInput(term.source, values: values, shrunk: shrunk)
                for i in blended.indices { blended[i] += term.coefficient * (column[i] ?? 0) }
                let shrinks = shrunk[term.source] != nil
                terms.append("\(displayNumber(term.coefficient))·\(term.source.rawValue)\(shrinks ? "_shrunk" : "")")
            }
            add(Self.blendColumn, "blend: " + terms.joined(separator: " + "), blended)
            notes.append(
                "blend = \(terms.joined(separator: " + ")); a source without a weight for an indicator counts 0 "
                    + "for it")
        }

        let names = columns.map(\.name)
        indicators = system.indicators.enumerated().map { i, indicator in
            var weights: [String: Double] = [:]
            for name in names { if let value = values[name]?[i] { weights[name] = value } }
            let dimension = system.dimensions.firstIndex { $0.name == indicator.dimension } ?? 0
            return Row(
                name: indicator.name, label: indicator.label, dimension: indicator.dimension,
                expertBasis: expert.withinDimensions[dimension].basis, weights: weights)
        }
        let indicatorRows = indicators
        dimensions = system.dimensions.map { dimension in
            let members = indicatorRows.filter { $0.dimension == dimension.name }
            var weights: [String: Double] = [:]
            for name in names {
                let present = members.compactMap { $0.weights[name] }
                if !present.isEmpty { weights[name] = present.reduce(0, +) }
            }
            return Row(
                name: dimension.name, label: dimension.label, dimension: nil, expertBasis: expert.dimensions.basis,
                weights: weights)
        }
        self.experiment = config.name
        self.columns = columns
        self.expertLevels = [expert.dimensions] + expert.withinDimensions
        self.blend = Dictionary(uniqueKeysWithValues: spec.blend.map { ($0.source.rawValue, $0.coefficient) })
        self.shrinkage = lambda
        self.objectiveRows = objective?.rows
        self.notes = notes
    }

    /// The column a blend term reads: the shrunk one for a learned source when λ > 0.
    private static func blendInput(
        _ source: WeightSource, values: [String: [Double?]], shrunk: [WeightSource: [Double]]
    ) throws -> [Double?] {
        if let column = shrunk[source] { return column }
        guard let column = values[source.rawValue] else {
            switch source.family {
            case .learned:
                let learner =
                    switch source {
                    case .learnedNetwork: "network"
                    case .learnedScorecard: "scorecard"
                    default: "gbdt"
                    }
                throw WeightsError.sourceUnavailable(
                    source: source, reason: "no model of that learner was given",
                    fix:
                        "pass --model with a model of riskgrade train --learner \(learner), or remove it from the blend"
                )
            case .objective, .expert:
                throw WeightsError.sourceUnavailable(
                    source: source, reason: "no feature table was given",
                    fix: "pass --data with the feature table, or remove it from the blend")
            }
        }
        guard column.contains(where: { ($0 ?? 0) > 0 }) else {
            let reason =
                source.family == .objective
                ? "it gives every indicator weight 0 (no numeric indicator varies in the table)"
                : "it gives every indicator weight 0"
            throw WeightsError.sourceUnavailable(
                source: source, reason: reason, fix: "check its input, or remove the source from the blend")
        }
        return column
    }
}
