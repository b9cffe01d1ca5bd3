/// What computes a model's margin from its inputs. Each case is one `body.kind` of the model file.
public enum ModelBody: Sendable, Equatable {
    /// Gradient-boosted trees; file kind `trees`.
    case trees(TreeEnsemble)
    /// A small feed-forward network; file kind `network`.
    case network(NeuralNetwork)
    /// A logistic scorecard on binned indicators; file kind `scorecard`.
    case scorecard(Scorecard)
    /// A weighted 0-1000 scorecard; file kind `weighted`.
    case weighted(WeightedScorecard)

    /// The stable name the model file stores in `body.kind`.
    public var kind: String {
        switch self {
        case .trees: "trees"
        case .network: "network"
        case .scorecard: "scorecard"
        case .weighted: "weighted"
        }
    }

    /// The kinds this toolkit reads.
    public static let kinds = ["trees", "network", "scorecard", "weighted"]

    /// Number of inputs the body reads.
    public var featureCount: Int {
        switch self {
        case .trees(let ensemble): ensemble.featureCount
        case .network(let network): network.featureCount
        case .scorecard(let card): card.featureCount
        case .weighted(let card): card.featureCount
        }
    }

    /// The margin of one row of `featureCount` values (NaN for missing, category codes as whole numbers).
    public func margin(_ row: [Float]) -> Double {
        switch self {
        case .trees(let ensemble): ensemble.margin(row)
        case .network(let network): network.margin(row)
        case .scorecard(let card): card.margin(row)
        case .weighted(let card): card.margin(row)
        }
    }

    /// The margins of a row-major batch through the batch path production scoring uses.
    public func margins(rowMajor rows: [Float], threads: Int = 1) -> [Double] {
        switch self {
        case .trees(let ensemble): ensemble.margins(rowMajor: rows, threads: threads)
        case .network(let network): network.margins(rowMajor: rows)
        case .scorecard(let card): card.margins(rowMajor: rows)
        case .weighted(let card): card.margins(rowMajor: rows)
        }
    }
}
