import RiskScoring

extension GradeCutoffs {
    /// The range of every cut-off: the score scale.
    static let scoreRange = ValidRange.closed(0, 1000)

    /// Reads `{B: …, C: …, D: …}`: each in `[0, 1000]`, strictly increasing.
    init(parsing node: ConfigNode) throws {
        let map = try node.mapping(keys: ["B", "C", "D"])
        let b = try map.required("B").double(in: GradeCutoffs.scoreRange)
        let c = try map.required("C").double(in: GradeCutoffs.scoreRange)
        let d = try map.required("D").double(in: GradeCutoffs.scoreRange)
        guard b < c, c < d else { throw ConfigError.cutoffsNotIncreasing(node.location, b: b, c: c, d: d) }
        self.init(b: b, c: c, d: d)
    }
}
