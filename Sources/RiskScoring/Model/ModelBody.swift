/// What computes a model's margin from its inputs. Each case is one `body.kind` of the model file; the
/// scorecard body will join the tree ensemble and the network here.
public enum ModelBody: Sendable, Equatable {
    /// Gradient-boosted trees; file kind `trees`.
    case trees(TreeEnsemble)
    /// A small feed-forward network; file kind `network`.
    case network(NeuralNetwork)

    /// The stable name the model file stores in `body.kind`.
    public var kind: String {
        switch self {
        case .trees: "trees"
        case .network: "network"
        }
    }

    /// The kinds this toolkit reads.
    public static let kinds = ["trees", "network"]

    /// Number of inputs the body reads.
    public var featureCount: Int {
        switch self {
        case .trees(let ensemble): ensemble.featureCount
        case .network(let network): network.featureCount
        }
    }

    /// The margin of one row of `featureCount` values (NaN for missing, category codes as whole numbers).
    public func margin(_ row: [Float]) -> Double {
        switch self {
        case .trees(let ensemble): ensemble.margin(row)
        case .network(let network): network.margin(row)
        }
    }

    /// The margins of a row-major batch through the batch path production scoring uses.
    public func margins(rowMajor rows: [Float], threads: Int = 1) -> [Double] {
        switch self {
        case .trees(let ensemble): ensemble.margins(rowMajor: rows, threads: threads)
        case .network(let network): network.margins(rowMajor: rows)
        }
    }
}
