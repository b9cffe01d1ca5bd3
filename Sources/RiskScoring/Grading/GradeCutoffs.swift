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

    /// Henan's published cut-offs: B 200, C 500, D 750.
    public static let standard = GradeCutoffs(b: 200, c: 500, d: 750)

    /// Whether the cut-offs lie in `[0, 1000]` and increase strictly (`0 ≤ b < c < d ≤ 1000`).
    public var isValid: Bool { 0 <= b && b < c && c < d && d <= 1000 }

    /// The grade of a 0-1000 score.
    @inline(__always)
    public func grade(score: Double) -> Grade {
        if score >= d { return .d }
        if score >= c { return .c }
        if score >= b { return .b }
        return .a
    }
}
