/// One input of a model: an indicator, how to read it and what it means. The `i`-th feature of a model is
/// the `i`-th input of its body (feature index `i` in the trees).
public struct ModelFeature: Sendable, Equatable {
    /// The indicator's name (`penalties_1y`), used by reason codes and hard rules; unique in the model.
    public var name: String
    /// The column of a scoring table that holds it; usually the name.
    public var column: String
    /// The dimension of the indicator system it belongs to (`supervision`).
    public var dimension: String
    /// The kind of value.
    public var kind: IndicatorKind
    /// How the value is expected to move risk; `none` for categorical features.
    public var direction: RiskDirection
    /// Unit for reports (`万元`, `years`), if any.
    public var unit: String?
    /// Values outside this range are data errors; nil when unchecked.
    public var validRange: ClosedRange<Double>?
    /// What an empty value means.
    public var missing: MissingPolicy
    /// The categories of a categorical feature: category `vocabulary[c]` is the code `c` the body sees.
    /// Empty for other kinds; a category outside it scores as missing.
    public var vocabulary: [String]

    /// A feature from its parts.
    public init(
        name: String, column: String? = nil, dimension: String, kind: IndicatorKind,
        direction: RiskDirection = .none, unit: String? = nil, validRange: ClosedRange<Double>? = nil,
        missing: MissingPolicy = .allowed, vocabulary: [String] = []
    ) {
        self.name = name
        self.column = column ?? name
        self.dimension = dimension
        self.kind = kind
        self.direction = direction
        self.unit = unit
        self.validRange = validRange
        self.missing = missing
        self.vocabulary = vocabulary
    }
}
