import RiskScoring

/// How risk scores become grades A-D.
///
/// In a config, exactly one of the keys `fixed_shares`, `cutoffs` or `optimised` sits under `grading`; they are the
/// stable names of the three cases.
public enum GradePolicy: Equatable, Sendable {
    /// Fixed shares of enterprises per grade, by score rank: e.g. the riskiest 5% are D. Shares lie in `[0, 1]` and
    /// sum to 1 (within 1e-6). Config key: `fixed_shares`.
    case fixedShares(PerGrade<Double>)
    /// Fixed cut-offs on the 0-1000 score, as published by a province. Config key: `cutoffs`.
    case cutoffs(GradeCutoffs)
    /// Cut-offs chosen on random inspections to separate discovery rates best (see ``CutoffSearch``), keeping
    /// each grade's share between `minShares` and `maxShares` (each in `[0, 1]`, min ≤ max, Σmin ≤ 1 ≤ Σmax) and
    /// each grade's discovery rate above the grade below it by a one-sided two-proportion test at level
    /// `alpha` (in `(0, 0.5]`, default 0.05). Config key: `optimised`.
    case optimised(minShares: PerGrade<Double>, maxShares: PerGrade<Double>, alpha: Double)

    /// The default significance level of the optimised policy's tests between adjacent grades.
    public static let defaultAlpha = 0.05

    /// Henan's cut-offs B 200, C 500, D 750: the policy when a config names none.
    public static let standard = GradePolicy.cutoffs(GradeCutoffs(b: 200, c: 500, d: 750))

    /// The stable name of the case, as the config writes it.
    public var name: String {
        switch self {
        case .fixedShares: "fixed_shares"
        case .cutoffs: "cutoffs"
        case .optimised: "optimised"
        }
    }

    /// The config keys that select a policy.
    static let keys = ["fixed_shares", "cutoffs", "optimised"]

    /// Reads the one policy key present in the `grading` mapping, or returns `nil` if none is.
    init?(parsing map: ConfigMapping) throws {
        let present = GradePolicy.keys.compactMap { key in map.optional(key).map { (key, $0) } }
        guard let (key, node) = present.first else { return nil }
        if present.count > 1 {
            throw ConfigError.inconsistent(
                present[1].1.location,
                problem: "grading has both \(present[0].0) and \(present[1].0), but a grading uses one policy",
                fix: "keep exactly one of fixed_shares, cutoffs, optimised")
        }
        switch key {
        case "fixed_shares":
            let shares = try PerGrade(parsing: node, range: .closed(0, 1))
            guard abs(shares.sum - 1) <= 1e-6 else {
                throw ConfigError.sharesDoNotSumToOne(node.location, sum: shares.sum)
            }
            self = .fixedShares(shares)
        case "cutoffs":
            self = .cutoffs(try GradeCutoffs(parsing: node))
        default:
            let bounds = try node.mapping(keys: ["min_shares", "max_shares", "alpha"])
            let minNode = try bounds.required("min_shares"), maxNode = try bounds.required("max_shares")
            let minShares = try PerGrade(parsing: minNode, range: .closed(0, 1))
            let maxShares = try PerGrade(parsing: maxNode, range: .closed(0, 1))
            for grade in Grade.allCases where minShares[grade] > maxShares[grade] {
                throw ConfigError.inconsistent(
                    maxNode.location(of: grade.rawValue),
                    problem: "grade \(grade.rawValue)'s max share \(displayNumber(maxShares[grade])) is below its min "
                        + "share \(displayNumber(minShares[grade]))",
                    fix: "make every max share at least the min share")
            }
            guard minShares.sum <= 1 + 1e-6, maxShares.sum >= 1 - 1e-6 else {
                throw ConfigError.inconsistent(
                    node.location,
                    problem: "no grading can meet these bounds (min shares sum to \(displayNumber(minShares.sum)), "
                        + "max shares to \(displayNumber(maxShares.sum)))",
                    fix: "make the min shares sum to at most 1 and the max shares to at least 1")
            }
            let alpha = try bounds.optional("alpha")?.double(in: .openClosed(0, 0.5)) ?? GradePolicy.defaultAlpha
            self = .optimised(minShares: minShares, maxShares: maxShares, alpha: alpha)
        }
    }
}
