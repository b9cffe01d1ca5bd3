/// The indicator system: first-level dimensions, their indicators, and the expert weights of both levels.
///
/// Immutable, so that ``indicators`` always matches ``dimensions``; build a new system to change it.
public struct IndicatorSystem: Equatable, Sendable {
    /// The dimensions in config order; at least one. Names are unique.
    public let dimensions: [Dimension]
    /// AHP pairwise comparison matrix over ``dimensions`` in listed order. Default: `nil`. Same rules as
    /// ``Dimension/comparisons``; not together with dimension weights.
    public let comparisons: [[Double]]?
    /// Every indicator of every dimension, flattened in config order (dimension by dimension).
    public let indicators: [Indicator]

    /// A system from its dimensions; values built in code are not validated (the loader validates files).
    public init(dimensions: [Dimension], comparisons: [[Double]]? = nil) {
        self.dimensions = dimensions
        self.comparisons = comparisons
        self.indicators = dimensions.flatMap(\.indicators)
    }

    /// The indicator called `name`, if there is one.
    public func indicator(named name: String) -> Indicator? {
        indicators.first { $0.name == name }
    }

    /// The keys the `indicator_system` mapping may hold.
    static let keys = ["dimensions", "comparisons"]

    /// Reads and validates the indicator system.
    ///
    /// - Parameter reservedColumns: columns that other sections already use (the label, inspection-kind and
    ///   quarter columns), by the key path that defines them; an indicator may not read from them.
    init(parsing node: ConfigNode, reservedColumns: [(column: String, keyPath: String)]) throws {
        let map = try node.mapping(keys: IndicatorSystem.keys)
        let dimensionsNode = try map.required("dimensions")
        let dimensionNodes = try dimensionsNode.sequence()
        guard !dimensionNodes.isEmpty else { throw ConfigError.emptyList(dimensionsNode.location) }
        let dimensions = try dimensionNodes.map(Dimension.init(parsing:))

        // Names must be unique across the whole system: reports, reason codes and hard rules refer to them.
        var dimensionPaths: [String: String] = [:]
        var indicatorPaths: [String: String] = [:]
        var columnPaths: [String: String] = [:]
        for (column, keyPath) in reservedColumns { columnPaths[column] = keyPath }
        for (i, dimension) in dimensions.enumerated() {
            let dimensionPath = dimensionNodes[i].keyPath
            if let first = dimensionPaths[dimension.name] {
                throw ConfigError.duplicateName(
                    dimensionNodes[i].location(of: "name"), name: dimension.name, role: "dimension",
                    firstKeyPath: first)
            }
            dimensionPaths[dimension.name] = dimensionPath + ".name"
            for (j, indicator) in dimension.indicators.enumerated() {
                let indicatorNode = ConfigNode(
                    node: dimensionNodes[i].node["indicators"]?.sequence?[j] ?? dimensionNodes[i].node,
                    keyPath: dimensionPath + ".indicators[\(j)]", file: node.file)
                if let first = indicatorPaths[indicator.name] {
                    throw ConfigError.duplicateName(
                        indicatorNode.location(of: "name"), name: indicator.name, role: "indicator",
                        firstKeyPath: first)
                }
                indicatorPaths[indicator.name] = indicatorNode.keyPath + ".name"
                let columnKey = indicatorNode.node["column"] == nil ? "name" : "column"
                if let first = columnPaths[indicator.column] {
                    throw ConfigError.duplicateName(
                        indicatorNode.location(of: columnKey), name: indicator.column, role: "column",
                        firstKeyPath: first)
                }
                columnPaths[indicator.column] = indicatorNode.keyPath + "." + columnKey
            }
        }

        let children = zip(dimensions, dimensionNodes).map { dimension, node in
            LevelChild(name: dimension.name, weight: dimension.weight, weightLocation: node.location(of: "weight"))
        }
        let comparisons = try IndicatorSystem.checkLevel(
            node, comparisons: map.optional("comparisons"), children: children)
        self.init(dimensions: dimensions, comparisons: comparisons)
    }
}
