extension TreeEnsemble {
    /// Checks every invariant prediction and TreeSHAP rely on and throws the first broken one, naming the
    /// tree, node and field. The model loader runs it before it accepts a model.
    ///
    /// Per tree: array lengths agree (`leafCount = internal nodes + 1`); children are in range and every
    /// internal node and leaf is reached exactly once from the root; split features are `< featureCount`;
    /// category sets exist and `categoryOffsets` delimit `categoryWords`; covers are finite, `≥ 0`, and an
    /// internal node's cover is its children's sum within 1e-6 relative; leaf values, thresholds and split
    /// gains are finite.
    ///
    /// - Complexity: O(nodes + category words).
    public func checkInvariants() throws(TreeEnsembleError) {
        guard featureCount >= 0 else { throw .invalidEnsemble(field: "featureCount", value: "\(featureCount)") }
        guard baseScore.isFinite else { throw .invalidEnsemble(field: "baseScore", value: "\(baseScore)") }
        for (index, tree) in trees.enumerated() {
            try tree.checkInvariants(tree: index, featureCount: featureCount)
        }
    }
}

extension DecisionTree {
    /// The invariants of `TreeEnsemble.checkInvariants()` for this tree, which is tree `tree` of an ensemble
    /// over `featureCount` features.
    public func checkInvariants(tree: Int, featureCount: Int) throws(TreeEnsembleError) {
        try checkShape(tree: tree)
        try checkStructure(tree: tree)
        let setCount = categoryOffsets.count - 1
        for node in splitFeature.indices {
            let feature = splitFeature[node]
            guard feature >= 0 && Int(feature) < featureCount else {
                throw .featureOutOfRange(tree: tree, node: node, feature: feature, featureCount: featureCount)
            }
            guard categorySet[node] >= -1 && Int(categorySet[node]) < setCount else {
                throw .categorySetOutOfRange(
                    tree: tree, node: node, field: "categorySet", value: Int(categorySet[node]))
            }
            guard threshold[node].isFinite else {
                throw .nonFinite(tree: tree, node: node, field: "threshold", value: Double(threshold[node]))
            }
            guard splitGain[node].isFinite else {
                throw .nonFinite(tree: tree, node: node, field: "splitGain", value: Double(splitGain[node]))
            }
            guard internalCover[node].isFinite && internalCover[node] >= 0 else {
                throw .invalidCover(tree: tree, node: node, field: "internalCover", value: internalCover[node])
            }
        }
        for leaf in leafValue.indices {
            guard leafValue[leaf].isFinite else {
                throw .nonFinite(tree: tree, node: leaf, field: "leafValue", value: leafValue[leaf])
            }
            guard leafCover[leaf].isFinite && leafCover[leaf] >= 0 else {
                throw .invalidCover(tree: tree, node: leaf, field: "leafCover", value: leafCover[leaf])
            }
        }
        for node in splitFeature.indices {
            let cover = internalCover[node]
            let childrenSum = self.cover(of: left[node]) + self.cover(of: right[node])
            guard abs(cover - childrenSum) <= 1e-6 * max(abs(cover), abs(childrenSum)) else {
                throw .coverMismatch(tree: tree, node: node, cover: cover, childrenSum: childrenSum)
            }
        }
    }

    /// Array lengths and the category-set table.
    private func checkShape(tree: Int) throws(TreeEnsembleError) {
        let internalCount = splitFeature.count
        let perNode: [(String, Int)] = [
            ("threshold", threshold.count), ("defaultLeft", defaultLeft.count), ("categorySet", categorySet.count),
            ("left", left.count), ("right", right.count), ("splitGain", splitGain.count),
            ("internalCover", internalCover.count), ("leafValue", leafValue.count - 1),
            ("leafCover", leafCover.count - 1),
        ]
        for (field, count) in perNode where count != internalCount {
            let leafField = field == "leafValue" || field == "leafCover"
            throw .arrayLength(
                tree: tree, field: field, expected: internalCount + (leafField ? 1 : 0),
                found: count + (leafField ? 1 : 0))
        }
        guard categoryOffsets.first == 0 else {
            throw .categorySetOutOfRange(
                tree: tree, node: 0, field: "categoryOffsets", value: Int(categoryOffsets.first ?? -1))
        }
        for set in categoryOffsets.indices.dropFirst() where categoryOffsets[set] < categoryOffsets[set - 1] {
            throw .categorySetOutOfRange(
                tree: tree, node: set, field: "categoryOffsets", value: Int(categoryOffsets[set]))
        }
        let last = categoryOffsets[categoryOffsets.count - 1]
        guard Int(last) == categoryWords.count else {
            throw .categorySetOutOfRange(
                tree: tree, node: categoryOffsets.count - 1, field: "categoryOffsets", value: Int(last))
        }
    }

    /// Children in range, and every internal node and leaf reached exactly once from the root.
    private func checkStructure(tree: Int) throws(TreeEnsembleError) {
        let internalCount = splitFeature.count
        guard internalCount > 0 else { return }
        var reachedNode = [Bool](repeating: false, count: internalCount)
        var reachedLeaf = [Bool](repeating: false, count: internalCount + 1)
        reachedNode[0] = true
        var queue = [0]
        var next = 0
        while next < queue.count {
            let node = queue[next]
            next += 1
            for (field, child) in [("left", left[node]), ("right", right[node])] {
                if child >= 0 {
                    guard Int(child) < internalCount else {
                        throw .childOutOfRange(tree: tree, node: node, field: field, child: child)
                    }
                    guard !reachedNode[Int(child)] else {
                        throw .nodeReachedTwice(tree: tree, node: node, field: field, child: child)
                    }
                    reachedNode[Int(child)] = true
                    queue.append(Int(child))
                } else {
                    guard Int(~child) <= internalCount else {
                        throw .childOutOfRange(tree: tree, node: node, field: field, child: child)
                    }
                    guard !reachedLeaf[Int(~child)] else {
                        throw .nodeReachedTwice(tree: tree, node: node, field: field, child: child)
                    }
                    reachedLeaf[Int(~child)] = true
                }
            }
        }
        if let node = reachedNode.firstIndex(of: false) {
            throw .nodeUnreachable(tree: tree, node: node, field: "splitFeature")
        }
        if let leaf = reachedLeaf.firstIndex(of: false) {
            throw .nodeUnreachable(tree: tree, node: leaf, field: "leafValue")
        }
    }
}
