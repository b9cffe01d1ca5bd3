/// What a hard rule does to an enterprise whose indicator meets the rule's condition, whatever its score says.
///
/// The raw value is the stable name that configs and frozen model files store; never rename a case.
public enum HardRuleAction: String, Codable, Sendable, CaseIterable {
    /// Grade the enterprise D directly (e.g. serious-dishonesty list, court defaulter).
    case gradeD = "grade_d"
    /// Leave the enterprise out of grading (licence revoked, struck off, ordered closed; "E" in some provinces).
    case exclude
    /// Move the enterprise two grades toward D (A → C, B → D, C or D → D).
    case raiseTwoGrades = "raise_two_grades"
}
