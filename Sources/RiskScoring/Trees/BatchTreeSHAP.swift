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
/// inner sums). A row walks each tree once, depth first, carrying the hot set and `Z` from edge to edge
/// (each edge's feature slot, cover fraction and resulting zero-fraction are fixed when preparing). At a
/// leaf, each hot feature takes one table entry. The cold credit `−v·Z·R(H)` of a leaf goes to every cold
/// feature, so it is summed over the subtree below the edge where a feature turns cold and added there once.
/// Every table entry is a sum of products of non-negative numbers, with no division.
///
/// Trees with more than 64 internal nodes, or a leaf with more than `maxTableFeatures` distinct features on
/// its path (its table would be large), are explained by `FlatTreeSHAP`'s recursion instead.
///
/// - Complexity: O(nodes + Σ_leaves 2^d · d) to prepare; O(trees × (nodes + Σ_leaves d)) a row.
struct BatchTreeSHAP: Sendable {
    /// One distinct feature on a leaf's path, in order of first appearance (its slot).
    struct Element: Sendable {
        /// `v · (1 − z)`, the hot credit's leaf factor.
        var hotFactor: Double
        var feature: Int32
    }

    /// An edge from an internal node to a child: the slot of the node's feature on the path to the child,
    /// whether the feature first appears there, the edge's cover fraction, and the feature's zero-fraction
    /// below the edge (the product of its edges' fractions so far). `child` is a node of the tree (`≥ 0`) or
    /// `~leaf` with `leaf` an index into `leaves`.
    struct Edge: Sendable {
        var fraction: Double
        var zeroFraction: Double
        var child: Int32
        var slot: Int32
        var isNew: Bool
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
        case tables(nodeBase: Int, nodeCount: Int, edgeBase: Int)
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
    let edges: [Edge]
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
        var edges: [Edge] = []
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
            var leafIndex: [Int: Int32] = [:]
            for path in paths {
                let value = tree.leafValue[path.leaf]
                leafIndex[path.leaf] = Int32(leaves.count)
                leaves.append(
                    Leaf(
                        elementStart: Int32(elements.count), count: Int32(path.elements.count),
                        tableStart: tableValues.count, value: value))
                for element in path.elements {
                    elements.append(
                        Element(hotFactor: value * (1 - element.zeroFraction), feature: element.feature))
                }
                tableValues += Self.subsetTable(path.elements.map(\.zeroFraction))
            }
            let edgeBase = edges.count
            edges += tree.pathEdges().map { edge in
                Edge(
                    fraction: edge.fraction, zeroFraction: edge.zeroFraction,
                    child: edge.child >= 0 ? edge.child : ~(leafIndex[Int(~edge.child)] ?? 0), slot: Int32(edge.slot),
                    isNew: edge.isNew, feature: edge.feature)
            }
            plans.append(.tables(nodeBase: nodeBase, nodeCount: internalCount, edgeBase: edgeBase))
        }
        self.plans = plans
        self.leaves = leaves
        self.elements = elements
        self.edges = edges
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
            case .tables(let nodeBase, let nodeCount, let edgeBase):
                flat.nodes.withUnsafeBufferPointer { nodes in
                    leaves.withUnsafeBufferPointer { leaves in
                        elements.withUnsafeBufferPointer { elements in
                            edges.withUnsafeBufferPointer { edges in
                                tableValues.withUnsafeBufferPointer { tables in
                                    for row in 0..<rowCount {
                                        let x = rows.baseAddress.unsafelyUnwrapped + row &* featureCount
                                        // The row's decision at every split of the tree: bit n set = left.
                                        var decisions: UInt64 = 0
                                        for n in 0..<nodeCount {
                                            let node = nodes[nodeBase &+ n]
                                            let value = x[Int(node.info & FlatTreeEnsemble.featureMask)]
                                            decisions |= UInt64(flat.leftBit(value, node)) << UInt64(n)
                                        }
                                        let walker = TableWalker(
                                            decisions: decisions,
                                            edges: edges.baseAddress.unsafelyUnwrapped + edgeBase,
                                            leaves: leaves.baseAddress.unsafelyUnwrapped,
                                            elements: elements.baseAddress.unsafelyUnwrapped,
                                            tables: tables.baseAddress.unsafelyUnwrapped,
                                            phi: phi.baseAddress.unsafelyUnwrapped + row &* featureCount)
                                        _ = walker.visit(0, hot: 0, coldProduct: 1)
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

/// The depth-first walk of one tree for one row, on pointers `addContributions` keeps alive.
private struct TableWalker {
    let decisions: UInt64
    let edges: UnsafePointer<BatchTreeSHAP.Edge>
    let leaves: UnsafePointer<BatchTreeSHAP.Leaf>
    let elements: UnsafePointer<BatchTreeSHAP.Element>
    let tables: UnsafePointer<Double>
    let phi: UnsafeMutablePointer<Double>

    /// Walks both edges of internal node `node`, reached with the hot set `hot` (bit per slot) and the
    /// product `coldProduct` of the cold features' zero-fractions; credits the hot features of every leaf
    /// below, and returns the sum of the leaves' cold credits (each feature that turns cold on an edge takes
    /// the sum below that edge).
    func visit(_ node: Int, hot: Int, coldProduct: Double) -> Double {
        let goesLeft = decisions >> UInt64(node) & 1 != 0
        let edge = edges + node &* 2
        return walk(edge[0], followed: goesLeft, hot: hot, coldProduct: coldProduct)
            + walk(edge[1], followed: !goesLeft, hot: hot, coldProduct: coldProduct)
    }

    /// One edge of `visit`: the hot set and `Z` below it, the subtree's credits, and the sum of its leaves'
    /// cold credits.
    @inline(__always)
    func walk(_ edge: BatchTreeSHAP.Edge, followed: Bool, hot: Int, coldProduct: Double) -> Double {
        let bit = 1 << Int(edge.slot)
        let wasHot = edge.isNew || hot & bit != 0
        var childHot = hot
        var childProduct = coldProduct
        if followed {
            if edge.isNew { childHot |= bit }
            // A cold feature's zero-fraction takes this edge's fraction too.
            if !wasHot { childProduct *= edge.fraction }
        } else {
            childHot &= ~bit
            childProduct *= wasHot ? edge.zeroFraction : edge.fraction
        }
        // Every credit below carries the factor Z: none when it is 0.
        guard childProduct != 0 else { return 0 }
        let sum =
            edge.child >= 0
            ? visit(Int(edge.child), hot: childHot, coldProduct: childProduct)
            : credit(leaf: Int(~edge.child), hot: childHot, coldProduct: childProduct)
        if !followed && wasHot { phi[Int(edge.feature)] += sum }
        return sum
    }

    /// Credits the hot features of a leaf, `v·(1 − z_i)·Z·R(H ∖ {i})`, and returns its cold credit
    /// `−v·Z·R(H)`.
    @inline(__always)
    func credit(leaf index: Int, hot: Int, coldProduct: Double) -> Double {
        let leaf = leaves[index]
        let table = tables + leaf.tableStart
        let element = elements + Int(leaf.elementStart)
        var remaining = hot
        while remaining != 0 {
            let i = remaining.trailingZeroBitCount
            phi[Int(element[i].feature)] += element[i].hotFactor * coldProduct * table[hot ^ (1 << i)]
            remaining &= remaining &- 1
        }
        return -leaf.value * coldProduct * table[hot]
    }
}

extension DecisionTree {
    /// One distinct feature on a root-to-leaf path and the product of the cover fractions of the path's
    /// edges on it.
    struct PathFeature {
        var feature: Int32
        var zeroFraction: Double
    }

    /// For every leaf in depth-first order (left before right), the distinct features on its path in order of
    /// first appearance; nil when a path has more than `maxFeatures` of them.
    ///
    /// - Precondition: the tree is well formed.
    func leafPaths(maxFeatures: Int) -> [(leaf: Int, elements: [PathFeature])]? {
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
                if let i = extended.firstIndex(where: { $0.feature == splitFeature[node] }) {
                    extended[i].zeroFraction *= fraction
                } else {
                    extended.append(PathFeature(feature: splitFeature[node], zeroFraction: fraction))
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

extension DecisionTree {
    /// One edge of the tree as `BatchTreeSHAP` walks it: `slot` is the position of the node's feature among
    /// the distinct features on the path from the root (in order of first appearance), `isNew` whether the
    /// feature first appears at this node, `zeroFraction` the product of the cover fractions of the path's
    /// edges on the feature down to and including this one.
    struct PathEdge {
        var child: Int32
        var feature: Int32
        var slot: Int
        var isNew: Bool
        var fraction: Double
        var zeroFraction: Double
    }

    /// The two edges of every internal node, at `2 · node` (left) and `2 · node + 1` (right).
    ///
    /// - Precondition: the tree is well formed and has at least one internal node.
    func pathEdges() -> [PathEdge] {
        var result = [PathEdge](
            repeating: PathEdge(child: 0, feature: 0, slot: 0, isNew: false, fraction: 0, zeroFraction: 0),
            count: 2 * splitFeature.count)
        var visited = 0
        // `path`: the distinct features so far with their zero-fractions, in order of first appearance.
        func visit(_ node: Int, _ path: [(feature: Int32, zeroFraction: Double)]) {
            visited += 1
            precondition(visited <= splitFeature.count, "the tree has a cycle (run checkInvariants())")
            let feature = splitFeature[node]
            let existing = path.firstIndex { $0.feature == feature }
            for (side, child) in [left[node], right[node]].enumerated() {
                let fraction = coverFraction(of: child, under: node)
                var extended = path
                let slot = existing ?? path.count
                if let existing {
                    extended[existing].zeroFraction *= fraction
                } else {
                    extended.append((feature, fraction))
                }
                result[2 * node + side] = PathEdge(
                    child: child, feature: feature, slot: slot, isNew: existing == nil, fraction: fraction,
                    zeroFraction: extended[slot].zeroFraction)
                if child >= 0 { visit(Int(child), extended) }
            }
        }
        visit(0, [])
        return result
    }
}
