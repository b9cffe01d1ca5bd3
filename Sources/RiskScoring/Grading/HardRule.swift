/// A rule that sits beside the score: when an indicator meets a condition, an action overrides the grade.
///
/// Experiment configs declare hard rules under `grading.hard_rules`; frozen model files store them under
/// `grading.hardRules`, applied in the order they are listed.
public struct HardRule: Equatable, Sendable {
    /// The indicator the rule tests, by name; must be one of the model's features. Required.
    public var indicator: String
    /// The test on the indicator's value. Required.
    public var condition: HardRuleCondition
    /// What happens when the condition is met. Required.
    public var action: HardRuleAction

    /// A hard rule from its parts.
    public init(indicator: String, condition: HardRuleCondition, action: HardRuleAction) {
        self.indicator = indicator
        self.condition = condition
        self.action = action
    }
}
