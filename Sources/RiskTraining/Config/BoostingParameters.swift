/// Settings of gradient-boosted decision trees. Each is documented here once, with its default and valid range;
/// the config key is the snake_case name (`learning_rate`), and docs/ConfigFormat.md lists the same.
public struct BoostingParameters: Equatable, Sendable, Codable {
    /// Number of boosting rounds (trees), `[1, 100000]`. Default: `300`. YAML: `rounds`.
    public var rounds: Int
    /// Largest number of leaves per tree, `[2, 131072]`. Default: `31`. YAML: `max_leaves`.
    public var maxLeaves: Int
    /// Largest tree depth, `[0, 64]`, where 0 means unlimited (``maxLeaves`` still bounds the tree).
    /// Default: `0`. YAML: `max_depth`.
    public var maxDepth: Int
    /// Shrinkage applied to each tree's leaf values, `(0, 1]`. Default: `0.1`. YAML: `learning_rate`.
    public var learningRate: Double
    /// Largest number of bins per indicator, `[2, 255]` (bins are stored as `UInt8`). Default: `255`. YAML: `bins`.
    public var bins: Int
    /// Fewest training rows in a leaf, `[1, ∞)`. Default: `20`. YAML: `min_samples_per_leaf`.
    public var minSamplesPerLeaf: Int
    /// Smallest sum of hessians in a leaf, `[0, ∞)`. Default: `1e-3`. YAML: `min_hessian_per_leaf`.
    public var minHessianPerLeaf: Double
    /// L1 penalty α on leaf values, `[0, ∞)`. Default: `0`. YAML: `l1_regularization`.
    public var l1Regularization: Double
    /// L2 penalty λ on leaf values, `[0, ∞)`. Default: `0`. YAML: `l2_regularization`.
    ///
    /// With gradients `G` and hessians `H` of a leaf, the leaf value is `−G/(H+λ)` (before L1 and shrinkage).
    public var l2Regularization: Double
    /// Smallest gain a split must bring, `[0, ∞)`. Default: `0`. YAML: `min_split_gain`.
    ///
    /// ```
    /// gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)
    /// ```
    public var minSplitGain: Double
    /// Fraction of rows sampled (without replacement) for each tree, `(0, 1]`. Default: `1`. YAML: `row_subsample`.
    public var rowSubsample: Double
    /// Fraction of indicators sampled for each tree, `(0, 1]`. Default: `1`. YAML: `feature_fraction`.
    public var featureFraction: Double
    /// Stop when the validation loss has not improved for this many rounds, `[0, ∞)`; 0 turns early stopping off.
    /// Default: `0`. YAML: `early_stopping_rounds`.
    public var earlyStoppingRounds: Int
    /// Worker threads, `[0, 1024]`; 0 uses every core. Results do not depend on it. Default: `0`. YAML: `threads`.
    public var threads: Int
    /// Weight multiplying the sample weight of every positive (hit) row, `(0, ∞)`. Default: `1`.
    /// YAML: `positive_class_weight`.
    public var positiveClassWeight: Double
    /// The validation metric early stopping watches: log loss (lower is better) or AUC (higher is better).
    /// Default: `log_loss`. YAML: `early_stopping_metric` (`log_loss` or `auc`).
    public var earlyStoppingMetric: BoostingOptions.StoppingMetric
    /// Groups of indicators, by name, allowed to interact: a branch of a tree may only split on the indicators
    /// of one group that holds every indicator split on above it; an indicator in no group interacts with none.
    /// Empty: no constraint. Default: `[]`. YAML: `interaction_groups` (a list of lists of indicator names).
    public var interactionGroups: [[String]]
    /// Whether each indicator is constrained monotone in its risk direction (`monotone`). Default true.
    public var monotone = true

    /// Boosting parameters; the defaults are the documented ones. Values built in code are not range-checked
    /// (the loader checks files).
    public init(
        rounds: Int = 300, maxLeaves: Int = 31, maxDepth: Int = 0, learningRate: Double = 0.1, bins: Int = 255,
        minSamplesPerLeaf: Int = 20, minHessianPerLeaf: Double = 1e-3, l1Regularization: Double = 0,
        l2Regularization: Double = 0, minSplitGain: Double = 0, rowSubsample: Double = 1, featureFraction: Double = 1,
        earlyStoppingRounds: Int = 0, threads: Int = 0, positiveClassWeight: Double = 1,
        earlyStoppingMetric: BoostingOptions.StoppingMetric = .logLoss, interactionGroups: [[String]] = []
    ) {
        self.rounds = rounds
        self.maxLeaves = maxLeaves
        self.maxDepth = maxDepth
        self.learningRate = learningRate
        self.bins = bins
        self.minSamplesPerLeaf = minSamplesPerLeaf
        self.minHessianPerLeaf = minHessianPerLeaf
        self.l1Regularization = l1Regularization
        self.l2Regularization = l2Regularization
        self.minSplitGain = minSplitGain
        self.rowSubsample = rowSubsample
        self.featureFraction = featureFraction
        self.earlyStoppingRounds = earlyStoppingRounds
        self.threads = threads
        self.positiveClassWeight = positiveClassWeight
        self.earlyStoppingMetric = earlyStoppingMetric
        self.interactionGroups = interactionGroups
    }

    /// The YAML key and valid range of every parameter, in declaration order; the loader checks against these.
    static let ranges: [(key: String, range: ValidRange)] = [
        ("rounds", .closed(1, 100_000)),
        ("max_leaves", .closed(2, 131_072)),
        ("max_depth", .closed(0, 64)),
        ("learning_rate", .openClosed(0, 1)),
        ("bins", .closed(2, 255)),
        ("min_samples_per_leaf", .atLeast(1)),
        ("min_hessian_per_leaf", .atLeast(0)),
        ("l1_regularization", .atLeast(0)),
        ("l2_regularization", .atLeast(0)),
        ("min_split_gain", .atLeast(0)),
        ("row_subsample", .openClosed(0, 1)),
        ("feature_fraction", .openClosed(0, 1)),
        ("early_stopping_rounds", .atLeast(0)),
        ("threads", .closed(0, 1024)),
        ("positive_class_weight", .greaterThan(0)),
    ]

    /// The keys of the `model.boosting` mapping that are not numbers.
    static let otherKeys = ["early_stopping_metric", "interaction_groups", "monotone"]

    /// Reads and range-checks the `model.boosting` section, checking interaction groups against the indicator
    /// system; an absent section or key takes the default.
    init(parsing node: ConfigNode?, system: IndicatorSystem) throws {
        self.init()
        guard let node else { return }
        let map = try node.mapping(keys: BoostingParameters.ranges.map(\.key) + BoostingParameters.otherKeys)
        for (key, range) in BoostingParameters.ranges {
            guard let value = map.optional(key) else { continue }
            switch key {
            case "rounds": rounds = try value.int(in: range)
            case "max_leaves": maxLeaves = try value.int(in: range)
            case "max_depth": maxDepth = try value.int(in: range)
            case "learning_rate": learningRate = try value.double(in: range)
            case "bins": bins = try value.int(in: range)
            case "min_samples_per_leaf": minSamplesPerLeaf = try value.int(in: range)
            case "min_hessian_per_leaf": minHessianPerLeaf = try value.double(in: range)
            case "l1_regularization": l1Regularization = try value.double(in: range)
            case "l2_regularization": l2Regularization = try value.double(in: range)
            case "min_split_gain": minSplitGain = try value.double(in: range)
            case "row_subsample": rowSubsample = try value.double(in: range)
            case "feature_fraction": featureFraction = try value.double(in: range)
            case "early_stopping_rounds": earlyStoppingRounds = try value.int(in: range)
            case "threads": threads = try value.int(in: range)
            case "positive_class_weight": positiveClassWeight = try value.double(in: range)
            default: preconditionFailure("BoostingParameters.ranges lists \(key) but the loader does not read it")
            }
        }
        if let metric = map.optional("early_stopping_metric") {
            earlyStoppingMetric = try metric.value(BoostingOptions.StoppingMetric.self)
        }
        if let flag = map.optional("monotone") { monotone = try flag.flag() }
        if let groups = map.optional("interaction_groups") {
            interactionGroups = try groups.sequence().map { try Self.interactionGroup(parsing: $0, system: system) }
        }
    }

    /// One interaction group: a non-empty list of distinct indicator names of the system.
    private static func interactionGroup(parsing node: ConfigNode, system: IndicatorSystem) throws -> [String] {
        let names = try node.sequence()
        guard !names.isEmpty else { throw ConfigError.emptyList(node.location) }
        var group: [String] = []
        for nameNode in names {
            let name = try nameNode.string()
            guard system.indicator(named: name) != nil else {
                throw ConfigError.unknownIndicator(
                    nameNode.location, name: name,
                    suggestion: EditDistance.suggestion(for: name, among: system.indicators.map(\.name)))
            }
            guard !group.contains(name) else {
                throw ConfigError.inconsistent(
                    nameNode.location, problem: "\"\(name)\" is listed twice in one group",
                    fix: "list each indicator once")
            }
            group.append(name)
        }
        return group
    }
}
