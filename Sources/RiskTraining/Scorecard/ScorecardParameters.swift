/// Settings of the scorecard learners (`model.learner: scorecard` or `weighted`). Each is documented here once,
/// with its default and valid range; the config key (under `model.scorecard`) is the snake_case name, and
/// docs/ConfigFormat.md lists the same.
public struct ScorecardParameters: Equatable, Sendable, Codable {
    /// Most value bins per indicator after merging (the missing bin not counted), `[1, 50]`. Default: `6`.
    /// YAML: `max_bins`.
    public var maxBins: Int
    /// Quantile bins each numeric indicator starts from before merging, `[2, 255]`. Default: `20`. YAML:
    /// `fine_bins`.
    public var fineBins: Int
    /// Smallest share of the training weight a value bin may hold, `[0, 0.5]`; smaller bins are merged into a
    /// neighbour, smaller categories pooled. Default: `0.05`. YAML: `min_bin_share`.
    public var minBinShare: Double
    /// Points to double the odds, `(0, 1000]`. Default: `20`. YAML: `pdo`.
    public var pdo: Double
    /// Points at the base odds, `[-100000, 100000]`. Default: `600`. YAML: `base_score`.
    public var baseScore: Double
    /// Non-hit : hit odds at the base score, `(0, 1000000]`. Default: `50`. YAML: `base_odds`.
    public var baseOdds: Double
    /// L2 penalty λ on the logistic coefficients (not the intercept), `[0, 1000000]`, in units of training
    /// weight: the fit minimises `Σ wᵢ·logloss_i + λ/2 · Σ β_f²`. Default: `0`. YAML: `l2`.
    public var l2: Double
    /// IRLS stops when no coefficient moves by more than this, `(0, 0.01]`. Default: `1e-8`. YAML: `tolerance`.
    public var tolerance: Double
    /// Most IRLS iterations, `[1, 1000]`. Default: `50`. YAML: `max_iterations`.
    public var maxIterations: Int
    /// The weighted scorecard's weights: a column of the weights table given with `riskgrade train --weights`
    /// (one of ``weightColumns``: `expert`, `entropy`, `critic`, `coefficient_of_variation`, `learned_*`,
    /// `learned_*_shrunk`, `blend`); without a table only `expert`, the config's own expert weights. Default:
    /// `expert`. YAML: `weights`.
    public var weights: String

    /// Scorecard parameters; the defaults are the documented ones. Values built in code are not range-checked
    /// (the loader checks files).
    public init(
        maxBins: Int = 6, fineBins: Int = 20, minBinShare: Double = 0.05, pdo: Double = 20, baseScore: Double = 600,
        baseOdds: Double = 50, l2: Double = 0, tolerance: Double = 1e-8, maxIterations: Int = 50,
        weights: String = WeightSource.expert.rawValue
    ) {
        self.maxBins = maxBins
        self.fineBins = fineBins
        self.minBinShare = minBinShare
        self.pdo = pdo
        self.baseScore = baseScore
        self.baseOdds = baseOdds
        self.l2 = l2
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.weights = weights
    }

    /// The YAML key of ``weights``.
    static let weightsKey = "weights"

    /// The YAML key and valid range of every parameter, in declaration order.
    static let ranges: [(key: String, range: ValidRange)] = [
        ("max_bins", .closed(1, 50)),
        ("fine_bins", .closed(2, 255)),
        ("min_bin_share", .closed(0, 0.5)),
        ("pdo", .openClosed(0, 1000)),
        ("base_score", .closed(-100_000, 100_000)),
        ("base_odds", .openClosed(0, 1_000_000)),
        ("l2", .closed(0, 1_000_000)),
        ("tolerance", .openClosed(0, 0.01)),
        ("max_iterations", .closed(1, 1000)),
    ]

    /// Each parameter's value, in the order of ``ranges``.
    var values: [Double] {
        [
            Double(maxBins), Double(fineBins), minBinShare, pdo, baseScore, baseOdds, l2, tolerance,
            Double(maxIterations),
        ]
    }

    /// Reads and range-checks the `model.scorecard` section; an absent section or key takes the default.
    init(parsing node: ConfigNode?) throws {
        self.init()
        guard let node else { return }
        let map = try node.mapping(keys: Self.ranges.map(\.key) + [Self.weightsKey])
        if let value = map.optional(Self.weightsKey) {
            weights = try Self.weightColumn(try value.string(), at: value.location)
        }
        for (key, range) in Self.ranges {
            guard let value = map.optional(key) else { continue }
            switch key {
            case "max_bins": maxBins = try value.int(in: range)
            case "fine_bins": fineBins = try value.int(in: range)
            case "min_bin_share": minBinShare = try value.double(in: range)
            case "pdo": pdo = try value.double(in: range)
            case "base_score": baseScore = try value.double(in: range)
            case "base_odds": baseOdds = try value.double(in: range)
            case "l2": l2 = try value.double(in: range)
            case "tolerance": tolerance = try value.double(in: range)
            case "max_iterations": maxIterations = try value.int(in: range)
            default: preconditionFailure("ScorecardParameters.ranges lists \(key) but the loader does not read it")
            }
        }
    }

    /// Checks every parameter against its valid range (values set in code).
    ///
    /// - Throws: `ConfigError.outOfRange` at `model.scorecard.<key>`.
    public func validate(file: String = "command line") throws {
        _ = try Self.weightColumn(
            weights, at: ConfigLocation(file: file, keyPath: "model.scorecard.\(Self.weightsKey)"))
        for ((key, range), value) in zip(Self.ranges, values) where !range.contains(value) {
            throw ConfigError.outOfRange(
                ConfigLocation(file: file, keyPath: "model.scorecard.\(key)"), value: value,
                validRange: range.description)
        }
    }
}

extension ScorecardParameters {
    /// `name` when it is one of ``weightColumns``.
    ///
    /// - Throws: `ConfigError.unknownValue` at `location`, listing the valid names and the closest one.
    static func weightColumn(_ name: String, at location: ConfigLocation) throws -> String {
        guard weightColumns.contains(name) else {
            throw ConfigError.unknownValue(
                location, value: name, validValues: weightColumns,
                suggestion: EditDistance.suggestion(for: name, among: weightColumns))
        }
        return name
    }
}

extension ModelParameters {
    /// Replaces the weighted scorecard's weights column (a command-line override), checking the name.
    ///
    /// - Throws: `ConfigError.unknownValue` naming the valid columns; on an error nothing changes.
    public mutating func overrideScorecardWeights(_ column: String) throws {
        var changed = scorecard
        changed.weights = column
        try changed.validate()
        scorecard = changed
    }
}
