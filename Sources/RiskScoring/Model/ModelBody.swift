/// What computes a model's margin from its inputs. Each case is one `body.kind` of the model file; the
/// network and scorecard bodies will join the tree ensemble here.
public enum ModelBody: Sendable, Equatable {
    /// Gradient-boosted trees; file kind `trees`.
    case trees(TreeEnsemble)

    /// The stable name the model file stores in `body.kind`.
    public var kind: String {
        switch self {
        case .trees: "trees"
        }
    }

    /// The kinds this toolkit reads.
    public static let kinds = ["trees"]

    /// Number of inputs the body reads.
    public var featureCount: Int {
        switch self {
        case .trees(let ensemble): ensemble.featureCount
        }
    }

    /// The margin of one row of `featureCount` values (NaN for missing, category codes as whole numbers).
    public func margin(_ row: [Float]) -> Double {
        switch self {
        case .trees(let ensemble): ensemble.margin(row)
        }
    }

    /// The margins of a row-major batch through the batch path production scoring uses.
    public func margins(rowMajor rows: [Float], threads: Int = 1) -> [Double] {
        switch self {
        case .trees(let ensemble): ensemble.margins(rowMajor: rows, threads: threads)
        }
    }
}
