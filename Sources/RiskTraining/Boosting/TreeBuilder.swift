import RiskScoring

/// Collects a leaf-wise grown tree into the runtime's parallel arrays.
///
/// Node numbering follows LightGBM: splitting leaf `l` creates internal node `k` (the next free number), whose
/// left child keeps leaf number `l` and whose right child is the new leaf; the parent's pointer to leaf `l` is
/// redirected to node `k`.
struct TreeBuilder {
    var splitFeature: [Int32] = []
    var threshold: [Float] = []
    var defaultLeft: [Bool] = []
    var categorySet: [Int32] = []
    var left: [Int32] = []
    var right: [Int32] = []
    var splitGain: [Float] = []
    var internalCover: [Double] = []
    var categoryOffsets: [Int32] = [0]
    var categoryWords: [UInt32] = []

    /// Records the split of leaf `leftLeaf` (which keeps its number) into it and `rightLeaf` as node `node`.
    mutating func addSplit(
        node: Int, split: SplitCandidate, bins: FeatureBins, cover: Double, leftLeaf: Int, rightLeaf: Int,
        parent: Int, isLeftChild: Bool
    ) {
        precondition(node == splitFeature.count, "nodes are numbered in split order")
        splitFeature.append(Int32(split.feature))
        defaultLeft.append(split.defaultLeft)
        if split.isCategorical {
            // Bins → category codes; the rare and missing bins never go left.
            let codes = (0..<bins.valueBinCount).filter { split.leftBins.contains($0) }.map { bins.categories[$0] }
            let wordCount = (codes.max() ?? 0) / 32 + 1
            var words = Array(repeating: UInt32(0), count: wordCount)
            for code in codes { words[code / 32] |= 1 << UInt32(code % 32) }
            categorySet.append(Int32(categoryOffsets.count - 1))
            categoryWords += words
            categoryOffsets.append(Int32(categoryWords.count))
            threshold.append(0)
        } else {
            categorySet.append(-1)
            threshold.append(bins.upperBounds[split.thresholdBin])
        }
        left.append(~Int32(leftLeaf))
        right.append(~Int32(rightLeaf))
        splitGain.append(Float(split.gain))
        internalCover.append(cover)
        if parent >= 0 {
            if isLeftChild { left[parent] = Int32(node) } else { right[parent] = Int32(node) }
        }
    }

    /// The finished tree.
    func finish(leafValues: [Double], leafCovers: [Double]) -> DecisionTree {
        DecisionTree(
            splitFeature: splitFeature, threshold: threshold, defaultLeft: defaultLeft, categorySet: categorySet,
            left: left, right: right, splitGain: splitGain, internalCover: internalCover, leafValue: leafValues,
            leafCover: leafCovers, categoryOffsets: categoryOffsets, categoryWords: categoryWords)
    }
}
