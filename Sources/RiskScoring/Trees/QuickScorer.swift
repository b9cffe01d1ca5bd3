/// The trees of an ensemble compiled for scoring with QuickScorer (Lucchese et al., SIGIR 2015): instead of
/// walking each tree, a row visits every feature once and marks, in one bit mask per tree, the leaves it can
/// no longer reach.
///
/// The leaves of each tree are numbered left to right (in order), so the leaves of a node's left subtree are a
/// run of bits. When the row goes right at a node, none of those leaves can be its exit leaf and the node's
/// mask clears them; once every node where the row goes right has been applied, the exit leaf is the lowest bit
/// still set in the tree's mask, whatever order the nodes were applied in:
/// ```
/// mask_t = AND_{nodes n of t where the row goes right} ~leftLeaves(n),   leaf_t = trailingZeroCount(mask_t)
/// ```
/// Per feature, the numeric splits are sorted by threshold: with `x <= threshold` going left, the row goes
/// right exactly at the splits with `threshold < x`, a prefix of the sorted run, so the scan stops at the first
/// threshold `≥ x`. A missing value goes right at the splits without `defaultLeft` (a list per feature); a
/// category code goes right at the categorical splits whose set lacks it, tabulated per code when compiling.
/// Each row's margin then adds the leaf values in tree order (`baseScore`, tree 0, tree 1, …), so it is bitwise `TreeEnsemble.margin(_:)`.
///
/// The work a row costs is the number of splits where it goes right (about half the nodes) instead of trees ×
/// depth dependent, unpredictable branches; the splits are read in one forward pass per feature.
///
/// Only ensembles whose trees have at most 64 leaves, no NaN threshold and category sets over codes below a
/// few million compile (`init?` returns nil otherwise; `CompiledTreeEnsemble` then falls back to
/// `FlatTreeEnsemble`).
struct QuickScorer: Sendable {
    /// A numeric split in its feature's run: the row goes right when `threshold < x`, and then `mask` is
    /// ANDed into tree `tree`'s leaf mask.
    struct Split: Sendable {
        var mask: UInt64
        var threshold: Float
        var tree: UInt32
    }

    /// A numeric split for `narrowMargins`: the leaves it clears in tree `tree`, as a 32-bit mask.
    struct NarrowSplit: Sendable {
        var clear: UInt32
        var tree: UInt32
    }

    /// The numeric splits of one feature that share a threshold (trained thresholds are bin boundaries, so
    /// trees often split a feature at the same value): `count` consecutive `narrowSplits`, and the threshold
    /// as an order-preserving integer key (see `orderKey`). The eight lanes are compared once per group.
    struct ThresholdGroup: Sendable {
        var key: Int32
        var count: Int32
    }

    /// A split a missing value, or a category code, sends right: `mask` is ANDed into tree `tree`'s mask.
    struct MaskedSplit: Sendable {
        var mask: UInt64
        var tree: UInt32
    }

    /// The runs of one feature that some split uses.
    struct FeatureRuns: Sendable {
        var feature: Int
        /// Numeric splits, ascending by threshold, followed by a sentinel of threshold +∞ that stops the scan.
        var numericStart: Int
        /// The feature's first threshold group and first narrow split; its groups end with a sentinel of key
        /// `Int32.max` and no splits.
        var groupStart: Int
        var narrowStart: Int
        /// Splits a missing value sends right (numeric and categorical, `defaultLeft` false).
        var missing: Range<Int>
        /// For categorical splits: codes `0..<codeCount` have their own list of the splits that send them
        /// right, in `codeLists[codeListStart + code]`; any other value (a larger, negative or fractional
        /// code) goes right at every categorical split, the list at `codeListStart + codeCount`. -1 when no
        /// categorical split uses the feature.
        var codeCount: Int
        var codeListStart: Int
    }
    /// The most entries the code lists of one feature may take (16 bytes each).
    static let maxCodeTableEntries = 1 << 22

    let featureCount: Int
    let baseScore: Double
    let treeCount: Int
    /// Whether every tree has at most 32 leaves, so `narrowMargins` applies.
    let narrow: Bool
    let runs: [FeatureRuns]
    let splits: [Split]
    let narrowSplits: [NarrowSplit]
    let groups: [ThresholdGroup]
    let missing: [MaskedSplit]
    /// The splits of every code list, one list after the other; list `k` is
    /// `codeSplits[codeLists[k]..<codeLists[k + 1]]`.
    let codeSplits: [MaskedSplit]
    let codeLists: [Int]
    /// Where tree `t`'s leaf values start in `leafValues`.
    let leafStart: [Int32]
    /// Every tree's leaf values, in left-to-right order.
    let leafValues: [Double]

    /// Compiles `ensemble`, or returns nil when it does not fit (see the type's summary).
    ///
    /// - Precondition: the trees are well formed (see `TreeEnsemble.checkInvariants()`): children and
    ///   features in range, category sets delimited.
    /// - Complexity: O(nodes · log nodes).
    init?(_ ensemble: TreeEnsemble) {
        let featureCount = ensemble.featureCount
        var numeric = [[(threshold: Float, tree: UInt32, node: Int, mask: UInt64)]](repeating: [], count: featureCount)
        var missingByFeature = [[MaskedSplit]](repeating: [], count: featureCount)
        // Per feature, each categorical split's mask, tree and set words.
        var categoricalByFeature = [[(mask: UInt64, tree: UInt32, words: ArraySlice<UInt32>)]](
            repeating: [], count: featureCount)
        var leafStart: [Int32] = []
        var leafValues: [Double] = []
        for (index, tree) in ensemble.trees.enumerated() {
            guard tree.leafCount <= 64, tree.threshold.allSatisfy({ !$0.isNaN }) else { return nil }
            let internalCount = tree.splitFeature.count
            precondition(
                tree.left.count == internalCount && tree.right.count == internalCount
                    && tree.threshold.count == internalCount && tree.defaultLeft.count == internalCount
                    && tree.categorySet.count == internalCount && tree.leafValue.count == internalCount + 1,
                "tree \(index): array lengths disagree (run checkInvariants() on loaded models)")
            let order = tree.leavesInOrder()
            leafStart.append(Int32(leafValues.count))
            leafValues += order.leaves.map { tree.leafValue[$0] }
            let offsets = tree.categoryOffsets
            for node in 0..<internalCount {
                let feature = Int(tree.splitFeature[node])
                precondition(
                    feature >= 0 && feature < featureCount,
                    "tree \(index), node \(node): feature \(feature) out of range")
                let leftLeaves = order.leftLeaves[node]
                let width = UInt64(leftLeaves.count)
                let bits = width == 64 ? UInt64.max : ((1 << width) - 1) << UInt64(leftLeaves.lowerBound)
                let mask = ~bits
                if !tree.defaultLeft[node] {
                    missingByFeature[feature].append(MaskedSplit(mask: mask, tree: UInt32(index)))
                }
                let set = Int(tree.categorySet[node])
                if set >= 0 {
                    precondition(
                        set + 1 < offsets.count && offsets[set] <= offsets[set + 1]
                            && Int(offsets[set + 1]) <= tree.categoryWords.count,
                        "tree \(index), node \(node): category set \(set) out of range")
                    categoricalByFeature[feature].append(
                        (mask, UInt32(index), tree.categoryWords[Int(offsets[set])..<Int(offsets[set + 1])]))
                } else {
                    numeric[feature].append((tree.threshold[node], UInt32(index), node, mask))
                }
            }
        }
        var runs: [FeatureRuns] = []
        var splits: [Split] = []
        var narrowSplits: [NarrowSplit] = []
        var groups: [ThresholdGroup] = []
        var missing: [MaskedSplit] = []
        var codeSplits: [MaskedSplit] = []
        var codeLists: [Int] = [0]
        for feature in 0..<featureCount {
            let numericSplits = numeric[feature]
            guard !numericSplits.isEmpty || !missingByFeature[feature].isEmpty || !categoricalByFeature[feature].isEmpty
            else { continue }
            // Ties are ordered by tree and node so the layout is reproducible; the masks commute anyway.
            let sorted = numericSplits.sorted {
                ($0.threshold, $0.tree, $0.node) < ($1.threshold, $1.tree, $1.node)
            }
            let numericStart = splits.count
            splits += sorted.map { Split(mask: $0.mask, threshold: $0.threshold, tree: $0.tree) }
            splits.append(Split(mask: .max, threshold: .infinity, tree: 0))
            let groupStart = groups.count
            let narrowStart = narrowSplits.count
            for split in sorted {
                let key = Self.orderKey(split.threshold)
                if groups.count > groupStart, groups[groups.count - 1].key == key {
                    groups[groups.count - 1].count += 1
                } else {
                    groups.append(ThresholdGroup(key: key, count: 1))
                }
                narrowSplits.append(NarrowSplit(clear: ~UInt32(truncatingIfNeeded: split.mask), tree: split.tree))
            }
            groups.append(ThresholdGroup(key: .max, count: 0))
            let missingStart = missing.count
            missing += Self.mergedByTree(missingByFeature[feature])
            let categorical = categoricalByFeature[feature]
            var codeCount = -1
            let codeListStart = codeLists.count - 1
            if !categorical.isEmpty {
                // Codes past the highest bit of every set go right everywhere, like invalid values.
                codeCount = 0
                for split in categorical {
                    for (w, word) in split.words.enumerated() where word != 0 {
                        codeCount = max(codeCount, w * 32 + 32 - word.leadingZeroBitCount)
                    }
                }
                // A set over huge codes would make huge tables: such a model takes the fallback kernel.
                guard (codeCount + 1) * categorical.count <= Self.maxCodeTableEntries else { return nil }
                for code in 0...codeCount {
                    var list: [MaskedSplit] = []
                    for split in categorical {
                        let word = code >> 5
                        let goesLeft =
                            code < codeCount && word < split.words.count
                            && split.words[split.words.startIndex + word] & (1 << UInt32(code & 31)) != 0
                        if !goesLeft { list.append(MaskedSplit(mask: split.mask, tree: split.tree)) }
                    }
                    codeSplits += Self.mergedByTree(list)
                    codeLists.append(codeSplits.count)
                }
            }
            runs.append(
                FeatureRuns(
                    feature: feature, numericStart: numericStart, groupStart: groupStart, narrowStart: narrowStart,
                    missing: missingStart..<missing.count,
                    codeCount: codeCount, codeListStart: codeListStart))
        }
        self.featureCount = featureCount
        self.baseScore = ensemble.baseScore
        self.treeCount = ensemble.trees.count
        self.narrow = ensemble.trees.allSatisfy { $0.leafCount <= 32 }
        self.runs = runs
        self.splits = splits
        self.narrowSplits = narrowSplits
        self.groups = groups
        self.missing = missing
        self.codeSplits = codeSplits
        self.codeLists = codeLists
        self.leafStart = leafStart
        self.leafValues = leafValues
    }

    /// `splits` (in tree order) with the masks of each tree ANDed into one entry: applying them is the same.
    static func mergedByTree(_ splits: [MaskedSplit]) -> [MaskedSplit] {
        var merged: [MaskedSplit] = []
        for split in splits {
            if let last = merged.last, last.tree == split.tree {
                merged[merged.count - 1].mask &= split.mask
            } else {
                merged.append(split)
            }
        }
        return merged
    }

    /// An integer key with the order of the numbers: `orderKey(a) < orderKey(b)` exactly when `a < b`, for any
    /// Floats that are not NaN (−0 and +0 get the same key, as they compare equal); NaN gets `Int32.min`,
    /// below every threshold's key, so a missing value never goes right by comparison.
    @inline(__always)
    static func orderKey(_ value: Float) -> Int32 {
        guard !value.isNaN else { return .min }
        let bits = Int32(bitPattern: (value + 0).bitPattern)  // + 0 turns −0 into +0
        return bits >= 0 ? bits : bits ^ Int32.max
    }

    /// Rows one pass of `narrowMargins` scores together, one per SIMD lane.
    static let lanes = 8

    /// `margins(rows:into:masks:)` for ensembles whose trees all have at most 32 leaves (`narrow`), eight
    /// rows at a time, one per lane: a tree's masks for the eight rows are one `SIMD8<UInt32>`, a split is
    /// compared with the eight values at once and clears leaves only in the lanes that go right, and the run
    /// of a feature is scanned up to the largest of the eight values. Missing values and category codes are
    /// applied lane by lane. The eight margins add the trees' leaf values lane by lane in tree order, so each
    /// is bitwise the scalar sum.
    ///
    /// - Precondition: `narrow`; `rows.count == margins.count * featureCount`; `masks.count >= treeCount`.
    func narrowMargins(
        rows: UnsafeBufferPointer<Float>, into margins: UnsafeMutableBufferPointer<Double>,
        masks: UnsafeMutableBufferPointer<SIMD8<UInt32>>
    ) {
        precondition(
            narrow && rows.count == margins.count * featureCount && masks.count >= treeCount, "row block shape")
        guard !margins.isEmpty else { return }
        let mask = masks.baseAddress.unsafelyUnwrapped
        // The same masks as 32-bit words, `[tree * 8 + lane]`, for the lane-by-lane updates.
        let laneMask = UnsafeMutableRawPointer(mask).assumingMemoryBound(to: UInt32.self)
        let x0 = rows.baseAddress.unsafelyUnwrapped
        let keys = UnsafeMutablePointer<Int32>.allocate(capacity: Self.lanes)
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: Self.lanes)
        defer {
            keys.deallocate()
            sums.deallocate()
        }
        runs.withUnsafeBufferPointer { runs in
            narrowSplits.withUnsafeBufferPointer { narrowSplits in
                groups.withUnsafeBufferPointer { groups in
                    missing.withUnsafeBufferPointer { missing in
                        codeSplits.withUnsafeBufferPointer { codeSplits in
                            codeLists.withUnsafeBufferPointer { codeLists in
                                leafStart.withUnsafeBufferPointer { leafStart in
                                    leafValues.withUnsafeBufferPointer { leafValues in
                                        let split = narrowSplits.baseAddress.unsafelyUnwrapped
                                        var first = 0
                                        while first < margins.count {
                                            let count = min(Self.lanes, margins.count &- first)
                                            mask.update(repeating: SIMD8(repeating: .max), count: treeCount)
                                            for run in runs {
                                                // Lanes past `count` repeat the last row, so they change nothing
                                                // the scan does not do anyway; their lane updates are skipped.
                                                var largest = Int32.min
                                                for lane in 0..<Self.lanes {
                                                    let row = first &+ min(lane, count &- 1)
                                                    let key = Self.orderKey(x0[row &* featureCount &+ run.feature])
                                                    keys[lane] = key
                                                    largest = max(largest, key)
                                                }
                                                let x = UnsafeRawPointer(keys).loadUnaligned(as: SIMD8<Int32>.self)
                                                // Stops at the first key ≥ every lane's (missing lanes have the
                                                // least key); the sentinel's Int32.max ends every run.
                                                var g = run.groupStart
                                                var i = run.narrowStart
                                                while groups[g].key < largest {
                                                    // t < x, signed, from t − x with the overflow corrected:
                                                    // lanes going right get all ones.
                                                    let t = SIMD8<Int32>(repeating: groups[g].key)
                                                    let difference = t &- x
                                                    let less = difference ^ ((t ^ x) & (difference ^ t))
                                                    let goesRight = SIMD8<UInt32>(truncatingIfNeeded: less &>> 31)
                                                    let end = i &+ Int(groups[g].count)
                                                    while i < end {
                                                        let s = split[i]
                                                        mask[Int(s.tree)] &= ~(goesRight & SIMD8(repeating: s.clear))
                                                        i &+= 1
                                                    }
                                                    g &+= 1
                                                }
                                                guard !run.missing.isEmpty || run.codeCount >= 0 else { continue }
                                                for lane in 0..<count {
                                                    let value = x0[(first &+ lane) &* featureCount &+ run.feature]
                                                    var list: Range<Int>
                                                    let splitsOfLane: UnsafeBufferPointer<MaskedSplit>
                                                    if value.isNaN {
                                                        list = run.missing
                                                        splitsOfLane = missing
                                                    } else if run.codeCount >= 0 {
                                                        let isCode =
                                                            value >= 0 && value < Float(run.codeCount)
                                                            && value == value.rounded(.towardZero)
                                                        let k =
                                                            run.codeListStart &+ (isCode ? Int(value) : run.codeCount)
                                                        list = codeLists[k]..<codeLists[k &+ 1]
                                                        splitsOfLane = codeSplits
                                                    } else {
                                                        continue
                                                    }
                                                    for j in list {
                                                        let s = splitsOfLane[j]
                                                        laneMask[Int(s.tree) &* Self.lanes &+ lane] &= UInt32(
                                                            truncatingIfNeeded: s.mask)
                                                    }
                                                }
                                            }
                                            // Eight independent sums, each in tree order.
                                            var (s0, s1, s2, s3) = (baseScore, baseScore, baseScore, baseScore)
                                            var (s4, s5, s6, s7) = (baseScore, baseScore, baseScore, baseScore)
                                            for tree in 0..<treeCount {
                                                let start = Int(leafStart[tree])
                                                let m = laneMask + tree &* Self.lanes
                                                s0 += leafValues[start &+ m[0].trailingZeroBitCount]
                                                s1 += leafValues[start &+ m[1].trailingZeroBitCount]
                                                s2 += leafValues[start &+ m[2].trailingZeroBitCount]
                                                s3 += leafValues[start &+ m[3].trailingZeroBitCount]
                                                s4 += leafValues[start &+ m[4].trailingZeroBitCount]
                                                s5 += leafValues[start &+ m[5].trailingZeroBitCount]
                                                s6 += leafValues[start &+ m[6].trailingZeroBitCount]
                                                s7 += leafValues[start &+ m[7].trailingZeroBitCount]
                                            }
                                            sums[0] = s0
                                            sums[1] = s1
                                            sums[2] = s2
                                            sums[3] = s3
                                            sums[4] = s4
                                            sums[5] = s5
                                            sums[6] = s6
                                            sums[7] = s7
                                            for lane in 0..<count { margins[first &+ lane] = sums[lane] }
                                            first &+= count
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

    /// Writes the margin of each row of a row-major block (`featureCount` values a row) into `margins`,
    /// using `masks` (at least `treeCount` entries) as scratch: the scalar kernel, for single rows and for
    /// trees of 33-64 leaves.
    ///
    /// - Precondition: `rows.count == margins.count * featureCount`, `masks.count >= treeCount`.
    func margins(
        rows: UnsafeBufferPointer<Float>, into margins: UnsafeMutableBufferPointer<Double>,
        masks: UnsafeMutableBufferPointer<UInt64>
    ) {
        precondition(rows.count == margins.count * featureCount && masks.count >= treeCount, "row block shape")
        guard !margins.isEmpty else { return }
        guard treeCount > 0 else {
            for row in margins.indices { margins[row] = baseScore }
            return
        }
        let mask = masks.baseAddress.unsafelyUnwrapped
        runs.withUnsafeBufferPointer { runs in
            splits.withUnsafeBufferPointer { splits in
                missing.withUnsafeBufferPointer { missing in
                    codeSplits.withUnsafeBufferPointer { codeSplits in
                        codeLists.withUnsafeBufferPointer { codeLists in
                            leafStart.withUnsafeBufferPointer { leafStart in
                                leafValues.withUnsafeBufferPointer { leafValues in
                                    let split = splits.baseAddress.unsafelyUnwrapped
                                    for row in margins.indices {
                                        let x = rows.baseAddress.unsafelyUnwrapped + row &* featureCount
                                        mask.update(repeating: .max, count: treeCount)
                                        for run in runs {
                                            let value = x[run.feature]
                                            if value.isNaN {
                                                for i in run.missing {
                                                    let s = missing[i]
                                                    mask[Int(s.tree)] &= s.mask
                                                }
                                                continue
                                            }
                                            // The +∞ sentinel ends every run: `∞ < value` is false for any number.
                                            var i = run.numericStart
                                            while split[i].threshold < value {
                                                mask[Int(split[i].tree)] &= split[i].mask
                                                i &+= 1
                                            }
                                            guard run.codeCount >= 0 else { continue }
                                            // `DecisionTree.goesLeft`'s rule: only a whole number in range is a code.
                                            let isCode =
                                                value >= 0 && value < Float(run.codeCount)
                                                && value == value.rounded(.towardZero)
                                            let list = run.codeListStart &+ (isCode ? Int(value) : run.codeCount)
                                            for i in codeLists[list]..<codeLists[list &+ 1] {
                                                mask[Int(codeSplits[i].tree)] &= codeSplits[i].mask
                                            }
                                        }
                                        var sum = baseScore
                                        for tree in 0..<treeCount {
                                            let leaf = Int(leafStart[tree]) &+ mask[tree].trailingZeroBitCount
                                            sum += leafValues[leaf]
                                        }
                                        margins[row] = sum
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
    /// The leaves in left-to-right order, and for each internal node the positions (in that order) of the
    /// leaves under its left child.
    ///
    /// - Precondition: the tree is well formed (every node reached once from the root).
    func leavesInOrder() -> (leaves: [Int], leftLeaves: [Range<Int>]) {
        guard !splitFeature.isEmpty else { return ([0], []) }
        var leaves: [Int] = []
        var leftLeaves = [Range<Int>](repeating: 0..<0, count: splitFeature.count)
        var visited = 0
        func visit(_ child: Int32) {
            guard child >= 0 else {
                leaves.append(Int(~child))
                return
            }
            visited += 1
            precondition(visited <= splitFeature.count, "the tree has a cycle (run checkInvariants())")
            let node = Int(child)
            let start = leaves.count
            visit(left[node])
            leftLeaves[node] = start..<leaves.count
            visit(right[node])
        }
        visit(0)
        return (leaves, leftLeaves)
    }
}
