/// Where a column of indicator weights comes from: expert judgement, objective statistics of the indicators, or a
/// trained learner's importance.
///
/// The raw value is the stable name configs (`weights.blend`) and weights tables store; never rename a case. A new
/// learner adds its column as a new case without changing the table's format.
public enum WeightSource: String, CaseIterable, Codable, Sendable, Comparable {
    /// Expert weights: AHP principal eigenvectors or direct weights, dimension weight × weight inside it.
    case expert
    /// Entropy weight method on the indicators' min-max normalised values.
    case entropy
    /// CRITIC: contrast (standard deviation) times conflict (1 − correlation) of the normalised values.
    case critic
    /// Coefficient of variation of the normalised values.
    case variation = "coefficient_of_variation"
    /// Gradient boosting: mean |TreeSHAP| share of a trained run.
    case learnedGBDT = "learned_gbdt"
    /// Gradient boosting: split gain share of a trained run.
    case learnedGBDTGain = "learned_gbdt_gain"
    /// The network: mean |integrated gradients| share of a trained run.
    case learnedNetwork = "learned_network"
    /// The logistic scorecard: |coefficient × WOE standard deviation| share of a trained run.
    case learnedScorecard = "learned_scorecard"

    /// The three families of sources.
    public enum Family: String, Sendable {
        /// Judgement: AHP or direct weights.
        case expert
        /// Statistics of the indicators' values.
        case objective
        /// Importance in a trained model.
        case learned
    }

    /// The source's family; learned sources are the ones shrunk toward the expert prior.
    public var family: Family {
        switch self {
        case .expert: .expert
        case .entropy, .critic, .variation: .objective
        case .learnedGBDT, .learnedGBDTGain, .learnedNetwork, .learnedScorecard: .learned
        }
    }

    /// One line saying what the column holds, for the table's legend.
    public var summary: String {
        switch self {
        case .expert: "expert: AHP principal eigenvector or direct weights, dimension weight × weight within it"
        case .entropy: "entropy weight method on min-max normalised values in the risk direction"
        case .critic: "CRITIC: standard deviation × Σ(1 − correlation) of the normalised values"
        case .variation: "coefficient of variation of the normalised values"
        case .learnedGBDT: "gradient boosting: share of mean |TreeSHAP| contribution"
        case .learnedGBDTGain: "gradient boosting: share of split gain"
        case .learnedNetwork: "network: share of mean |integrated gradients| from the training means"
        case .learnedScorecard: "logistic scorecard: share of |coefficient × standard deviation of the WOE|"
        }
    }

    /// Sources order as declared, so tables and blends list them the same way everywhere.
    public static func < (a: WeightSource, b: WeightSource) -> Bool {
        let order = WeightSource.allCases
        return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
    }
}
