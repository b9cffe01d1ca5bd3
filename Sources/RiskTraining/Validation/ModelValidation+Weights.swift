import RiskScoring

extension ModelValidation {
    /// The indicator system's expert weights beside the weights the model learned, so a report shows where the
    /// model departs from the experts (and is reproducible from its JSON alone).
    public struct WeightComparison: Codable, Sendable, Equatable {
        /// One indicator's or dimension's weights.
        public struct Row: Codable, Sendable, Equatable {
            /// The config's name and its (Chinese) label.
            public var name: String
            public var label: String
            /// The expert weight: AHP or direct (`ExpertWeights`); a dimension's is its level weight.
            public var expert: Double
            /// The learned share (renormalised over the config's indicators); a dimension's is its indicators'
            /// sum; nil when the model carries no learned weights.
            public var learned: Double?
        }

        /// The model's `indicatorWeights` key the learned column comes from (`shap`, `integrated_gradients`,
        /// `coefficient_woe_sd`); nil when the model carries none of them (a weighted scorecard).
        public var learnedSource: String?
        /// Per dimension, then per indicator, in config order.
        public var dimensions: [Row]
        public var indicators: [Row]
    }

    /// The learned-weight keys a frozen model may carry, in the order they are preferred: trees' mean |TreeSHAP|,
    /// the network's mean |integrated gradients|, the logistic scorecard's |coefficient × WOE sd|.
    public static let learnedWeightKeys = [
        BoostingRun.Outcome.shapWeightKey, NetworkRun.Outcome.weightSource, ScorecardRun.Outcome.weightSource,
    ]

    /// The expert weights of `config`'s indicator system beside `model`'s learned weights.
    ///
    /// - Throws: `WeightsError` when a comparison matrix of the config is inconsistent (CR > 0.1).
    public static func weightComparison(model: RiskModel, config: ExperimentConfig, file: String) throws
        -> WeightComparison
    {
        let system = config.indicatorSystem
        let expert = try ExpertWeights(system: system, file: file)
        let names = system.indicators.map(\.name)
        let key = learnedWeightKeys.first { key in names.contains { model.indicatorWeights[$0]?[key] != nil } }
        var learned: [Double]?
        if let key {
            let raw = names.map { max(0, model.indicatorWeights[$0]?[key] ?? 0) }
            let total = raw.reduce(0, +)
            learned = raw.map { total > 0 ? $0 / total : 0 }
        }
        let indicators = system.indicators.enumerated().map { index, indicator in
            WeightComparison.Row(
                name: indicator.name, label: indicator.label, expert: expert.indicators[index],
                learned: learned?[index])
        }
        let dimensions = system.dimensions.enumerated().map { index, dimension in
            let members = indicators.filter { row in dimension.indicators.contains { $0.name == row.name } }
            return WeightComparison.Row(
                name: dimension.name, label: dimension.label, expert: expert.dimensions.weights[index],
                learned: learned.map { _ in members.compactMap(\.learned).reduce(0, +) })
        }
        return WeightComparison(learnedSource: key, dimensions: dimensions, indicators: indicators)
    }
}
