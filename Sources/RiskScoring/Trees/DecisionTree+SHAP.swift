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
}
