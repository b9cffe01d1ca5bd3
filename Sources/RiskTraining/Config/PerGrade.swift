import RiskScoring

/// One value for each grade A-D, such as grade shares or inspection sampling ratios.
public struct PerGrade<Value> {
    /// The value for grade A (low risk).
    public var a: Value
    /// The value for grade B (general risk).
    public var b: Value
    /// The value for grade C (relatively high risk).
    public var c: Value
    /// The value for grade D (high risk).
    public var d: Value

    /// Values for A, B, C and D.
    public init(a: Value, b: Value, c: Value, d: Value) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    /// The value for `grade`.
    public subscript(grade: Grade) -> Value {
        get {
            switch grade {
            case .a: a
            case .b: b
            case .c: c
            case .d: d
            }
        }
        set {
            switch grade {
            case .a: a = newValue
            case .b: b = newValue
            case .c: c = newValue
            case .d: d = newValue
            }
        }
    }

    /// The values in grade order A, B, C, D.
    public var values: [Value] { [a, b, c, d] }
}

extension PerGrade: Equatable where Value: Equatable {}
extension PerGrade: Sendable where Value: Sendable {}

extension PerGrade where Value == Double {
    /// Reads a mapping `{A: …, B: …, C: …, D: …}` with all four grades, each value in `range`.
    init(parsing node: ConfigNode, range: ValidRange) throws {
        let map = try node.mapping(keys: Grade.allCases.map(\.rawValue))
        let values = try Grade.allCases.map { try map.required($0.rawValue).double(in: range) }
        self.init(a: values[0], b: values[1], c: values[2], d: values[3])
    }

    /// The sum of the four values.
    var sum: Double { a + b + c + d }
}
