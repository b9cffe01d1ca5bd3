/// Fixed cut-offs on the 0-1000 risk score: a score is graded by the highest cut-off it reaches.
///
/// ```
/// score < b → A,   b ≤ score < c → B,   c ≤ score < d → C,   score ≥ d → D
/// ```
/// Henan's published cut-offs are `b = 200, c = 500, d = 750`.
public struct GradeCutoffs: Equatable, Sendable {
    /// The lowest score graded B, in `[0, 1000]`.
    public var b: Double
    /// The lowest score graded C, in `[0, 1000]`, above ``b``.
    public var c: Double
    /// The lowest score graded D, in `[0, 1000]`, above ``c``.
    public var d: Double

    /// Cut-offs for B, C and D.
    public init(b: Double, c: Double, d: Double) {
        self.b = b
        self.c = c
        self.d = d
    }

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
