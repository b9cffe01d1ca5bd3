/// Sums over the rows of a leaf (or one side of a split): gradient, hessian and row count.
struct LeafSums: Equatable, Sendable {
    var gradient: Double = 0
    var hessian: Double = 0
    var count: Int = 0

    static func - (a: LeafSums, b: LeafSums) -> LeafSums {
        LeafSums(gradient: a.gradient - b.gradient, hessian: a.hessian - b.hessian, count: a.count - b.count)
    }
}

/// A set of bins (at most 256) as four 64-bit words: the bins a categorical split sends left.
struct BinSet: Equatable, Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    @inline(__always)
    func contains(_ bin: Int) -> Bool {
        let bit = UInt64(1) << UInt64(bin & 63)
        switch bin >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    mutating func insert(_ bin: Int) {
        let bit = UInt64(1) << UInt64(bin & 63)
        switch bin >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    static func == (a: BinSet, b: BinSet) -> Bool { a.words == b.words }
}

/// The best split found for a leaf: where it cuts, its gain and both children's sums and outputs.
struct SplitCandidate: Sendable {
    /// Feature split on, or −1 when no split was found.
    var feature = -1
    /// Split gain (children's gain minus the parent's), the quantity compared against `minSplitGain`.
    var gain = -Double.infinity
    /// Numeric: bins `0...thresholdBin` go left.
    var thresholdBin = 0
    /// Categorical: the bins that go left.
    var leftBins = BinSet()
    /// Whether the split is categorical.
    var isCategorical = false
    /// Where missing values go.
    var defaultLeft = false
    var left = LeafSums()
    var right = LeafSums()
    /// The children's outputs (before shrinkage), already clamped to the parent's monotone bounds.
    var leftOutput = 0.0
    var rightOutput = 0.0

    var isValid: Bool { feature >= 0 }

    /// Whether a row in bin `bin` of the split feature goes left.
    @inline(__always)
    func goesLeft(bin: Int, missingBin: Int) -> Bool {
        if isCategorical { return leftBins.contains(bin) }
        return bin == missingBin ? defaultLeft : bin <= thresholdBin
    }
}
