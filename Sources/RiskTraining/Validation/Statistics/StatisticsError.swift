import Foundation

/// Why a validation statistic could not be computed, naming the argument (and the row) at fault and the fix.
public enum StatisticsError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// An argument holds no values.
    case empty(field: String)
    /// Two arguments that pair up row by row differ in length.
    case lengthMismatch(field: String, expected: Int, found: Int)
    /// A value is NaN or infinite.
    case notFinite(field: String, index: Int, value: Double)
    /// A weight is zero or negative.
    case nonPositiveWeight(field: String, index: Int, value: Double)
    /// A label is neither 0 nor 1.
    case notBinary(field: String, index: Int, value: Double)
    /// A value lies outside the range the statistic accepts; `index` is nil for a scalar argument.
    case outOfRange(field: String, index: Int?, value: Double, expected: String)
    /// One class has too little weight for the statistic (e.g. DeLong's variance needs more than one of each).
    case tooFewInClass(positives: Double, negatives: Double, needed: Double)
    /// An iterative computation did not converge (an internal limit, not bad input).
    case noConvergence(computation: String)

    public var description: String {
        switch self {
        case .empty(let field):
            return "\(field) is empty; give at least one value"
        case .lengthMismatch(let field, let expected, let found):
            return "\(field) has \(found) values but the scores have \(expected); give one value per row"
        case .notFinite(let field, let index, let value):
            return "\(field)[\(index)] is \(value); every value must be a finite number, remove or impute the row"
        case .nonPositiveWeight(let field, let index, let value):
            return "\(field)[\(index)] is \(value); weights must be positive, drop rows that should not count"
        case .notBinary(let field, let index, let value):
            return "\(field)[\(index)] is \(value); labels must be 0 (no hit) or 1 (hit)"
        case .outOfRange(let field, let index, let value, let expected):
            let name = index.map { "\(field)[\($0)]" } ?? field
            return "\(name) is \(value); it must be \(expected)"
        case .tooFewInClass(let positives, let negatives, let needed):
            return "the rows weigh \(positives) with label 1 and \(negatives) with label 0; each class needs more "
                + "than \(needed), so validate on more inspections"
        case .noConvergence(let computation):
            return "\(computation) did not converge; report the inputs that caused it"
        }
    }

    public var errorDescription: String? { description }
}

/// The argument checks every statistic runs before it computes anything.
enum StatisticsInput {
    /// Throws unless `values` is non-empty and finite.
    static func finite(_ values: [Double], _ field: String) throws {
        guard !values.isEmpty else { throw StatisticsError.empty(field: field) }
        for (index, value) in values.enumerated() where !value.isFinite {
            throw StatisticsError.notFinite(field: field, index: index, value: value)
        }
    }

    /// Throws unless `values` has `count` entries.
    static func length(_ values: [Double], _ field: String, count: Int) throws {
        guard values.count == count else {
            throw StatisticsError.lengthMismatch(field: field, expected: count, found: values.count)
        }
    }

    /// The weights, all ones when `nil`; throws unless there is one finite positive weight per row.
    static func weights(_ weights: [Double]?, count: Int, field: String = "weights") throws -> [Double] {
        guard let weights else { return Array(repeating: 1, count: count) }
        try length(weights, field, count: count)
        for (index, weight) in weights.enumerated() {
            guard weight.isFinite else { throw StatisticsError.notFinite(field: field, index: index, value: weight) }
            guard weight > 0 else { throw StatisticsError.nonPositiveWeight(field: field, index: index, value: weight) }
        }
        return weights
    }

    /// The labels as booleans; throws unless there is one label per row, each 0 or 1.
    static func labels(_ labels: [Double], count: Int, field: String = "labels") throws -> [Bool] {
        try length(labels, field, count: count)
        return try labels.enumerated().map { index, label in
            guard label == 0 || label == 1 else {
                throw StatisticsError.notBinary(field: field, index: index, value: label)
            }
            return label == 1
        }
    }

    /// Throws unless every value lies in [0, 1].
    static func probabilities(_ values: [Double], _ field: String) throws {
        try finite(values, field)
        for (index, value) in values.enumerated() where !(0...1).contains(value) {
            throw StatisticsError.outOfRange(field: field, index: index, value: value, expected: "in [0, 1]")
        }
    }

    /// Throws unless the confidence level lies strictly between 0 and 1.
    static func level(_ level: Double) throws {
        guard level > 0, level < 1 else {
            throw StatisticsError.outOfRange(
                field: "level", index: nil, value: level, expected: "strictly between 0 and 1, e.g. 0.95")
        }
    }

    /// Throws unless `0 ≤ successes ≤ trials` and `trials > 0`, all finite.
    static func counts(successes: Double, trials: Double, prefix: String = "") throws {
        guard trials.isFinite, trials > 0 else {
            throw StatisticsError.outOfRange(
                field: prefix + "trials", index: nil, value: trials, expected: "a finite number above 0")
        }
        guard successes.isFinite, successes >= 0, successes <= trials else {
            throw StatisticsError.outOfRange(
                field: prefix + "successes", index: nil, value: successes, expected: "between 0 and trials (\(trials))")
        }
    }
}
