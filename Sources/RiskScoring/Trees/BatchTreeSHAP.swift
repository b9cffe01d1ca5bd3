/// Exact path-dependent TreeSHAP for batches: the same values as `FlatTreeSHAP` (up to rounding), computed
/// leaf by leaf from tables prepared once per call, so a row costs O(trees × leaves × depth) instead of
/// O(trees × leaves × depth²).
///
/// Path-dependent TreeSHAP is the sum over leaves of the Shapley values of one game per leaf (the form of
/// GPUTreeShap, Mitchell et al. 2022). The players are the distinct features `E` on the leaf's path (d of
/// them); feature `i` has the zero-fraction `z_i`, the product of the cover fractions of its edges on the
/// path, and is *hot* when the row follows all of its edges. With `H` the hot set and `v` the leaf value,
/// `v(S) = v · Π_{j∈S} [j ∈ H] · Π_{j∉S} z_j`, and the Shapley values of the leaf game are
/// ```
/// i ∈ H:  phi_i = v · (1 − z_i) · Z · R(H ∖ {i}),     i ∉ H:  phi_i = −v · Z · R(H),
/// Z = Π_{j∈E∖H} z_j,   R(A) = Σ_{S⊆A} w(|S|) · Π_{j∈A∖S} z_j,   w(k) = k!(d−1−k)!/d!
/// ```
/// `R` depends only on the leaf and the subset `A`, not on the row, so it is tabulated for every subset of
/// the leaf's features (2^d values, from the polynomials `Π_{j∈A} (z_j + t)` whose coefficients are the
/// inner sums). A row then needs, per leaf, its hot set (a comparison of the tree's split decisions with the
/// path's) and one table entry per feature. Every term is a sum of products of non-negative numbers, with
/// no division.
///
/// Trees with more than 64 internal nodes, or a leaf with more than `maxTableFeatures` distinct features on
/// its path (its table would be large), are explained by `FlatTreeSHAP`'s recursion instead.
///
/// - Complexity: O(nodes + Σ_leaves 2^d · d) to prepare; O(trees × (nodes + Σ_leaves d)) a row.
struct BatchTreeSHAP: Sendable {
    /// One distinct feature on a leaf's path: hot when the row's split decisions agree with `direction` on
    /// every path node in `nodes` (bit `n`: internal node `n` of the tree, set in `direction` when the path
    /// goes left there).
    struct Element: Sendable {
        var nodes: UInt64
        var direction: UInt64
        var zeroFraction: Double
        /// `v · (1 − z)`, the hot credit's leaf factor.
        var hotFactor: Double
        var feature: Int32
    }

    /// One leaf: its elements `elements[elementStart..<elementStart + count]`, its table
    /// `tableValues[tableStart..<tableStart + 2^count]` (entry `A` is `R(A)`, bit `i` of `A` element `i`),
    /// and its value.
    struct Leaf: Sendable {
        var elementStart: Int32
        var count: Int32
        var tableStart: Int
        var value: Double
    }

    /// How one tree is explained: by tables (its leaves `leaves`, its packed nodes from `nodeBase`), or by
    /// the recursion.
    enum TreePlan: Sendable {
        case tables(nodeBase: Int, nodeCount: Int, leaves: Range<Int>)
        case recursion
        case constant
    }

    /// The distinct features on a path above which a tree takes the recursion (a table of 2^14 entries is
    /// 128 kB, built in 2 MB of scratch).
    static let defaultMaxTableFeatures = 14

    let recursion: FlatTreeSHAP
    let plans: [TreePlan]
    let leaves: [Leaf]
    let elements: [Element]
    let tableValues: [Double]
    var featureCount: Int { recursion.flat.featureCount }
    var expectedValue: Double { recursion.expectedValue }

    /// Prepares `ensemble`; leaves with more than `maxTableFeatures` distinct path features send their tree
    /// to the recursion.
    ///
    /// - Precondition: the trees are well formed (see `TreeEnsemble.checkInvariants()`).
    init(_ ensemble: TreeEnsemble, maxTableFeatures: Int = defaultMaxTableFeatures) {
        let flat = FlatTreeEnsemble(ensemble)
        recursion = FlatTreeSHAP(ensemble, flat: flat)
        var plans: [TreePlan] = []
        var leaves: [Leaf] = []
        var elements: [Element] = []
        var tableValues: [Double] = []
        var nodeBase = 0
        for tree in ensemble.trees {
            let internalCount = tree.splitFeature.count
            defer { nodeBase += internalCount }
            guard internalCount > 0 else {
                plans.append(.constant)
                continue
            }
            guard internalCount <= 64, let paths = tree.leafPaths(maxFeatures: maxTableFeatures) else {
                plans.append(.recursion)
                continue
            }
            let firstLeaf = leaves.count
            for path in paths {
                let value = tree.leafValue[path.leaf]
                leaves.append(
                    Leaf(
                        elementStart: Int32(elements.count), count: Int32(path.elements.count),
                        tableStart: tableValues.count, value: value))
                for element in path.elements {
                    elements.append(
                        Element(
                            nodes: element.nodes, direction: element.direction, zeroFraction: element.zeroFraction,
                            hotFactor: value * (1 - element.zeroFraction), feature: element.feature))
                }
                tableValues += Self.subsetTable(path.elements.map(\.zeroFraction))
            }
            plans.append(.tables(nodeBase: nodeBase, nodeCount: internalCount, leaves: firstLeaf..<leaves.count))
        }
        self.plans = plans
        self.leaves = leaves
        self.elements = elements
        self.tableValues = tableValues
    }

    /// `R(A)` for every subset `A` of features with zero-fractions `z` (entry `A`, bit `i` for feature `i`),
    /// with `w(k) = k!(d−1−k)!/d!` for `d = z.count`; `R(all)` is never read and is 0.
    ///
    /// The coefficients of `P_A(t) = Π_{j∈A} (z_j + t)` are built from those of `A` without its lowest
    /// feature; `R(A) = Σ_k w(k) · [t^k] P_A`.
    static func subsetTable(_ z: [Double]) -> [Double] {
        let d = z.count
        let subsets = 1 << d
        var factorial = [1.0]
        for k in 1...max(d, 1) { factorial.append(factorial[k - 1] * Double(k)) }
        let weight = (0..<d).map { k in factorial[k] * factorial[d - 1 - k] / factorial[d] }
        let width = d + 1
        var coefficients = [Double](repeating: 0, count: subsets * width)
        coefficients[0] = 1
        var table = [Double](repeating: 0, count: subsets)
        table[0] = d > 0 ? weight[0] : 0
        for subset in 1..<max(subsets, 1) {
            let feature = subset.trailingZeroBitCount
            let rest = subset & (subset - 1)
            let restDegree = rest.nonzeroBitCount
            for k in 0...(restDegree + 1) {
                let constant = k <= restDegree ? coefficients[rest * width + k] * z[feature] : 0
                let shifted = k >= 1 ? coefficients[rest * width + k - 1] : 0
                coefficients[subset * width + k] = constant + shifted
            }
            guard subset != subsets - 1 else { continue }
            var sum = 0.0
            for k in 0...(restDegree + 1) { sum += weight[k] * coefficients[subset * width + k] }
            table[subset] = sum
        }
        return table
    }

    /// Adds the contributions of the trees to `phi` for each row of a block (`featureCount` values a row,
    /// `featureCount` contributions a row), tree after tree, each tree for every row of the block before the
    /// next, so its tables stay in cache. Each row's sums run in tree order, then leaf order, whatever the
    /// block.
    ///
    /// - Precondition: `rows.count == phi.count`, a multiple of `featureCount`.
    func addContributions(
        rows: UnsafeBufferPointer<Float>, into phi: UnsafeMutableBufferPointer<Double>,
        scratch: inout FlatTreeSHAP.Scratch
    ) {
        precondition(rows.count == phi.count && (featureCount == 0 || rows.count % featureCount == 0), "block shape")
        guard featureCount > 0, !rows.isEmpty else { return }
        let rowCount = rows.count / featureCount
        let flat = recursion.flat
        for (tree, plan) in plans.enumerated() {
            switch plan {
            case .constant:
                continue
            case .recursion:
                for row in 0..<rowCount {
                    let range = row * featureCount..<(row + 1) * featureCount
                    recursion.addContributions(
                        row: UnsafeBufferPointer(rebasing: rows[range]),
                        into: UnsafeMutableBufferPointer(rebasing: phi[range]), scratch: &scratch,
                        trees: tree..<tree + 1)
                }
            case .tables(let nodeBase, let nodeCount, let leafRange):
                flat.nodes.withUnsafeBufferPointer { nodes in
                    leaves.withUnsafeBufferPointer { leaves in
                        elements.withUnsafeBufferPointer { elements in
                            tableValues.withUnsafeBufferPointer { tables in
                                for row in 0..<rowCount {
                                    let x = rows.baseAddress.unsafelyUnwrapped + row &* featureCount
                                    let contribution = phi.baseAddress.unsafelyUnwrapped + row &* featureCount
                                    // The row's decision at every split of the tree: bit n set = goes left.
                                    var decisions: UInt64 = 0
                                    for n in 0..<nodeCount {
                                        let node = nodes[nodeBase &+ n]
                                        let value = x[Int(node.info & FlatTreeEnsemble.featureMask)]
                                        decisions |= UInt64(flat.leftBit(value, node)) << UInt64(n)
                                    }
                                    for leafIndex in leafRange {
                                        let leaf = leaves[leafIndex]
                                        let first = Int(leaf.elementStart)
                                        let count = Int(leaf.count)
                                        var hot = 0
                                        var coldProduct = 1.0
                                        for i in 0..<count {
                                            let element = elements[first &+ i]
                                            let isHot = decisions & element.nodes == element.direction
                                            hot |= (isHot ? 1 : 0) << i
                                            coldProduct *= isHot ? 1 : element.zeroFraction
                                        }
                                        // Every credit of the leaf carries the factor Z.
                                        guard coldProduct != 0 else { continue }
                                        let table = tables.baseAddress.unsafelyUnwrapped + leaf.tableStart
                                        let coldCredit = -leaf.value * coldProduct * table[hot]
                                        for i in 0..<count {
                                            let element = elements[first &+ i]
                                            let credit =
                                                hot & (1 << i) != 0
                                                ? element.hotFactor * coldProduct * table[hot ^ (1 << i)] : coldCredit
                                            contribution[Int(element.feature)] += credit
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension DecisionTree {
    /// One distinct feature on a root-to-leaf path: the path's nodes that split on it (bit per internal
    /// node), the directions taken there (bit set = left), and the product of the cover fractions of those
    /// edges.
    struct PathFeature {
        var feature: Int32
        var nodes: UInt64
        var direction: UInt64
        var zeroFraction: Double
    }

    /// For every leaf in depth-first order (left before right), the distinct features on its path in order of
    /// first appearance; nil when a path has more than `maxFeatures` of them.
    ///
    /// - Precondition: at most 64 internal nodes; the tree is well formed.
    func leafPaths(maxFeatures: Int) -> [(leaf: Int, elements: [PathFeature])]? {
        precondition(splitFeature.count <= 64, "decision bits hold 64 internal nodes")
        var result: [(leaf: Int, elements: [PathFeature])] = []
        var tooMany = false
        var visited = 0
        func visit(_ child: Int32, _ path: [PathFeature]) {
            guard !tooMany else { return }
            guard child >= 0 else {
                result.append((Int(~child), path))
                return
            }
            visited += 1
            precondition(visited <= splitFeature.count, "the tree has a cycle (run checkInvariants())")
            let node = Int(child)
            for goesLeft in [true, false] {
                var extended = path
                let next = goesLeft ? left[node] : right[node]
                let fraction = coverFraction(of: next, under: node)
                let bit = UInt64(1) << UInt64(node)
                if let i = extended.firstIndex(where: { $0.feature == splitFeature[node] }) {
                    extended[i].nodes |= bit
                    extended[i].direction |= goesLeft ? bit : 0
                    extended[i].zeroFraction *= fraction
                } else {
                    extended.append(
                        PathFeature(
                            feature: splitFeature[node], nodes: bit, direction: goesLeft ? bit : 0,
                            zeroFraction: fraction))
                }
                if extended.count > maxFeatures {
                    tooMany = true
                    return
                }
                visit(next, extended)
            }
        }
        visit(0, [])
        return tooMany ? nil : result
    }
}
