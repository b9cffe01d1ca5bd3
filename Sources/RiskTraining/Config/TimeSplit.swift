/// How quarters are split into training, validation and (optionally) test data.
///
/// Training uses every quarter before the validation quarter; the test quarter, when set, is held out of both.
public struct TimeSplit: Equatable, Sendable {
    /// The column holding each row's quarter as `YYYYQn`. Default: `quarter`.
    public var quarterColumn: String
    /// The validation quarter: `last` or an explicit `YYYYQn`. Default: `last`.
    public var validationQuarter: QuarterSelection
    /// A held-out test quarter, `YYYYQn`, after an explicit validation quarter. Default: `nil` (no test quarter).
    public var testQuarter: Quarter?

    /// A time split; the defaults are the documented ones.
    public init(
        quarterColumn: String = "quarter", validationQuarter: QuarterSelection = .last, testQuarter: Quarter? = nil
    ) {
        self.quarterColumn = quarterColumn
        self.validationQuarter = validationQuarter
        self.testQuarter = testQuarter
    }

    /// The keys the `split` mapping may hold.
    static let keys = ["quarter_column", "validation_quarter", "test_quarter"]

    /// Reads and validates the `split` section; an absent section takes every default.
    init(parsing node: ConfigNode?) throws {
        guard let node else {
            self.init()
            return
        }
        let map = try node.mapping(keys: TimeSplit.keys)
        var validation = QuarterSelection.last
        if let validationNode = map.optional("validation_quarter") {
            let text = try validationNode.string()
            if text != "last" {
                guard let quarter = Quarter(text) else {
                    throw ConfigError.invalidQuarter(validationNode.location, value: text)
                }
                validation = .quarter(quarter)
            }
        }
        var test: Quarter?
        if let testNode = map.optional("test_quarter") {
            let text = try testNode.string()
            guard let quarter = Quarter(text) else { throw ConfigError.invalidQuarter(testNode.location, value: text) }
            if case .quarter(let validationQuarter) = validation, quarter <= validationQuarter {
                throw ConfigError.inconsistent(
                    testNode.location,
                    problem: "test quarter \(quarter) is not after validation quarter \(validationQuarter)",
                    fix: "choose a test quarter later than the validation quarter")
            }
            test = quarter
        }
        self.init(
            quarterColumn: try map.optional("quarter_column")?.nonEmptyString() ?? "quarter",
            validationQuarter: validation, testQuarter: test)
    }
}
