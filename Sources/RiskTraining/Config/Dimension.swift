/// A first-level dimension of the indicator system (基础属性, 监管信息, …) and the indicators under it.
public struct Dimension: Equatable, Sendable {
    /// Stable identifier (`supervision`); unique in the config. Letters, digits and `_`. Required.
    public var name: String
    /// Chinese label shown to people (`监管信息`). Required.
    public var label: String
    /// Direct expert weight of the dimension, in `[0, 1]`. Default: `nil`. Either every dimension has one
    /// (summing to 1) or none does, and not together with ``IndicatorSystem/comparisons``.
    public var weight: Double?
    /// AHP pairwise comparison matrix over ``indicators`` in listed order: entry `[i][j]` says how much more
    /// important indicator `i` is than indicator `j`. Default: `nil`. Square, sized to the indicators, positive,
    /// diagonal 1, reciprocal (`a[i][j] · a[j][i] = 1` within 1e-6); not together with indicator weights.
    public var comparisons: [[Double]]?
    /// The dimension's indicators in config order; at least one.
    public var indicators: [Indicator]

    /// A dimension from its parts; values built in code are not validated (the loader validates files).
    public init(
        name: String, label: String, weight: Double? = nil, comparisons: [[Double]]? = nil, indicators: [Indicator]
    ) {
        self.name = name
        self.label = label
        self.weight = weight
        self.comparisons = comparisons
        self.indicators = indicators
    }

    /// The keys a dimension mapping may hold.
    static let keys = ["name", "label", "weight", "comparisons", "indicators"]

    /// Reads and validates one dimension, its indicators and the weights of its level.
    init(parsing node: ConfigNode) throws {
        let map = try node.mapping(keys: Dimension.keys)
        let name = try map.required("name").identifier()
        let label = try map.required("label").nonEmptyString()
        let weightNode = map.optional("weight")
        let weight = try weightNode?.double()
        if let weight, weight < 0, let weightNode {
            throw ConfigError.negativeWeight(weightNode.location, value: weight)
        }
        let indicatorsNode = try map.required("indicators")
        let indicatorNodes = try indicatorsNode.sequence()
        guard !indicatorNodes.isEmpty else { throw ConfigError.emptyList(indicatorsNode.location) }
        let indicators = try indicatorNodes.map { try Indicator(parsing: $0, dimension: name) }
        let children = zip(indicators, indicatorNodes).map { indicator, node in
            LevelChild(
                name: indicator.name, weight: indicator.weight,
                weightLocation: node.location(of: "weight"))
        }
        let comparisons = try IndicatorSystem.checkLevel(
            node, comparisons: map.optional("comparisons"), children: children)
        self.init(name: name, label: label, weight: weight, comparisons: comparisons, indicators: indicators)
    }
}
