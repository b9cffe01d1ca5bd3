/// Which learner to train and with which settings.
public struct ModelParameters: Equatable, Sendable {
    /// The learner. Default: `gbdt`.
    public var learner: Learner
    /// Seed of the one generator that drives every random choice of training, `[0, 2⁶³−1]`. Default: `42`.
    /// The same seed, data and config give the same model.
    public var seed: UInt64
    /// Settings of the `gbdt` learner; other learners ignore them. Default: every default of
    /// ``BoostingParameters``.
    public var boosting: BoostingParameters
    /// Settings of the `network` learner; other learners ignore them. Default: every default of
    /// ``NetworkParameters``.
    public var network = NetworkParameters()
    /// Settings of the `scorecard` and `weighted` learners; other learners ignore them. Default: every default
    /// of ``ScorecardParameters``.
    public var scorecard = ScorecardParameters()

    /// Model parameters; the defaults are the documented ones.
    public init(learner: Learner = .gbdt, seed: UInt64 = 42, boosting: BoostingParameters = BoostingParameters()) {
        self.learner = learner
        self.seed = seed
        self.boosting = boosting
    }

    /// The keys the `model` mapping may hold.
    static let keys = ["learner", "seed", "boosting", "network", "scorecard"]

    /// Reads and validates the `model` section against the indicator system; an absent section takes every
    /// default.
    init(parsing node: ConfigNode?, system: IndicatorSystem) throws {
        guard let node else {
            self.init()
            return
        }
        let map = try node.mapping(keys: ModelParameters.keys)
        let seed = try map.optional("seed")?.int(in: .atLeast(0)) ?? 42
        self.init(
            learner: try map.optional("learner")?.value(Learner.self) ?? .gbdt,
            seed: UInt64(seed),
            boosting: try BoostingParameters(parsing: map.optional("boosting"), system: system))
        network = try NetworkParameters(parsing: map.optional("network"))
        scorecard = try ScorecardParameters(parsing: map.optional("scorecard"))
    }
}
