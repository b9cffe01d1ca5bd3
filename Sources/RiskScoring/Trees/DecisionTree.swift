/// One regression tree of a boosted ensemble, stored as parallel arrays (the layout LightGBM, XGBoost and
/// treelite use): internal nodes `0..<leafCount-1`, leaves `0..<leafCount`, node 0 the root.
///
/// A child index `c ≥ 0` is an internal node; `c < 0` is the leaf `~c` (that is, `-c - 1`). A tree with one
/// leaf has no internal nodes.
///
/// Split rule at internal node `i` on the value `x` of feature `splitFeature[i]`:
/// - missing (`x` is NaN): go left when `defaultLeft[i]`, else right;
/// - numeric split (`categorySet[i] < 0`): go left when `x <= threshold[i]` (a raw feature value);
/// - categorical split (`categorySet[i] = k ≥ 0`): `x` is a category code; go left when the code is in the set
///   `k` (bits `categoryWords[categoryOffsets[k]..<categoryOffsets[k+1]]`, bit `c` of the set is word `c / 32`,
///   bit `c % 32`); a code outside the set, or not a whole non-negative number, goes right.
public struct DecisionTree: Sendable, Equatable, Codable {
    /// Feature index split on, per internal node.
    public var splitFeature: [Int32]
    /// Numeric threshold per internal node: `x <= threshold` goes left. Unused (0) for categorical splits.
    public var threshold: [Float]
    /// Whether a missing value goes left, per internal node.
    public var defaultLeft: [Bool]
    /// The category set of a categorical split (index into `categoryOffsets`), or -1 for a numeric split.
    public var categorySet: [Int32]
    /// Left child per internal node (`≥ 0` internal node, `< 0` leaf `~c`).
    public var left: [Int32]
    /// Right child per internal node.
    public var right: [Int32]
    /// Loss reduction of the split, per internal node (for gain importance).
    public var splitGain: [Float]
    /// Sum of training hessians that reached each internal node (for TreeSHAP's path weights).
    public var internalCover: [Double]
    /// Output (margin contribution, shrinkage applied) per leaf.
    public var leafValue: [Double]
    /// Sum of training hessians that reached each leaf.
    public var leafCover: [Double]
    /// Start of each category set in `categoryWords`; `categoryOffsets.count` is the number of sets plus one.
    public var categoryOffsets: [Int32]
    /// The 32-bit words of all category sets.
    public var categoryWords: [UInt32]

    /// A tree from its arrays; `precondition`s check the shapes agree.
    public init(
        splitFeature: [Int32], threshold: [Float], defaultLeft: [Bool], categorySet: [Int32], left: [Int32],
        right: [Int32], splitGain: [Float], internalCover: [Double], leafValue: [Double], leafCover: [Double],
        categoryOffsets: [Int32] = [0], categoryWords: [UInt32] = []
    ) {
        let internalCount = splitFeature.count
        precondition(
            [
                threshold.count, defaultLeft.count, categorySet.count, left.count, right.count, splitGain.count,
                internalCover.count,
            ].allSatisfy { $0 == internalCount },
            "every internal-node array must have one entry per internal node")
        precondition(
            leafValue.count == internalCount + 1 && leafCover.count == internalCount + 1,
            "a tree has one more leaf than internal nodes")
        precondition(!categoryOffsets.isEmpty, "categoryOffsets starts with 0")
        self.splitFeature = splitFeature
        self.threshold = threshold
        self.defaultLeft = defaultLeft
        self.categorySet = categorySet
        self.left = left
        self.right = right
        self.splitGain = splitGain
        self.internalCover = internalCover
        self.leafValue = leafValue
        self.leafCover = leafCover
        self.categoryOffsets = categoryOffsets
        self.categoryWords = categoryWords
    }

    /// A tree of one leaf with the given value.
    public init(constant value: Double, cover: Double = 0) {
        self.init(
            splitFeature: [], threshold: [], defaultLeft: [], categorySet: [], left: [], right: [], splitGain: [],
            internalCover: [], leafValue: [value], leafCover: [cover])
    }

    /// Number of leaves.
    public var leafCount: Int { leafValue.count }

    /// Whether a value goes left at internal node `node`.
    @inline(__always)
    public func goesLeft(_ value: Float, at node: Int) -> Bool {
        if value.isNaN { return defaultLeft[node] }
        let set = Int(categorySet[node])
        if set < 0 { return value <= threshold[node] }
        guard value >= 0, value < 4_294_967_296, value == value.rounded(.towardZero) else { return false }
        let code = Int(value)
        let word = Int(categoryOffsets[set]) + code >> 5
        guard word < Int(categoryOffsets[set + 1]) else { return false }
        return categoryWords[word] & (1 << UInt32(code & 31)) != 0
    }

    /// The leaf a row reaches; `value(f)` gives the row's value of feature `f`.
    @inline(__always)
    public func leaf(_ value: (Int) -> Float) -> Int {
        guard !splitFeature.isEmpty else { return 0 }
        var node = 0
        while true {
            let child = goesLeft(value(Int(splitFeature[node])), at: node) ? left[node] : right[node]
            if child < 0 { return Int(~child) }
            node = Int(child)
        }
    }
}
