import Foundation
import RiskScoring

/// A problem in an experiment config: what is wrong, where (file, line and key path), and how to fix it.
///
/// Every case that concerns a value carries its ``ConfigLocation``; ``description`` spells out the location, the
/// problem and the remedy in one line, ready to print.
public enum ConfigError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// The config file could not be read.
    case unreadableFile(file: String, reason: String)
    /// The text is not well-formed YAML (bad indentation, an unclosed bracket, a key given twice, …).
    case invalidYAML(file: String, line: Int?, column: Int?, problem: String)
    /// The document holds nothing.
    case emptyDocument(file: String)
    /// A mapping has a key the format does not define; `suggestion` is the closest valid key, if any is close.
    case unknownKey(ConfigLocation, key: String, validKeys: [String], suggestion: String?)
    /// A required key is absent (or null).
    case missingKey(ConfigLocation, key: String)
    /// A value has the wrong shape, e.g. text where a number belongs or a list where a mapping belongs.
    case typeMismatch(ConfigLocation, expected: String, found: String)
    /// A value is not one of a closed set of names; `suggestion` is the closest valid name, if any is close.
    case unknownValue(ConfigLocation, value: String, validValues: [String], suggestion: String?)
    /// A name is not an identifier (letters, digits and `_`, not starting with a digit).
    case invalidName(ConfigLocation, name: String)
    /// A name that must be unique appears twice; `role` is `indicator`, `dimension` or `column`.
    case duplicateName(ConfigLocation, name: String, role: String, firstKeyPath: String)
    /// A list that needs at least one element is empty.
    case emptyList(ConfigLocation)
    /// A row of a comparison matrix has `length` entries where `expected` (the number of rows) are needed.
    case comparisonsNotSquare(ConfigLocation, row: Int, length: Int, expected: Int)
    /// A comparison matrix is `size × size` but the level has `children` dimensions or indicators.
    case comparisonsWrongSize(ConfigLocation, size: Int, children: Int)
    /// A comparison matrix entry is zero, negative or not finite.
    case comparisonNotPositive(ConfigLocation, row: Int, column: Int, value: Double)
    /// A diagonal entry of a comparison matrix is not 1.
    case comparisonDiagonalNotOne(ConfigLocation, index: Int, value: Double)
    /// Entries `[row][column]` and `[column][row]` of a comparison matrix are not reciprocal.
    case comparisonsNotReciprocal(
        ConfigLocation, row: Int, column: Int, value: Double, mirror: Double, rowName: String, columnName: String)
    /// A level gives both direct weights on its children and a comparison matrix.
    case weightsAndComparisons(ConfigLocation)
    /// Some children of a level have a direct weight and others (named in `missing`) do not.
    case partialWeights(ConfigLocation, missing: [String])
    /// A direct weight is negative.
    case negativeWeight(ConfigLocation, value: Double)
    /// The direct weights of a level do not sum to 1 (within 1e-6).
    case weightsDoNotSumToOne(ConfigLocation, sum: Double)
    /// A `valid_range` whose lower bound is not below its upper bound.
    case emptyRange(ConfigLocation, lower: Double, upper: Double)
    /// A flag's `valid_range` is not `[0, 1]`.
    case flagRange(ConfigLocation, lower: Double, upper: Double)
    /// A categorical indicator has a direction other than `none`.
    case categoricalDirection(ConfigLocation, direction: RiskDirection)
    /// A categorical indicator has a `valid_range`.
    case categoricalRange(ConfigLocation)
    /// A hard rule names an indicator the indicator system does not define.
    case unknownIndicator(ConfigLocation, name: String, suggestion: String?)
    /// A hard-rule condition does not apply to the indicator's kind (e.g. `is_set` on a count).
    case conditionNotApplicable(ConfigLocation, condition: String, kind: IndicatorKind)
    /// Grade shares do not sum to 1 (within 1e-6).
    case sharesDoNotSumToOne(ConfigLocation, sum: Double)
    /// Score cut-offs are not strictly increasing from B to D.
    case cutoffsNotIncreasing(ConfigLocation, b: Double, c: Double, d: Double)
    /// A number lies outside its valid range, written like `(0, 1]` or `[1, 100000]`.
    case outOfRange(ConfigLocation, value: Double, validRange: String)
    /// A quarter is not written `YYYYQn` (e.g. `2026Q2`).
    case invalidQuarter(ConfigLocation, value: String)
    /// Two keys contradict each other, or a value breaks a rule not covered by a more specific case.
    case inconsistent(ConfigLocation, problem: String, fix: String)
    /// Indicator columns absent from a table's header; `closeMatches` maps a missing column to a similar header
    /// name, when one is close.
    case missingColumns(file: String, missing: [String], closeMatches: [String: String])

    /// Where the problem is, for the cases that concern one value.
    public var location: ConfigLocation? {
        switch self {
        case .unreadableFile, .invalidYAML, .emptyDocument, .missingColumns:
            nil
        case .unknownKey(let at, _, _, _), .missingKey(let at, _), .typeMismatch(let at, _, _),
            .unknownValue(let at, _, _, _), .invalidName(let at, _), .duplicateName(let at, _, _, _),
            .emptyList(let at), .comparisonsNotSquare(let at, _, _, _), .comparisonsWrongSize(let at, _, _),
            .comparisonNotPositive(let at, _, _, _), .comparisonDiagonalNotOne(let at, _, _),
            .comparisonsNotReciprocal(let at, _, _, _, _, _, _), .weightsAndComparisons(let at),
            .partialWeights(let at, _), .negativeWeight(let at, _), .weightsDoNotSumToOne(let at, _),
            .emptyRange(let at, _, _), .flagRange(let at, _, _), .categoricalDirection(let at, _),
            .categoricalRange(let at), .unknownIndicator(let at, _, _), .conditionNotApplicable(let at, _, _),
            .sharesDoNotSumToOne(let at, _), .cutoffsNotIncreasing(let at, _, _, _), .outOfRange(let at, _, _),
            .invalidQuarter(let at, _), .inconsistent(let at, _, _):
            at
        }
    }

    /// The key path of the offending value, or `nil` when the problem is not about one value.
    public var keyPath: String? { location?.keyPath }

    /// The location, the problem and how to fix it, in one line.
    public var description: String {
        switch self {
        case .unreadableFile(let file, let reason):
            return "\(file): cannot read the config file (\(reason)); check the path and that the file is UTF-8 text"
        case .invalidYAML(let file, let line, let column, let problem):
            let place = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(file)\(place): not valid YAML: \(problem); fix the YAML syntax at that place "
                + "(indentation, brackets, quotes, a key given twice)"
        case .emptyDocument(let file):
            return "\(file): the config is empty; start from experiments/general.yaml"
        case .unknownKey(let at, let key, let validKeys, let suggestion):
            let hint = suggestion.map { "did you mean \"\($0)\"? " } ?? ""
            return "\(at): unknown key \"\(key)\"; \(hint)valid keys here: \(validKeys.joined(separator: ", "))"
        case .missingKey(let at, let key):
            return "\(at): missing required key \"\(key)\"; add it (see docs/ConfigFormat.md)"
        case .typeMismatch(let at, let expected, let found):
            return "\(at): expected \(expected), found \(found); write \(expected) here"
        case .unknownValue(let at, let value, let validValues, let suggestion):
            let hint = suggestion.map { "did you mean \"\($0)\"? " } ?? ""
            return "\(at): unknown value \"\(value)\"; \(hint)valid values: \(validValues.joined(separator: ", "))"
        case .invalidName(let at, let name):
            return "\(at): \"\(name)\" is not a valid name; use letters, digits and \"_\", "
                + "not starting with a digit (e.g. penalties_1y)"
        case .duplicateName(let at, let name, let role, let firstKeyPath):
            return "\(at): \(role) \"\(name)\" is already defined at \(firstKeyPath); give each \(role) a unique name"
        case .emptyList(let at):
            return "\(at): the list is empty; give at least one element"
        case .comparisonsNotSquare(let at, let row, let length, let expected):
            return "\(at): row \(row) of the comparison matrix has \(length) \(length == 1 ? "entry" : "entries") "
                + "but the matrix has \(expected) rows; a comparison matrix must be square"
        case .comparisonsWrongSize(let at, let size, let children):
            return "\(at): the comparison matrix is \(size)×\(size) but this level has \(children) children; "
                + "give one row and one column per child, in the order the children are listed"
        case .comparisonNotPositive(let at, let row, let column, let value):
            return "\(at): entry [\(row)][\(column)] = \(displayNumber(value)) is not positive; "
                + "comparison entries are ratios of importance, from 1/9 to 9 on Saaty's scale"
        case .comparisonDiagonalNotOne(let at, let index, let value):
            return "\(at): diagonal entry [\(index)][\(index)] = \(displayNumber(value)); "
                + "every child is exactly as important as itself, so write 1"
        case .comparisonsNotReciprocal(let at, let row, let column, let value, let mirror, let rowName, let columnName):
            return "\(at): entries [\(row)][\(column)] = \(displayNumber(value)) (\(rowName) vs \(columnName)) and "
                + "[\(column)][\(row)] = \(displayNumber(mirror)) are not reciprocal (their product is "
                + "\(displayNumber(value * mirror)), must be 1 "
                + "within 1e-6); write [\(column)][\(row)] as \(reciprocal(of: value)) (fractions like 1/3 are allowed)"
        case .weightsAndComparisons(let at):
            return "\(at): this level has both direct weights on its children and a comparison matrix; "
                + "they are alternatives, keep one of them"
        case .partialWeights(let at, let missing):
            return "\(at): some children have a weight but these do not: \(missing.joined(separator: ", ")); "
                + "give every child a weight, or none"
        case .negativeWeight(let at, let value):
            return "\(at): weight \(displayNumber(value)) is negative; weights must be at least 0"
        case .weightsDoNotSumToOne(let at, let sum):
            return "\(at): the weights of this level sum to \(displayNumber(sum)), not 1 (within 1e-6); "
                + "rescale them so they sum to 1"
        case .emptyRange(let at, let lower, let upper):
            return "\(at): range [\(displayNumber(lower)), \(displayNumber(upper))] is empty; "
                + "write [min, max] with min < max"
        case .flagRange(let at, let lower, let upper):
            return "\(at): a flag's range must be [0, 1], found [\(displayNumber(lower)), \(displayNumber(upper))]; "
                + "remove valid_range (flags default to [0, 1]) or change the kind"
        case .categoricalDirection(let at, let direction):
            return "\(at): a categorical indicator has no order, so its direction cannot be \"\(direction.rawValue)\"; "
                + "write direction: none or leave it out"
        case .categoricalRange(let at):
            return "\(at): a categorical indicator has no numeric range; remove valid_range"
        case .unknownIndicator(let at, let name, let suggestion):
            let hint =
                suggestion.map { "; did you mean \"\($0)\"?" } ?? "; use the name of an indicator defined "
                + "under indicator_system"
            return "\(at): no indicator is named \"\(name)\"\(hint)"
        case .conditionNotApplicable(let at, let condition, let kind):
            let fix =
                kind == .categorical
                ? "test a categorical indicator with {in: [category, …]}"
                : condition == "in"
                    ? "{in: […]} tests categorical indicators only; use greater_than, at_least or is_set"
                    : "use greater_than or at_least with a number"
            return "\(at): condition \"\(condition)\" does not apply to a \(kind.rawValue) indicator; \(fix)"
        case .sharesDoNotSumToOne(let at, let sum):
            return
                "\(at): the grade shares sum to \(displayNumber(sum)), not 1 (within 1e-6); adjust them so A+B+C+D = 1"
        case .cutoffsNotIncreasing(let at, let b, let c, let d):
            return
                "\(at): cut-offs B \(displayNumber(b)), C \(displayNumber(c)), D \(displayNumber(d)) are not strictly "
                + "increasing; the lowest score of each grade must rise from B to D"
        case .outOfRange(let at, let value, let validRange):
            return "\(at): \(displayNumber(value)) is outside the valid range \(validRange); choose a value in it"
        case .invalidQuarter(let at, let value):
            return "\(at): \"\(value)\" is not a quarter; write YYYYQn with n from 1 to 4, e.g. 2026Q2"
        case .inconsistent(let at, let problem, let fix):
            return "\(at): \(problem); \(fix)"
        case .missingColumns(let file, let missing, let closeMatches):
            let list = missing.map { column in
                closeMatches[column].map { "\(column) (did you mean \"\($0)\"?)" } ?? column
            }
            return "\(file): the header lacks \(missing.count) indicator column(s) of the config: "
                + "\(list.joined(separator: ", ")); add the columns to the table or fix the indicators' column names"
        }
    }

    /// The same text as ``description``, for `localizedDescription`.
    public var errorDescription: String? { description }
}

/// The exact reciprocal of a comparison entry as a config would write it: `1/3` for 3, `2` for 0.5.
private func reciprocal(of value: Double) -> String {
    let inverse = 1 / value
    if abs(inverse - inverse.rounded()) < 1e-9 { return displayNumber(inverse.rounded()) }
    return "1/" + displayNumber(value)
}

/// A number as a person would write it: `200` rather than `200.0`, `0.95` rather than `0.9500000000000001`.
func displayNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(format: "%.10g", value)
}
