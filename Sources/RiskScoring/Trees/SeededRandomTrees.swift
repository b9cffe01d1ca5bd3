/// Seeded random tree ensembles and rows, shared by the tree tests and `TreeBenchmark`: random shapes (each
/// tree splits its leaves into two random parts recursively, so depths vary), numeric and categorical splits,
/// both missing directions, shuffled node numbering, and covers that add up.
struct SeededRandomTrees {
    var random: SeededTreeRandom
    /// Which features are categorical; the rest are numeric.
    let categorical: [Bool]
    var featureCount: Int { categorical.count }
    /// Features splits may use (a feature outside never appears in a tree).
    let usable: [Int]

    /// Whether numeric thresholds and values lie on a grid of 11 values in [0, 1] (so rows often equal
    /// thresholds exactly, as tests want) rather than spread uniformly over [0, 1) (as benchmarks want).
    let grid: Bool
    /// The share of missing (NaN) values in `rows`.
    let missingRate: Double

    /// A generator seeded by `seed`; `usable` lists the features splits may use (default all).
    init(seed: UInt64, categorical: [Bool], usable: [Int]? = nil, grid: Bool = true, missingRate: Double = 0.05) {
        random = SeededTreeRandom(seed: seed)
        self.categorical = categorical
        self.usable = usable ?? Array(categorical.indices)
        self.grid = grid
        self.missingRate = missingRate
    }

    /// A numeric value: on the grid, or uniform in [0, 1).
    mutating func numericValue() -> Float { grid ? Float(random.below(11)) / 10 : Float(random.unit()) }

    /// A random ensemble of `treeCount` trees with 1 to `maxLeaves` leaves each.
    mutating func ensemble(treeCount: Int, maxLeaves: Int) -> TreeEnsemble {
        let trees = (0..<treeCount).map { _ in tree(leaves: 1 + random.below(maxLeaves)) }
        return TreeEnsemble(featureCount: featureCount, baseScore: random.unit() - 0.5, trees: trees)
    }

    /// A random ensemble of `treeCount` trees with exactly `leaves` leaves each.
    mutating func ensemble(treeCount: Int, leaves: Int) -> TreeEnsemble {
        let trees = (0..<treeCount).map { _ in tree(leaves: leaves) }
        return TreeEnsemble(featureCount: featureCount, baseScore: random.unit() - 0.5, trees: trees)
    }

    /// A random tree of `leaves` leaves.
    mutating func tree(leaves: Int) -> DecisionTree {
        let internalCount = leaves - 1
        // Shuffled numbering: the root stays node 0, the others and the leaves get random indices.
        var nodeIds = Array(1..<max(internalCount, 1))
        var leafIds = Array(0..<leaves)
        shuffle(&nodeIds)
        shuffle(&leafIds)
        var nextNode = 0
        var nextLeaf = 0
        var splitFeature = [Int32](repeating: 0, count: internalCount)
        var threshold = [Float](repeating: 0, count: internalCount)
        var defaultLeft = [Bool](repeating: false, count: internalCount)
        var categorySet = [Int32](repeating: -1, count: internalCount)
        var left = [Int32](repeating: 0, count: internalCount)
        var right = [Int32](repeating: 0, count: internalCount)
        var splitGain = [Float](repeating: 0, count: internalCount)
        var internalCover = [Double](repeating: 0, count: internalCount)
        var leafValue = [Double](repeating: 0, count: leaves)
        var leafCover = [Double](repeating: 0, count: leaves)
        var categoryOffsets: [Int32] = [0]
        var categoryWords: [UInt32] = []

        func grow(_ count: Int) -> (Int32, Double) {
            if count == 1 {
                let leaf = leafIds[nextLeaf]
                nextLeaf += 1
                leafValue[leaf] = (random.unit() - 0.5) * 2
                leafCover[leaf] = 0.5 + random.unit() * 10
                return (~Int32(leaf), leafCover[leaf])
            }
            let node = nextNode == 0 ? 0 : nodeIds[nextNode - 1]
            nextNode += 1
            let feature = usable[random.below(usable.count)]
            splitFeature[node] = Int32(feature)
            defaultLeft[node] = random.below(2) == 0
            splitGain[node] = Float(random.below(100)) / 4
            if categorical[feature] {
                // A set over codes 0..<(32 × words): codes past its words go right.
                let words = 1 + random.below(2)
                categorySet[node] = Int32(categoryOffsets.count - 1)
                for _ in 0..<words { categoryWords.append(UInt32(truncatingIfNeeded: random.next())) }
                categoryOffsets.append(Int32(categoryWords.count))
            } else {
                threshold[node] = numericValue()
            }
            let leftCount = 1 + random.below(count - 1)
            let (l, leftCover) = grow(leftCount)
            let (r, rightCover) = grow(count - leftCount)
            left[node] = l
            right[node] = r
            internalCover[node] = leftCover + rightCover
            return (Int32(node), internalCover[node])
        }
        _ = grow(leaves)
        return DecisionTree(
            splitFeature: splitFeature, threshold: threshold, defaultLeft: defaultLeft, categorySet: categorySet,
            left: left, right: right, splitGain: splitGain, internalCover: internalCover, leafValue: leafValue,
            leafCover: leafCover, categoryOffsets: categoryOffsets, categoryWords: categoryWords)
    }

    /// `count` random rows: numeric values for numeric features, codes 0..<80 (some past every set) for
    /// categorical ones, NaN at `missingRate`, and now and then a negative or a fractional code.
    mutating func rows(_ count: Int) -> [[Float]] {
        (0..<count).map { _ in
            categorical.map { isCategorical in
                if random.unit() < missingRate { return .nan }
                guard isCategorical else { return numericValue() }
                switch random.below(20) {
                case 0: return -1
                case 1: return 2.5
                default: return Float(random.below(80))
                }
            }
        }
    }

    /// `count` random rows, row-major.
    mutating func rowMajor(_ count: Int) -> [Float] { rows(count).flatMap { $0 } }

    private mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) { array.swapAt(i, random.below(i + 1)) }
    }
}

/// The 64-bit linear congruential generator (Knuth's MMIX constants) of `SeededRandomTrees`: the runtime has
/// no training generator to borrow, and tests and benchmarks need nothing stronger.
struct SeededTreeRandom {
    var state: UInt64

    /// A generator whose sequence depends only on `seed`.
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }

    /// The next 53 random bits.
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 11
    }

    /// A number in `0..<n`.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next()) * 0x1.0p-53 }
}
