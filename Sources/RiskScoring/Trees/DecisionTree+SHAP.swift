/// One feature on the unique path of TreeSHAP: the fraction of "feature unknown" weight that flows down the
/// path (`zeroFraction`, the cover ratios), whether the row follows it (`oneFraction`, 1 or 0), and the
/// permutation weight of subsets of the path of each size (`weight`, indexed by position).
struct ShapPathElement {
    var feature: Int
    var zeroFraction: Double
    var oneFraction: Double
    var weight: Double
}

extension DecisionTree {
    /// The cover (training hessian sum) of a child reference: an internal node `c ≥ 0` or the leaf `~c`.
    @inline(__always)
    func cover(of child: Int32) -> Double { child >= 0 ? internalCover[Int(child)] : leafCover[Int(~child)] }

    /// The share of node `node`'s training rows that went to `child`: `cover(child) / cover(node)`, or 0
    /// under a node without cover (no training row reached it, so it carries no weight in expectations).
    @inline(__always)
    func coverFraction(of child: Int32, under node: Int) -> Double {
        let total = internalCover[node]
        return total > 0 ? cover(of: child) / total : 0
    }

    /// The number of splits on the longest root-to-leaf path (0 for a tree of one leaf).
    ///
    /// - Precondition: the tree is well formed (every node reached once from the root).
    public var depth: Int {
        guard !splitFeature.isEmpty else { return 0 }
        var deepest = 0
        var stack: [(node: Int, depth: Int)] = [(0, 1)]
        var visited = 0
        while let (node, depth) = stack.popLast() {
            visited += 1
            precondition(visited <= splitFeature.count, "the tree has a cycle (run checkInvariants())")
            deepest = max(deepest, depth)
            if left[node] >= 0 { stack.append((Int(left[node]), depth + 1)) }
            if right[node] >= 0 { stack.append((Int(right[node]), depth + 1)) }
        }
        return deepest
    }

    /// The expected leaf value under the training distribution the covers record, following both children
    /// weighted by their cover fractions at every split:
    /// ```
    /// E(leaf) = leafValue,   E(node) = (c_left · E(left) + c_right · E(right)) / c_node
    /// ```
    /// which is `Σ leafValue · leafCover / rootCover` when the covers add up.
    public var expectedValue: Double {
        guard !splitFeature.isEmpty else { return leafValue[0] }
        func expectation(_ child: Int32, under node: Int) -> Double {
            coverFraction(of: child, under: node) * expectation(of: child)
        }
        func expectation(of child: Int32) -> Double {
            guard child >= 0 else { return leafValue[Int(~child)] }
            let node = Int(child)
            return expectation(left[node], under: node) + expectation(right[node], under: node)
        }
        return expectation(of: 0)
    }

    /// Path storage TreeSHAP needs for this tree: one path of length `d + 1` per depth `d` on the way down.
    var shapPathCapacity: Int {
        let depth = depth
        return (depth + 1) * (depth + 2) / 2
    }

    /// Adds this tree's exact path-dependent SHAP values for the row `value` to `phi` (Lundberg et al.
    /// 2018, Algorithm 2). `path` is scratch of at least `shapPathCapacity` elements.
    ///
    /// ```
    /// phi_i = Σ_{S ⊆ M∖{i}} |S|!(M−|S|−1)!/M! · (v(S ∪ {i}) − v(S)),
    /// v(S) = E[f(x) | x_S]: at a split on a feature in S follow the row, otherwise average both children
    ///        weighted by cover
    /// ```
    /// - Complexity: O(leaves × depth²).
    func addContributions(of value: (Int) -> Float, to phi: inout [Double], path: inout [ShapPathElement]) {
        guard !splitFeature.isEmpty else { return }  // one leaf: every feature's contribution is 0
        shap(
            0, depth: 0, parentStart: 0, zeroFraction: 1, oneFraction: 1, feature: -1, value: value, phi: &phi,
            path: &path)
    }

    /// One step of TreeSHAP's recursion: copies the parent's unique path behind it, extends it with the
    /// split that led here, and at a leaf credits every feature on the path.
    private func shap(
        _ child: Int32, depth parentDepth: Int, parentStart: Int, zeroFraction: Double, oneFraction: Double,
        feature: Int, value: (Int) -> Float, phi: inout [Double], path: inout [ShapPathElement]
    ) {
        var depth = parentDepth
        let start = parentStart + depth
        for i in 0..<depth { path[start + i] = path[parentStart + i] }
        Self.extend(&path, start: start, depth: depth, zeroFraction, oneFraction, feature)
        guard child >= 0 else {
            let leaf = leafValue[Int(~child)]
            for i in stride(from: 1, through: depth, by: 1) {
                let element = path[start + i]
                let weight = Self.unwoundSum(path, start: start, depth: depth, index: i)
                phi[element.feature] += weight * (element.oneFraction - element.zeroFraction) * leaf
            }
            return
        }
        let node = Int(child)
        let splitOn = Int(splitFeature[node])
        let left = goesLeft(value(splitOn), at: node)
        let hot = left ? self.left[node] : right[node]
        let cold = left ? right[node] : self.left[node]
        // A feature already on the path is unwound, so it appears once with the product of its fractions.
        var incomingZero = 1.0
        var incomingOne = 1.0
        if let i = (1..<depth + 1).first(where: { path[start + $0].feature == splitOn }) {
            incomingZero = path[start + i].zeroFraction
            incomingOne = path[start + i].oneFraction
            Self.unwind(&path, start: start, depth: depth, index: i)
            depth -= 1
        }
        let hotZero = coverFraction(of: hot, under: node) * incomingZero
        let coldZero = coverFraction(of: cold, under: node) * incomingZero
        // With both fractions 0 every weight below is 0: skipping is exact and avoids 0/0 in unwind.
        if hotZero != 0 || incomingOne != 0 {
            shap(
                hot, depth: depth + 1, parentStart: start, zeroFraction: hotZero, oneFraction: incomingOne,
                feature: splitOn, value: value, phi: &phi, path: &path)
        }
        if coldZero != 0 {
            shap(
                cold, depth: depth + 1, parentStart: start, zeroFraction: coldZero, oneFraction: 0, feature: splitOn,
                value: value, phi: &phi, path: &path)
        }
    }

    /// EXTEND: appends a feature with the given fractions and updates the subset-size weights.
    private static func extend(
        _ path: inout [ShapPathElement], start: Int, depth: Int, _ zeroFraction: Double, _ oneFraction: Double,
        _ feature: Int
    ) {
        path[start + depth] = ShapPathElement(
            feature: feature, zeroFraction: zeroFraction, oneFraction: oneFraction, weight: depth == 0 ? 1 : 0)
        let scale = Double(depth + 1)
        for i in stride(from: depth - 1, through: 0, by: -1) {
            path[start + i + 1].weight += oneFraction * path[start + i].weight * Double(i + 1) / scale
            path[start + i].weight = zeroFraction * path[start + i].weight * Double(depth - i) / scale
        }
    }

    /// UNWIND: removes the element at `index`, the inverse of having extended with it last.
    private static func unwind(_ path: inout [ShapPathElement], start: Int, depth: Int, index: Int) {
        let one = path[start + index].oneFraction
        let zero = path[start + index].zeroFraction
        let scale = Double(depth + 1)
        var nextOne = path[start + depth].weight
        for i in stride(from: depth - 1, through: 0, by: -1) {
            if one != 0 {
                let saved = path[start + i].weight
                path[start + i].weight = nextOne * scale / (Double(i + 1) * one)
                nextOne = saved - path[start + i].weight * zero * Double(depth - i) / scale
            } else {
                path[start + i].weight = path[start + i].weight * scale / (zero * Double(depth - i))
            }
        }
        for i in index..<depth {
            path[start + i].feature = path[start + i + 1].feature
            path[start + i].zeroFraction = path[start + i + 1].zeroFraction
            path[start + i].oneFraction = path[start + i + 1].oneFraction
        }
    }

    /// The total weight the path would have with the element at `index` unwound, without unwinding it.
    private static func unwoundSum(_ path: [ShapPathElement], start: Int, depth: Int, index: Int) -> Double {
        let one = path[start + index].oneFraction
        let zero = path[start + index].zeroFraction
        let scale = Double(depth + 1)
        var nextOne = path[start + depth].weight
        var total = 0.0
        for i in stride(from: depth - 1, through: 0, by: -1) {
            if one != 0 {
                let weight = nextOne * scale / (Double(i + 1) * one)
                total += weight
                nextOne = path[start + i].weight - weight * zero * Double(depth - i) / scale
            } else {
                total += path[start + i].weight / zero * scale / Double(depth - i)
            }
        }
        return total
    }
}
