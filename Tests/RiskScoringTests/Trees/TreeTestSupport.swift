@testable import RiskScoring

/// Seeded random trees and rows for the tree tests: random shapes (so depths vary), numeric and categorical
/// splits, both missing directions, shuffled node numbering, and covers that add up.
struct RandomTrees {
    var random: TestGenerator
    /// Which features are categorical; the rest are numeric.
    let categorical: [Bool]
    var featureCount: Int { categorical.count }
    /// Features splits may use (a feature outside never appears in a tree).
    let usable: [Int]

    init(seed: UInt64, categorical: [Bool], usable: [Int]? = nil) {
        random = TestGenerator(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        self.categorical = categorical
        self.usable = usable ?? Array(categorical.indices)
    }

    /// A numeric value on a coarse grid, so rows often equal thresholds exactly.
    mutating func gridValue() -> Float { Float(random.below(11)) / 10 }

    /// A random ensemble of `treeCount` trees with 1 to `maxLeaves` leaves each.
    mutating func ensemble(treeCount: Int, maxLeaves: Int) -> TreeEnsemble {
        let trees = (0..<treeCount).map { _ in tree(leaves: 1 + random.below(maxLeaves)) }
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
                threshold[node] = gridValue()
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

    /// `count` random rows: grid values for numeric features, codes 0..<80 (some past every set) for
    /// categorical ones, and now and then NaN, a negative or a fractional code.
    mutating func rows(_ count: Int) -> [[Float]] {
        (0..<count).map { _ in
            categorical.map { isCategorical in
                switch random.below(20) {
                case 0: return .nan
                case 1: return isCategorical ? -1 : gridValue()
                case 2: return isCategorical ? 2.5 : gridValue()
                default: return isCategorical ? Float(random.below(80)) : gridValue()
                }
            }
        }
    }

    private mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) { array.swapAt(i, random.below(i + 1)) }
    }
}

/// Shapley values by their definition, from the path-dependent conditional expectation:
/// ```
/// v(S) = E[f(x) | x_S]: at a split on a feature in S follow the row, otherwise average the children
///        weighted by cover;   phi_i = Σ_{S ⊆ M∖{i}} |S|!(M−|S|−1)!/M! (v(S ∪ {i}) − v(S))
/// ```
/// Exponential in the feature count: for tiny ensembles only.
enum BruteForceShapley {
    static func values(_ ensemble: TreeEnsemble, row: [Float]) -> (bias: Double, phi: [Double]) {
        let m = ensemble.featureCount
        let subsets = 1 << m
        let value = (0..<subsets).map { v(ensemble, row: row, subset: $0) }
        var factorial = [1.0]
        for k in 1...max(m, 1) { factorial.append(factorial[k - 1] * Double(k)) }
        var phi = [Double](repeating: 0, count: m)
        for i in 0..<m {
            for subset in 0..<subsets where subset & (1 << i) == 0 {
                let size = subset.nonzeroBitCount
                let weight = factorial[size] * factorial[m - size - 1] / factorial[m]
                phi[i] += weight * (value[subset | 1 << i] - value[subset])
            }
        }
        return (value[0], phi)
    }

    static func v(_ ensemble: TreeEnsemble, row: [Float], subset: Int) -> Double {
        ensemble.trees.reduce(ensemble.baseScore) { $0 + v($1, row: row, subset: subset, child: 0) }
    }

    static func v(_ tree: DecisionTree, row: [Float], subset: Int, child: Int32) -> Double {
        guard child >= 0, !tree.splitFeature.isEmpty else { return tree.leafValue[child >= 0 ? 0 : Int(~child)] }
        let node = Int(child)
        let feature = Int(tree.splitFeature[node])
        if subset & (1 << feature) != 0 {
            let next = tree.goesLeft(row[feature], at: node) ? tree.left[node] : tree.right[node]
            return v(tree, row: row, subset: subset, child: next)
        }
        let total = tree.internalCover[node]
        guard total > 0 else { return 0 }
        let leftShare = cover(of: tree, tree.left[node]) / total
        let rightShare = cover(of: tree, tree.right[node]) / total
        return leftShare * v(tree, row: row, subset: subset, child: tree.left[node]) + rightShare
            * v(tree, row: row, subset: subset, child: tree.right[node])
    }

    static func cover(of tree: DecisionTree, _ child: Int32) -> Double {
        child >= 0 ? tree.internalCover[Int(child)] : tree.leafCover[Int(~child)]
    }
}

/// Whether `a` and `b` agree to a relative 1e-9 (absolute below 1e-6 in magnitude).
func close(_ a: Double, _ b: Double, relative: Double = 1e-9) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b), 1e-6)
}

/// The row-major form of `rows`.
func rowMajor(_ rows: [[Float]]) -> [Float] { rows.flatMap { $0 } }

/// The columnar form of `rows` (one array per feature).
func columns(_ rows: [[Float]], featureCount: Int) -> [[Float]] {
    (0..<featureCount).map { f in rows.map { $0[f] } }
}
