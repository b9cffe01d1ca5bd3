/// Expert weights of an indicator system: each level's weights from its AHP matrix or its direct weights, and
/// the global weight of every indicator.
///
/// ```
/// w(indicator) = w(dimension) · w(indicator within its dimension)
/// ```
/// A level with neither comparisons nor direct weights has no expert weights. So that the expert column is a
/// full weight vector (the blend and the shrinkage need one), such a level's weight is spread **uniformly** over its
/// children and the level is marked `uniform`; the table's notes say which levels were filled.
public struct ExpertWeights: Sendable, Equatable {
    /// Where one level's weights come from.
    public enum Basis: String, Codable, Sendable {
        /// The principal eigenvector of the level's pairwise comparison matrix.
        case ahp
        /// Direct weights written on the children.
        case direct
        /// No expert weights: spread uniformly over the children.
        case uniform
    }

    /// One level of the hierarchy: the dimensions, or the indicators of one dimension.
    public struct Level: Codable, Sendable, Equatable {
        /// Where the level sits in the config (`indicator_system`, `indicator_system.dimensions[3]`).
        public var keyPath: String
        /// `dimensions`, or the dimension's name.
        public var name: String
        /// The children's names, in config order.
        public var children: [String]
        /// Where the weights come from.
        public var basis: Basis
        /// The children's weights within the level, summing to 1.
        public var weights: [Double]
        /// The AHP figures, for `ahp` levels.
        public var ahp: AHP.Result?
    }

    /// The dimensions' level.
    public var dimensions: Level
    /// The level of each dimension's indicators, in config order.
    public var withinDimensions: [Level]
    /// Every indicator's global weight, in config order; they sum to 1.
    public var indicators: [Double]

    /// The expert weights of `system`; `file` names the config in errors.
    ///
    /// - Throws: `WeightsError.inconsistentComparisons` when a comparison matrix has CR > 0.1, naming its key
    ///   path and the judgement to revisit.
    public init(system: IndicatorSystem, file: String) throws {
        dimensions = try Self.level(
            keyPath: "indicator_system", name: "dimensions", children: system.dimensions.map(\.name),
            comparisons: system.comparisons, direct: system.dimensions.map(\.weight), file: file)
        withinDimensions = try system.dimensions.enumerated().map { d, dimension in
            try Self.level(
                keyPath: "indicator_system.dimensions[\(d)]", name: dimension.name,
                children: dimension.indicators.map(\.name), comparisons: dimension.comparisons,
                direct: dimension.indicators.map(\.weight), file: file)
        }
        var global: [Double] = []
        let dimensionWeights = dimensions.weights
        for (d, level) in withinDimensions.enumerated() {
            global += level.weights.map { dimensionWeights[d] * $0 }
        }
        indicators = global
    }

    /// The levels with no expert weights (filled uniformly).
    public var uniformLevels: [Level] {
        ([dimensions] + withinDimensions).filter { $0.basis == .uniform }
    }

    /// One level's weights.
    static func level(
        keyPath: String, name: String, children: [String], comparisons: [[Double]]?, direct: [Double?], file: String
    ) throws -> Level {
        if let comparisons {
            let matrixPath = keyPath + ".comparisons"
            let result: AHP.Result
            do {
                result = try AHP.evaluate(comparisons)
            } catch {
                throw WeightsError.eigenDecompositionFailed(file: file, keyPath: matrixPath, reason: error.description)
            }
            guard result.consistencyRatio <= AHP.consistencyLimit else {
                let entry = result.mostInconsistentEntry
                throw WeightsError.inconsistentComparisons(
                    file: file, keyPath: matrixPath, order: children.count,
                    principalEigenvalue: result.principalEigenvalue, consistencyRatio: result.consistencyRatio,
                    entry: entry, rowName: entry.map { children[$0.row] } ?? "",
                    columnName: entry.map { children[$0.column] } ?? "")
            }
            return Level(
                keyPath: keyPath, name: name, children: children, basis: .ahp, weights: result.weights, ahp: result)
        }
        let given = direct.compactMap { $0 }
        if given.count == children.count, !given.isEmpty {
            return Level(keyPath: keyPath, name: name, children: children, basis: .direct, weights: given, ahp: nil)
        }
        let uniform = [Double](repeating: 1 / Double(max(1, children.count)), count: children.count)
        return Level(keyPath: keyPath, name: name, children: children, basis: .uniform, weights: uniform, ahp: nil)
    }
}
