/// The trees of an ensemble packed into one node array: 16 bytes a node, children resolved to indices into
/// the whole ensemble, every leaf value in one array. TreeSHAP walks it, and `CompiledTreeEnsemble` scores
/// with it the ensembles `QuickScorer` does not take (trees of more than 64 leaves).
///
/// Built from the parallel arrays (O(nodes)); the build checks every index the
/// traversal reads through a pointer (children, features, category words), so a malformed tree stops at a
/// `precondition` rather than reading outside its arrays. The decision rule is `DecisionTree.goesLeft`'s,
/// bit for bit; the tests hold the two paths to identical margins.
struct FlatTreeEnsemble: Sendable {
    /// One internal node. `info` packs the feature index (low 30 bits), a categorical flag and a
    /// default-left flag; `payload` is the threshold's bit pattern, or for a categorical split the index of
    /// its word range in `categoryRanges`. A child `≥ 0` is a node of `nodes`, `< 0` the leaf `~child` of
    /// `leafValues`.
    struct Node: Sendable {
        var info: UInt32
        var payload: UInt32
        var left: Int32
        var right: Int32
    }

    static let featureMask: UInt32 = (1 << 30) - 1
    static let categoricalFlag: UInt32 = 1 << 30
    static let defaultLeftFlag: UInt32 = 1 << 31
    /// Byte offset of `Node.right`, and the distance back to `Node.left`.
    static let rightOffset = MemoryLayout<Node>.offset(of: \Node.right).unsafelyUnwrapped
    static let childStride = rightOffset - MemoryLayout<Node>.offset(of: \Node.left).unsafelyUnwrapped
    /// The most rows `addMargins` takes at once.
    static let maxBlockRows = 256

    let featureCount: Int
    let baseScore: Double
    /// The root of each tree: a node index, or `~leaf` for a tree of one leaf.
    let roots: [Int32]
    /// The number of splits on each tree's longest path.
    let depths: [Int]
    let nodes: [Node]
    let leafValues: [Double]
    /// `(first word, end word)` into `categoryWords`, per categorical split.
    let categoryRanges: [(start: Int32, end: Int32)]
    let categoryWords: [UInt32]

    init(_ ensemble: TreeEnsemble) {
        precondition(ensemble.featureCount >= 0 && ensemble.featureCount <= Int(Self.featureMask))
        var roots: [Int32] = []
        var depths: [Int] = []
        var nodes: [Node] = []
        var leafValues: [Double] = []
        var categoryRanges: [(start: Int32, end: Int32)] = []
        var categoryWords: [UInt32] = []
        roots.reserveCapacity(ensemble.trees.count)
        nodes.reserveCapacity(ensemble.trees.reduce(0) { $0 + $1.splitFeature.count })
        leafValues.reserveCapacity(ensemble.trees.reduce(0) { $0 + $1.leafCount })
        for (index, tree) in ensemble.trees.enumerated() {
            let internalCount = tree.splitFeature.count
            let nodeBase = nodes.count
            let leafBase = leafValues.count
            let wordBase = categoryWords.count
            precondition(
                tree.leafValue.count == internalCount + 1 && tree.left.count == internalCount
                    && tree.right.count == internalCount && tree.threshold.count == internalCount
                    && tree.defaultLeft.count == internalCount && tree.categorySet.count == internalCount,
                "tree \(index): array lengths disagree (run checkInvariants() on loaded models)")
            let offsets = tree.categoryOffsets
            precondition(
                offsets.first == 0 && zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 }
                    && Int(offsets[offsets.count - 1]) == tree.categoryWords.count,
                "tree \(index): categoryOffsets do not delimit categoryWords")
            categoryWords += tree.categoryWords
            func resolve(_ child: Int32) -> Int32 {
                if child >= 0 {
                    precondition(Int(child) < internalCount, "tree \(index): child node \(child) out of range")
                    return Int32(nodeBase + Int(child))
                }
                precondition(Int(~child) <= internalCount, "tree \(index): child leaf \(~child) out of range")
                return ~Int32(leafBase + Int(~child))
            }
            for node in 0..<internalCount {
                let feature = Int(tree.splitFeature[node])
                precondition(
                    feature >= 0 && feature < ensemble.featureCount,
                    "tree \(index), node \(node): feature \(feature) out of range")
                var info = UInt32(feature)
                if tree.defaultLeft[node] { info |= Self.defaultLeftFlag }
                var payload = tree.threshold[node].bitPattern
                let set = Int(tree.categorySet[node])
                if set >= 0 {
                    precondition(
                        set + 1 < offsets.count, "tree \(index), node \(node): category set \(set) out of range")
                    info |= Self.categoricalFlag
                    payload = UInt32(categoryRanges.count)
                    categoryRanges.append(
                        (Int32(wordBase) + offsets[set], Int32(wordBase) + offsets[set + 1]))
                }
                nodes.append(
                    Node(info: info, payload: payload, left: resolve(tree.left[node]), right: resolve(tree.right[node]))
                )
            }
            depths.append(tree.depth)
            roots.append(internalCount == 0 ? ~Int32(leafBase) : Int32(nodeBase))
            leafValues += tree.leafValue
        }
        self.featureCount = ensemble.featureCount
        self.baseScore = ensemble.baseScore
        self.roots = roots
        self.depths = depths
        self.nodes = nodes
        self.leafValues = leafValues
        self.categoryRanges = categoryRanges
        self.categoryWords = categoryWords
    }

    /// Adds every tree's leaf value to the margins of the rows stored row-major in `rows` (`featureCount`
    /// values a row, at most `maxBlockRows` rows), starting from `baseScore`. Each row still sums baseScore,
    /// then tree 0, tree 1, … in order (the order of `TreeEnsemble.margin(_:)`), so margins agree bitwise.
    ///
    /// All rows of the block step through one tree together, one level at a time, `depth` steps; a row that
    /// reached its leaf stays there. Every step is branch-free (the split decision selects a child instead
    /// of jumping), so no random split costs a mispredicted branch, and the rows' steps are independent, so
    /// the CPU overlaps them; the price is stepping rows on shallow leaves to the tree's full depth.
    ///
    /// - Precondition: `rows.count == margins.count * featureCount`, `margins.count <= maxBlockRows`.
    func addMargins(rows: UnsafeBufferPointer<Float>, into margins: UnsafeMutableBufferPointer<Double>) {
        let rowCount = margins.count
        precondition(rows.count == rowCount * featureCount && rowCount <= Self.maxBlockRows, "row block shape")
        for row in 0..<rowCount { margins[row] = baseScore }
        guard rowCount > 0 else { return }
        let x = rows.baseAddress.unsafelyUnwrapped
        nodes.withUnsafeBufferPointer { nodes in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.maxBlockRows) { reached in
                for (tree, root) in roots.enumerated() {
                    for row in 0..<rowCount { reached[row] = root }
                    for _ in 0..<depths[tree] {
                        for row in 0..<rowCount {
                            let index = reached[row]
                            let node = nodes.baseAddress.unsafelyUnwrapped + Int(index >= 0 ? index : root)
                            let value = x[row &* featureCount &+ Int(node.pointee.info & Self.featureMask)]
                            // The child is loaded from `left` or `right` by offset, not chosen by a jump.
                            let offset = Self.rightOffset &- Self.childStride &* Int(leftBit(value, node.pointee))
                            let next = UnsafeRawPointer(node).load(fromByteOffset: offset, as: Int32.self)
                            reached[row] = index >= 0 ? next : index
                        }
                    }
                    for row in 0..<rowCount { margins[row] += leafValues[Int(~reached[row])] }
                }
            }
        }
    }

    /// `DecisionTree.goesLeft` on a packed node as 1 (left) or 0, computed without a branch on the row's
    /// value for numeric splits: the comparison, the NaN test and the default-left flag combine as bits.
    @inline(__always)
    func leftBit(_ value: Float, _ node: Node) -> UInt32 {
        guard node.info & Self.categoricalFlag == 0 else { return categoryGoesLeft(value, node) ? 1 : 0 }
        let below: UInt32 = value <= Float(bitPattern: node.payload) ? 1 : 0
        let missing: UInt32 = value.isNaN ? 1 : 0
        return below | (missing & node.info >> 31)
    }

    /// The categorical half of `goesLeft`, out of line to keep the numeric loop small.
    @inline(never)
    func categoryGoesLeft(_ value: Float, _ node: Node) -> Bool {
        if value.isNaN { return node.info & Self.defaultLeftFlag != 0 }
        guard value >= 0, value < 4_294_967_296, value == value.rounded(.towardZero) else { return false }
        let code = Int(value)
        let range = categoryRanges[Int(node.payload)]
        let word = Int(range.start) + code >> 5
        guard word < Int(range.end) else { return false }
        return categoryWords[word] & (1 << UInt32(code & 31)) != 0
    }
}
