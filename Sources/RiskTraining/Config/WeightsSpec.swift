/// How `riskgrade weights` combines its sources: the blend's coefficients and the shrinkage of learned weights
/// toward the expert prior (the `weights` section of a config).
public struct WeightsSpec: Equatable, Sendable {
    /// One source of the blend and its coefficient.
    public struct BlendTerm: Equatable, Sendable {
        /// The source.
        public var source: WeightSource
        /// Its coefficient, ≥ 0.
        public var coefficient: Double

        /// A term of the blend.
        public init(source: WeightSource, coefficient: Double) {
            self.source = source
            self.coefficient = coefficient
        }
    }

    /// The convex combination of sources that gives the blended weights, in ``WeightSource`` order. Default:
    /// empty (no blend column). Coefficients are ≥ 0 and sum to 1 within 1e-6; names are ``WeightSource`` raw values.
    public var blend: [BlendTerm]
    /// λ in `[0, 1]`: every learned source enters the blend as `(1 − λ)·learned + λ·expert`. Default: `0` (no
    /// shrinkage). With λ > 0 the table also shows each shrunk learned column.
    public var shrinkage: Double

    /// A weights specification; the defaults are the documented ones.
    public init(blend: [BlendTerm] = [], shrinkage: Double = 0) {
        self.blend = blend
        self.shrinkage = shrinkage
    }

    /// The keys the `weights` mapping may hold.
    static let keys = ["blend", "shrinkage"]

    /// Reads and validates the `weights` section; an absent section takes every default.
    init(parsing node: ConfigNode?) throws {
        guard let node else {
            self.init()
            return
        }
        let map = try node.mapping(keys: WeightsSpec.keys)
        var blend: [BlendTerm] = []
        if let blendNode = map.optional("blend") {
            let terms = try blendNode.mapping(keys: WeightSource.allCases.map(\.rawValue))
            for source in WeightSource.allCases {
                guard let term = terms.optional(source.rawValue) else { continue }
                blend.append(BlendTerm(source: source, coefficient: try term.double(in: .atLeast(0))))
            }
            guard !blend.isEmpty else {
                throw ConfigError.inconsistent(
                    blendNode.location, problem: "the blend names no source",
                    fix: "name each source with its coefficient, e.g. { expert: 0.5, entropy: 0.5 }")
            }
            let sum = blend.reduce(0) { $0 + $1.coefficient }
            guard abs(sum - 1) <= IndicatorSystem.tolerance else {
                throw ConfigError.inconsistent(
                    blendNode.location,
                    problem: "the blend's coefficients sum to \(displayNumber(sum)), not 1 (within 1e-6)",
                    fix: "rescale them so they sum to 1")
            }
        }
        self.init(blend: blend, shrinkage: try map.optional("shrinkage")?.double(in: .closed(0, 1)) ?? 0)
    }
}
