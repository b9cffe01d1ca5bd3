import RiskScoring
import Yams

/// One third-level indicator of the indicator system: a column of the feature table and what it means.
public struct Indicator: Equatable, Sendable {
    /// Stable identifier used in reports, reason codes and hard rules (`penalties_1y`); unique in the config.
    /// Letters, digits and `_`, not starting with a digit. Required.
    public var name: String
    /// Chinese label shown to people (`近1年行政处罚次数`). Required.
    public var label: String
    /// The feature-table column holding the values. Default: ``name``. Unique in the config.
    public var column: String
    /// The ``Dimension/name`` of the dimension the indicator belongs to (set by the loader).
    public var dimension: String
    /// The kind of value. Required.
    public var kind: IndicatorKind
    /// How the value is expected to move risk. Default: `none`; must be `none` for categorical indicators.
    public var direction: RiskDirection
    /// Unit for reports (`万元`, `years`, `ratio`). Default: `nil` (no unit).
    public var unit: String?
    /// Values outside this range are data errors. Default: `[0, 1]` for flags, `nil` (unchecked) otherwise.
    /// The lower bound must be below the upper; flags must be `[0, 1]`; categorical indicators take none.
    public var validRange: ClosedRange<Double>?
    /// What an empty value means. Default: `zero` for counts and flags, `allowed` for numeric and categorical.
    public var missing: MissingPolicy
    /// Direct expert weight inside the dimension, in `[0, 1]`. Default: `nil`. Either every indicator of a
    /// dimension has one (summing to 1) or none does, and not together with the dimension's `comparisons`.
    public var weight: Double?

    /// An indicator from its parts; values built in code are not validated (the loader validates files).
    public init(
        name: String, label: String, column: String? = nil, dimension: String, kind: IndicatorKind,
        direction: RiskDirection = .none, unit: String? = nil, validRange: ClosedRange<Double>? = nil,
        missing: MissingPolicy? = nil, weight: Double? = nil
    ) {
        self.name = name
        self.label = label
        self.column = column ?? name
        self.dimension = dimension
        self.kind = kind
        self.direction = direction
        self.unit = unit
        self.validRange = validRange ?? (kind == .flag ? 0...1 : nil)
        self.missing = missing ?? Indicator.defaultMissingPolicy(for: kind)
        self.weight = weight
    }

    /// The missing policy an indicator of `kind` gets when the config does not say: `zero` for counts and flags
    /// (an absent event did not happen), `allowed` otherwise.
    public static func defaultMissingPolicy(for kind: IndicatorKind) -> MissingPolicy {
        switch kind {
        case .count, .flag: .zero
        case .numeric, .categorical: .allowed
        }
    }

    /// The keys an indicator mapping may hold.
    static let keys = ["name", "label", "column", "kind", "direction", "unit", "valid_range", "missing", "weight"]

    /// Reads and validates one indicator of `dimension`.
    init(parsing node: ConfigNode, dimension: String) throws {
        let map = try node.mapping(keys: Indicator.keys)
        let kind = try map.required("kind").value(IndicatorKind.self)
        let direction = try map.optional("direction")?.value(RiskDirection.self) ?? .none
        if kind == .categorical, direction != .none, let at = map.optional("direction") {
            throw ConfigError.categoricalDirection(at.location, direction: direction)
        }
        var validRange: ClosedRange<Double>?
        if let rangeNode = map.optional("valid_range") {
            if kind == .categorical { throw ConfigError.categoricalRange(rangeNode.location) }
            let bounds = try rangeNode.sequence()
            guard bounds.count == 2 else { throw rangeNode.mismatch("a list [min, max] of two numbers") }
            let lower = try Indicator.bound(bounds[0]), upper = try Indicator.bound(bounds[1])
            guard lower < upper else { throw ConfigError.emptyRange(rangeNode.location, lower: lower, upper: upper) }
            if kind == .flag, lower != 0 || upper != 1 {
                throw ConfigError.flagRange(rangeNode.location, lower: lower, upper: upper)
            }
            if kind == .count, lower < 0 {
                throw ConfigError.inconsistent(
                    rangeNode.location,
                    problem: "a count cannot be negative but the range starts at \(displayNumber(lower))",
                    fix: "start the range at 0 or change the kind to numeric")
            }
            validRange = lower...upper
        }
        let weight = try map.optional("weight")?.double()
        if let weight, weight < 0, let at = map.optional("weight") {
            throw ConfigError.negativeWeight(at.location, value: weight)
        }
        self.init(
            name: try map.required("name").identifier(),
            label: try map.required("label").nonEmptyString(),
            column: try map.optional("column")?.nonEmptyString(),
            dimension: dimension,
            kind: kind,
            direction: direction,
            unit: try map.optional("unit")?.string(),
            validRange: validRange,
            missing: try map.optional("missing")?.value(MissingPolicy.self),
            weight: weight)
    }

    /// One bound of a `valid_range`: a number, or `.inf` / `-.inf` for an open end.
    private static func bound(_ node: ConfigNode) throws -> Double {
        if case .scalar(let scalar) = node.node, let value = Double.construct(from: scalar), !value.isNaN {
            return value
        }
        throw node.mismatch("a number (or .inf / -.inf)")
    }
}
