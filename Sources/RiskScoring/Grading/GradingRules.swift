/// How a model's 0-1000 score becomes a grade: cut-offs on the score, then hard rules in order.
public struct GradingRules: Sendable, Equatable {
    /// The cut-offs on the 0-1000 score.
    public var cutoffs: GradeCutoffs
    /// Hard rules, applied in order after the score is graded.
    public var hardRules: [HardRule]

    /// Grading rules from their parts.
    public init(cutoffs: GradeCutoffs = .standard, hardRules: [HardRule] = []) {
        self.cutoffs = cutoffs
        self.hardRules = hardRules
    }
}
