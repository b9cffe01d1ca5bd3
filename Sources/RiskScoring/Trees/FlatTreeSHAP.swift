/// Exact path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2) over the packed nodes of
/// `FlatTreeEnsemble`, prepared once per call and then run row after row without allocating.
///
/// ```
/// phi_i = Σ_{S ⊆ M∖{i}} |S|!(M−|S|−1)!/M! · (v(S ∪ {i}) − v(S)),
/// v(S) = E[f(x) | x_S]: at a split on a feature in S follow the row, otherwise average both children
///        weighted by cover
/// ```
/// The recursion keeps the unique path of each depth in one scratch buffer (one segment per depth, as in the
/// reference implementation). Two facts make it cheaper than the textbook form without changing the
/// mathematics: a path element's one-fraction is always exactly 0 or 1 (the row follows a branch or does
/// not), so the divisions by it disappear; and the remaining divisions by `depth + 1`, `i + 1` and
/// `depth − i` are products with ratios tabulated once per call.
///
/// - Complexity: O(nodes + depth²) to prepare; O(trees × leaves × depth²) a row.
struct FlatTreeSHAP: Sendable {
    let flat: FlatTreeEnsemble
    /// Per packed node, `cover(left) / cover(node)` and `cover(right) / cover(node)` (0 under a node
    /// without cover), the same divisions as `DecisionTree.coverFraction`.
    let leftFraction: [Double]
    let rightFraction: [Double]
    /// The ensemble's `expectedValue`, the bias of every row.
    let expectedValue: Double
    /// The number of splits on the longest path of any tree.
    let maxDepth: Int
    /// Ratios by path length, stored in `tables`: entry `d·(d+1)/2 + j` (for `0 ≤ j ≤ d`) of each table is, with `s = d + 1`,
    /// `up` `(j+1)/s`, `down` `(d−j)/s`, `inverseUp` `s/(j+1)`, `inverseDown` `s/(d−j)` (0 at `j = d`), and
    /// `chain` `(d−j)/(j+1)`.
    /// The five tables, one after the other (`tableSize` entries each).
    let tables: [Double]
    let tableSize: Int

    /// Per-thread scratch of `contributions`: the path segments (one of length `d + 1` for each depth `d`
    /// on the way down) and a leaf's followed elements (padded to whole SIMD groups).
    struct Scratch {
        var path: [ShapPathElement]
        var hotZero: [Double]
        var hotFeature: [Int32]
    }

    /// Scratch sized for the deepest tree.
    func makeScratch() -> Scratch {
        Scratch(
            path: Array(repeating: .empty, count: (maxDepth + 1) * (maxDepth + 2) / 2),
            hotZero: Array(repeating: 0, count: maxDepth + 4), hotFeature: Array(repeating: -1, count: maxDepth + 4))
    }

    init(_ ensemble: TreeEnsemble) { self.init(ensemble, flat: FlatTreeEnsemble(ensemble)) }

    /// Prepares `ensemble`, already packed as `flat`.
    init(_ ensemble: TreeEnsemble, flat: FlatTreeEnsemble) {
        var leftFraction: [Double] = []
        var rightFraction: [Double] = []
        leftFraction.reserveCapacity(flat.nodes.count)
        rightFraction.reserveCapacity(flat.nodes.count)
        for tree in ensemble.trees {
            for node in tree.splitFeature.indices {
                leftFraction.append(tree.coverFraction(of: tree.left[node], under: node))
                rightFraction.append(tree.coverFraction(of: tree.right[node], under: node))
            }
        }
        let maxDepth = flat.depths.max() ?? 0
        // A leaf at depth d holds d + 1 path elements (the root's placeholder first): d runs to maxDepth.
        let lengths = maxDepth + 1
        var up: [Double] = []
        var down: [Double] = []
        var inverseUp: [Double] = []
        var inverseDown: [Double] = []
        var chain: [Double] = []
        for d in 0..<lengths {
            let scale = Double(d + 1)
            for j in 0...d {
                up.append(Double(j + 1) / scale)
                down.append(Double(d - j) / scale)
                inverseUp.append(scale / Double(j + 1))
                inverseDown.append(j < d ? scale / Double(d - j) : 0)
                chain.append(Double(d - j) / Double(j + 1))
            }
        }
        self.flat = flat
        self.leftFraction = leftFraction
        self.rightFraction = rightFraction
        self.expectedValue = ensemble.expectedValue
        self.maxDepth = maxDepth
        self.tables = up + down + inverseUp + inverseDown + chain
        self.tableSize = up.count
    }

    /// Writes the contributions of one row (`featureCount` values) into `phi` (`featureCount` entries),
    /// using `scratch` from `makeScratch()`.
    func contributions(
        row: UnsafeBufferPointer<Float>, into phi: UnsafeMutableBufferPointer<Double>, scratch: inout Scratch
    ) {
        for f in phi.indices { phi[f] = 0 }
        addContributions(row: row, into: phi, scratch: &scratch, trees: 0..<flat.roots.count)
    }

    /// Adds the contributions of the trees `trees` for one row to `phi`, tree after tree.
    func addContributions(
        row: UnsafeBufferPointer<Float>, into phi: UnsafeMutableBufferPointer<Double>, scratch: inout Scratch,
        trees: Range<Int>
    ) {
        precondition(
            row.count == flat.featureCount && phi.count == flat.featureCount
                && scratch.path.count >= (maxDepth + 1) * (maxDepth + 2) / 2 && scratch.hotZero.count >= maxDepth + 4
                && scratch.hotFeature.count >= maxDepth + 4 && trees.clamped(to: flat.roots.indices) == trees,
            "TreeSHAP buffer shapes")
        for lane in scratch.hotZero.indices { scratch.hotZero[lane] = 0 }
        scratch.path.withUnsafeMutableBufferPointer { path in
            scratch.hotZero.withUnsafeMutableBufferPointer { hotZero in
                scratch.hotFeature.withUnsafeMutableBufferPointer { hotFeature in
                    flat.nodes.withUnsafeBufferPointer { nodes in
                        leftFraction.withUnsafeBufferPointer { leftFraction in
                            rightFraction.withUnsafeBufferPointer { rightFraction in
                                flat.leafValues.withUnsafeBufferPointer { leafValues in
                                    tables.withUnsafeBufferPointer { tables in
                                        let walker = Walker(
                                            flat: flat, nodes: nodes.baseAddress.unsafelyUnwrapped,
                                            leftFraction: leftFraction.baseAddress.unsafelyUnwrapped,
                                            rightFraction: rightFraction.baseAddress.unsafelyUnwrapped,
                                            leafValues: leafValues.baseAddress.unsafelyUnwrapped,
                                            tables: tables.baseAddress.unsafelyUnwrapped, tableSize: tableSize,
                                            row: row.baseAddress.unsafelyUnwrapped,
                                            phi: phi.baseAddress.unsafelyUnwrapped,
                                            path: path.baseAddress.unsafelyUnwrapped,
                                            hotZero: hotZero.baseAddress.unsafelyUnwrapped,
                                            hotFeature: hotFeature.baseAddress.unsafelyUnwrapped)
                                        for tree in trees where flat.roots[tree] >= 0 {
                                            walker.walk(
                                                flat.roots[tree], parentStart: 0, depth: 0, zeroFraction: 1,
                                                oneFraction: 1, feature: -1)
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

/// One feature on the unique path of TreeSHAP: the fraction of "feature unknown" weight that flows down the
/// path (`zeroFraction`, the cover ratios), whether the row follows it (`oneFraction`, exactly 1 or 0), and
/// the permutation weight of subsets of the path of each size (`weight`, indexed by position).
struct ShapPathElement {
    var feature: Int32
    var zeroFraction: Double
    var oneFraction: Double
    var weight: Double

    static let empty = ShapPathElement(feature: -1, zeroFraction: 0, oneFraction: 0, weight: 0)
}

/// The recursion of one row, on pointers the enclosing `contributions` keeps alive.
private struct Walker {
    let flat: FlatTreeEnsemble
    let nodes: UnsafePointer<FlatTreeEnsemble.Node>
    let leftFraction: UnsafePointer<Double>
    let rightFraction: UnsafePointer<Double>
    let leafValues: UnsafePointer<Double>
    let up: UnsafePointer<Double>
    let down: UnsafePointer<Double>
    let inverseUp: UnsafePointer<Double>
    let inverseDown: UnsafePointer<Double>
    let chain: UnsafePointer<Double>
    let row: UnsafePointer<Float>
    let phi: UnsafeMutablePointer<Double>
    let path: UnsafeMutablePointer<ShapPathElement>
    /// A leaf's followed elements: zero-fractions (padded to a multiple of 4) and features.
    let hotZero: UnsafeMutablePointer<Double>
    let hotFeature: UnsafeMutablePointer<Int32>

    init(
        flat: FlatTreeEnsemble, nodes: UnsafePointer<FlatTreeEnsemble.Node>, leftFraction: UnsafePointer<Double>,
        rightFraction: UnsafePointer<Double>, leafValues: UnsafePointer<Double>, tables: UnsafePointer<Double>,
        tableSize: Int, row: UnsafePointer<Float>, phi: UnsafeMutablePointer<Double>,
        path: UnsafeMutablePointer<ShapPathElement>, hotZero: UnsafeMutablePointer<Double>,
        hotFeature: UnsafeMutablePointer<Int32>
    ) {
        self.flat = flat
        self.nodes = nodes
        self.leftFraction = leftFraction
        self.rightFraction = rightFraction
        self.leafValues = leafValues
        up = tables
        down = tables + tableSize
        inverseUp = tables + 2 * tableSize
        inverseDown = tables + 3 * tableSize
        chain = tables + 4 * tableSize
        self.row = row
        self.phi = phi
        self.path = path
        self.hotZero = hotZero
        self.hotFeature = hotFeature
    }

    /// One step: copies the parent's unique path behind it, extends it with the split that led here, and
    /// at a leaf credits every feature on the path.
    func walk(
        _ child: Int32, parentStart: Int, depth parentDepth: Int, zeroFraction: Double, oneFraction: Double,
        feature: Int32
    ) {
        var depth = parentDepth
        let start = parentStart &+ depth
        let segment = path + start
        if depth > 0 { segment.update(from: path + parentStart, count: depth) }
        extend(segment, depth: depth, zeroFraction, oneFraction, feature)
        guard child >= 0 else {
            credit(segment, depth: depth, leafValue: leafValues[Int(~child)])
            return
        }
        let index = Int(child)
        let node = nodes[index]
        let splitOn = Int32(truncatingIfNeeded: node.info & FlatTreeEnsemble.featureMask)
        let goesLeft = flat.leftBit(row[Int(splitOn)], node) != 0
        let hot = goesLeft ? node.left : node.right
        let cold = goesLeft ? node.right : node.left
        let hotFraction = goesLeft ? leftFraction[index] : rightFraction[index]
        let coldFraction = goesLeft ? rightFraction[index] : leftFraction[index]
        // A feature already on the path is unwound, so it appears once with the product of its fractions.
        var incomingZero = 1.0
        var incomingOne = 1.0
        var i = 1
        while i <= depth {
            if segment[i].feature == splitOn {
                incomingZero = segment[i].zeroFraction
                incomingOne = segment[i].oneFraction
                unwind(segment, depth: depth, index: i)
                depth -= 1
                break
            }
            i += 1
        }
        let hotZero = hotFraction * incomingZero
        let coldZero = coldFraction * incomingZero
        // With both fractions 0 every weight below is 0: skipping is exact and avoids 0/0 in unwind.
        if hotZero != 0 || incomingOne != 0 {
            walk(
                hot, parentStart: start, depth: depth &+ 1, zeroFraction: hotZero, oneFraction: incomingOne,
                feature: splitOn)
        }
        if coldZero != 0 {
            walk(cold, parentStart: start, depth: depth &+ 1, zeroFraction: coldZero, oneFraction: 0, feature: splitOn)
        }
    }

    /// EXTEND: appends a feature with the given fractions and updates the subset-size weights,
    /// `w'_j = zero · w_j · (d−j)/s + one · w_{j−1} · j/s`, each from the old weights, ascending so that no
    /// step waits on the one before.
    @inline(__always)
    func extend(
        _ segment: UnsafeMutablePointer<ShapPathElement>, depth: Int, _ zeroFraction: Double,
        _ oneFraction: Double, _ feature: Int32
    ) {
        segment[depth] = ShapPathElement(
            feature: feature, zeroFraction: zeroFraction, oneFraction: oneFraction, weight: depth == 0 ? 1 : 0)
        guard depth > 0 else { return }
        let table = depth &* (depth &+ 1) / 2
        var previous = segment[0].weight
        segment[0].weight = zeroFraction * previous * down[table]
        var j = 1
        while j < depth {
            let weight = segment[j].weight
            segment[j].weight = zeroFraction * weight * down[table &+ j] + oneFraction * previous * up[table &+ j &- 1]
            previous = weight
            j &+= 1
        }
        segment[depth].weight = oneFraction * previous * up[table &+ depth &- 1]
    }

    /// UNWIND: removes the element at `index`, the inverse of having extended with it last.
    func unwind(_ segment: UnsafeMutablePointer<ShapPathElement>, depth: Int, index: Int) {
        let one = segment[index].oneFraction
        let zero = segment[index].zeroFraction
        let table = depth &* (depth &+ 1) / 2
        var j = depth &- 1
        if one != 0 {
            var nextOne = segment[depth].weight
            while j >= 0 {
                let saved = segment[j].weight
                let weight = nextOne * inverseUp[table &+ j]
                segment[j].weight = weight
                nextOne = saved - weight * zero * down[table &+ j]
                j &-= 1
            }
        } else {
            let inverseZero = 1 / zero
            while j >= 0 {
                segment[j].weight = segment[j].weight * inverseDown[table &+ j] * inverseZero
                j &-= 1
            }
        }
        for k in index..<depth {
            segment[k].feature = segment[k &+ 1].feature
            segment[k].zeroFraction = segment[k &+ 1].zeroFraction
            segment[k].oneFraction = segment[k &+ 1].oneFraction
        }
    }

    /// At a leaf: adds to each path feature's phi the path's total weight with that feature unwound, times
    /// `(oneFraction − zeroFraction) · leafValue`.
    ///
    /// For an element the row does not follow (one-fraction 0) the total is `Σ_j w_j·s/(d−j) / zero`, so its
    /// credit is `−Σ_j w_j·s/(d−j) · leafValue`, the same for every such element. For one the row follows it
    /// is UNWIND's recurrence, run without writing the path back: `t_j = next·s/(j+1)`,
    /// `next ← w_j − next·zero·(d−j)/(j+1)`. That recurrence is a chain of dependent products, so four
    /// followed elements run it side by side in SIMD lanes. Which elements the row follows is random, so
    /// they are sorted out without branching.
    @inline(__always)
    func credit(_ segment: UnsafeMutablePointer<ShapPathElement>, depth: Int, leafValue: Double) {
        guard depth > 0 else { return }
        let table = depth &* (depth &+ 1) / 2
        var coldSum = 0.0
        for j in 0..<depth { coldSum += segment[j].weight * inverseDown[table &+ j] }
        let coldCredit = -coldSum * leafValue
        var hotCount = 0
        for i in 1...depth {
            let element = segment[i]
            let followed = element.oneFraction != 0
            phi[Int(element.feature)] += followed ? 0 : coldCredit
            hotZero[hotCount] = element.zeroFraction
            hotFeature[hotCount] = element.feature
            hotCount &+= followed ? 1 : 0
        }
        var group = 0
        while group < hotCount {
            // Lanes past hotCount compute on stale zero-fractions and are not credited.
            let zero = SIMD4(hotZero[group], hotZero[group &+ 1], hotZero[group &+ 2], hotZero[group &+ 3])
            var nextOne = SIMD4(repeating: segment[depth].weight)
            var total = SIMD4<Double>()
            var j = depth &- 1
            while j >= 0 {
                total += nextOne * inverseUp[table &+ j]
                nextOne = segment[j].weight - nextOne * (zero * chain[table &+ j])
                j &-= 1
            }
            let credit = total * (1 - zero) * leafValue
            for lane in 0..<min(4, hotCount &- group) {
                phi[Int(hotFeature[group &+ lane])] += credit[lane]
            }
            group &+= 4
        }
    }
}
