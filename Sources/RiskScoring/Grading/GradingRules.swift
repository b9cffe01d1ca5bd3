/// How a model's 0-1000 score becomes a grade: cut-offs on the score, then hard rules in order.
public struct GradingRules: Sendable, Equatable {
    /// The cut-offs on the 0-1000 score.
    public var cutoffs: GradeCutoffs
    /// Hard rules, applied in order after the score is graded.
    public var hardRules: [HardRule]
    /// How the cut-offs were chosen and what they achieved, when the trainer recorded it (format 1.1); it
    /// documents the model and never changes a grade.
    public var policy: GradePolicyRecord?

    /// Grading rules from their parts.
    public init(cutoffs: GradeCutoffs = .standard, hardRules: [HardRule] = [], policy: GradePolicyRecord? = nil) {
        self.cutoffs = cutoffs
        self.hardRules = hardRules
        self.policy = policy
    }
}
