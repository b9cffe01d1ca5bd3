import RiskScoring

/// How scores become grades, which hard rules override them, and how often each grade is inspected.
public struct GradingSpec: Equatable, Sendable {
    /// The grade policy. Default: ``GradePolicy/standard`` (cut-offs B 200, C 500, D 750).
    public var policy: GradePolicy
    /// Hard rules, applied in config order after the score is graded. Default: none.
    public var hardRules: [HardRule]
    /// How the model's probabilities are recalibrated to random inspections before they are scored and graded.
    /// Default: ``CalibrationMethod/identity``.
    public var calibration: CalibrationMethod = .identity
    /// Share of each grade's enterprises drawn for random inspection, each in `[0, 1]`, used by the inspection
    /// simulation. Default: Henan 2021, A 0.01, B 0.02, C 0.10, D 0.30.
    public var samplingRatios: PerGrade<Double>

    /// Henan's 2021 sampling ratios: A 1%, B 2%, C 10%, D 30%.
    public static let standardSamplingRatios = PerGrade(a: 0.01, b: 0.02, c: 0.10, d: 0.30)

    /// A grading specification; the defaults are the documented ones.
    public init(
        policy: GradePolicy = .standard, hardRules: [HardRule] = [],
        samplingRatios: PerGrade<Double> = GradingSpec.standardSamplingRatios
    ) {
        self.policy = policy
        self.hardRules = hardRules
        self.samplingRatios = samplingRatios
    }

    /// The keys the `grading` mapping may hold.
    static let keys = GradePolicy.keys + ["calibration", "hard_rules", "sampling_ratios"]

    /// Reads and validates the `grading` section against the indicator system; an absent section takes every
    /// default.
    init(parsing node: ConfigNode?, system: IndicatorSystem) throws {
        guard let node else {
            self.init()
            return
        }
        let map = try node.mapping(keys: GradingSpec.keys)
        let rules = try map.optional("hard_rules")?.sequence().map { try HardRule(parsing: $0, system: system) } ?? []
        self.init(
            policy: try GradePolicy(parsing: map) ?? .standard,
            hardRules: rules,
            samplingRatios: try map.optional("sampling_ratios").map { try PerGrade(parsing: $0, range: .closed(0, 1)) }
                ?? GradingSpec.standardSamplingRatios)
        calibration = try map.optional("calibration")?.value(CalibrationMethod.self) ?? .identity
    }
}
