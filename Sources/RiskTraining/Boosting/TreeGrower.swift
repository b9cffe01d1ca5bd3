import RiskScoring

/// A tree grown on bins, with the row partition that produced it.
struct GrownTree {
    /// The tree in the runtime's layout, leaf values with shrinkage applied.
    var tree: DecisionTree
    /// The split of each internal node in bin space (for routing rows left out of the bag).
    var splits: [SplitCandidate]
    /// Each leaf's rows: `rows[leafBegin[l] ..< leafBegin[l] + leafCount[l]]` of the grower's row buffer.
    var leafBegin: [Int]
    var leafCount: [Int]
    /// The grower's row buffer (valid until the next tree is grown).
    var rows: SharedBuffer<Int32>
}

/// Grows one tree leaf-wise (best gain first) on binned features, with histogram subtraction.
///
/// Buffers (row partition, ordered gradients, histograms) are allocated once and reused for every tree.
/// Histograms are summed over fixed row blocks (their number depends on the leaf's size, never on the thread
/// count) and reduced in block order; the best split per leaf is reduced in feature order, so the tree does not
/// depend on the thread count.
final class TreeGrower: @unchecked Sendable {
    let binned: BinnedFeatures
    let finder: SplitFinder
    let maxLeaves: Int
    let maxDepth: Int
    let learningRate: Double
    let threads: Int
    let monotone: [Int8]
    /// Feature masks of the interaction groups (ungrouped features as singletons), or nil for no constraint.
    let interactionGroups: [[Bool]]?

    /// Row indices, partitioned so each leaf owns a contiguous segment.
    let rows: SharedBuffer<Int32>
    private let scratch: SharedBuffer<Int32>
    private let orderedGradients: SharedBuffer<Float>
    private let orderedHessians: SharedBuffer<Float>
    private var freeHistograms: [SharedBuffer<Double>] = []
    /// Partial histograms of row blocks 1..<8 (block 0 sums into the target).
    private let partials: [SharedBuffer<Double>]
    /// Start of each feature in a histogram, in doubles.
    private let offsets: [Int]

    /// State of a current leaf.
    private struct Leaf {
        var begin: Int
        var count: Int
        var sums: LeafSums
        var output: Double
        var lower = -Double.infinity
        var upper = Double.infinity
        var depth = 0
        var histogram: SharedBuffer<Double>?
        var best = SplitCandidate()
        /// The internal node whose child this leaf is (−1 for the root) and on which side.
        var parent = -1
        var isLeftChild = false
        var usedFeatures: [Bool] = []
    }

    init(
        binned: BinnedFeatures, finder: SplitFinder, parameters: BoostingParameters, monotone: [Int8],
        interactionGroups: [[Int]]?
    ) {
        self.binned = binned
        self.finder = finder
        maxLeaves = parameters.maxLeaves
        maxDepth = parameters.maxDepth
        learningRate = parameters.learningRate
        threads = parameters.threads
        self.monotone = monotone
        let featureCount = binned.featureCount
        if let groups = interactionGroups {
            var masks: [[Bool]] = groups.map { group in
                var mask = Array(repeating: false, count: featureCount)
                for f in group { mask[f] = true }
                return mask
            }
            let grouped = Set(groups.joined())
            for f in 0..<featureCount where !grouped.contains(f) {
                var mask = Array(repeating: false, count: featureCount)
                mask[f] = true
                masks.append(mask)
            }
            self.interactionGroups = masks
        } else {
            self.interactionGroups = nil
        }
        let n = binned.rowCount
        rows = SharedBuffer(repeating: 0, count: n)
        scratch = SharedBuffer(repeating: 0, count: n)
        orderedGradients = SharedBuffer(repeating: 0, count: n)
        orderedHessians = SharedBuffer(repeating: 0, count: n)
        partials = (0..<7).map { _ in SharedBuffer(repeating: 0, count: binned.totalBins * Histogram.stride) }
        offsets = binned.histogramOffsets.map { $0 * Histogram.stride }
    }

    private func takeHistogram() -> SharedBuffer<Double> {
        if let buffer = freeHistograms.popLast() { return buffer }
        return SharedBuffer(repeating: 0, count: binned.totalBins * Histogram.stride)
    }

    /// The features a leaf may split on: the tree's sample, narrowed by the interaction groups that contain
    /// every feature used above the leaf.
    private func allowedFeatures(used: [Bool], treeFeatures: [Int]) -> [Int] {
        guard let groups = interactionGroups else { return treeFeatures }
        let usedList = used.indices.filter { used[$0] }
        var allowed = Array(repeating: false, count: binned.featureCount)
        for group in groups where usedList.allSatisfy({ group[$0] }) {
            for f in group.indices where group[f] { allowed[f] = true }
        }
        return treeFeatures.filter { allowed[$0] }
    }

    /// Grows a tree on `bag` (sorted rows; nil = all rows) over the features `treeFeatures` (ascending).
    func grow(
        gradients: SharedBuffer<Float>, hessians: SharedBuffer<Float>, bag: [Int32]?, treeFeatures: [Int]
    ) -> GrownTree {
        let rowCount = bag?.count ?? binned.rowCount
        if let bag {
            for i in 0..<rowCount { rows[i] = bag[i] }
        } else {
            for i in 0..<rowCount { rows[i] = Int32(i) }
        }
        var rootSums = LeafSums(count: rowCount)
        for i in 0..<rowCount {
            let row = Int(rows[i])
            rootSums.gradient += Double(gradients[row])
            rootSums.hessian += Double(hessians[row])
        }
        var leaves = [
            Leaf(
                begin: 0, count: rowCount, sums: rootSums, output: finder.output(rootSums),
                usedFeatures: interactionGroups == nil ? [] : Array(repeating: false, count: binned.featureCount))
        ]
        var tree = TreeBuilder()
        var splits: [SplitCandidate] = []

        if canSplit(leaves[0]) && maxLeaves > 1 {
            let features = allowedFeatures(used: leaves[0].usedFeatures, treeFeatures: treeFeatures)
            let histogram = takeHistogram()
            buildHistogram(
                histogram, begin: 0, count: rowCount, totals: rootSums, contiguous: bag == nil, gradients: gradients,
                hessians: hessians)
            leaves[0].histogram = histogram
            leaves[0].best = findSplits(for: [leaves[0]], features: [features])[0]
        }

        while leaves.count < maxLeaves {
            // The leaf with the largest gain; ties go to the lowest leaf index.
            var chosen = -1
            for l in leaves.indices where leaves[l].best.isValid {
                if chosen < 0 || leaves[l].best.gain > leaves[chosen].best.gain { chosen = l }
            }
            guard chosen >= 0 else { break }
            let split = leaves[chosen].best
            let parent = leaves[chosen]
            let node = splits.count
            splits.append(split)
            let newLeaf = leaves.count
            tree.addSplit(
                node: node, split: split, bins: binned.features[split.feature], cover: parent.sums.hessian,
                leftLeaf: chosen, rightLeaf: newLeaf, parent: parent.parent, isLeftChild: parent.isLeftChild)

            let leftCount = partition(
                begin: parent.begin, count: parent.count, split: split,
                missingBin: binned.features[split.feature].missingBin)
            precondition(leftCount == split.left.count, "row partition disagrees with the histogram counts")

            var left = Leaf(
                begin: parent.begin, count: leftCount, sums: split.left, output: split.leftOutput,
                lower: parent.lower, upper: parent.upper, depth: parent.depth + 1, parent: node, isLeftChild: true,
                usedFeatures: parent.usedFeatures)
            var right = Leaf(
                begin: parent.begin + leftCount, count: parent.count - leftCount, sums: split.right,
                output: split.rightOutput, lower: parent.lower, upper: parent.upper, depth: parent.depth + 1,
                parent: node, isLeftChild: false, usedFeatures: parent.usedFeatures)
            if !left.usedFeatures.isEmpty {
                left.usedFeatures[split.feature] = true
                right.usedFeatures[split.feature] = true
            }
            // LightGBM's basic monotone method: children are bounded by the midpoint of their outputs, so no
            // later split below either child can reverse the order.
            let direction = split.isCategorical ? 0 : monotone[split.feature]
            if direction != 0 {
                let middle = (split.leftOutput + split.rightOutput) / 2
                if direction > 0 {
                    left.upper = min(left.upper, middle)
                    right.lower = max(right.lower, middle)
                } else {
                    left.lower = max(left.lower, middle)
                    right.upper = min(right.upper, middle)
                }
            }

            let willSplitMore = leaves.count + 1 < maxLeaves && (canSplit(left) || canSplit(right))
            let parentHistogram = parent.histogram
            leaves[chosen].histogram = nil
            if willSplitMore, let parentHistogram {
                let features = allowedFeatures(used: left.usedFeatures, treeFeatures: treeFeatures)
                let smallerIsLeft = left.count <= right.count
                let smaller = smallerIsLeft ? left : right
                let histogram = takeHistogram()
                buildHistogram(
                    histogram, begin: smaller.begin, count: smaller.count, totals: smaller.sums, contiguous: false,
                    gradients: gradients, hessians: hessians)
                subtract(histogram, from: parentHistogram)
                if smallerIsLeft {
                    left.histogram = histogram
                    right.histogram = parentHistogram
                } else {
                    left.histogram = parentHistogram
                    right.histogram = histogram
                }
                let found = findSplits(
                    for: [left, right],
                    features: [canSplit(left) ? features : [], canSplit(right) ? features : []])
                left.best = found[0]
                right.best = found[1]
            } else if let parentHistogram {
                freeHistograms.append(parentHistogram)
            }
            leaves[chosen] = left
            leaves.append(right)
            // Histograms of leaves that can no longer split are returned to the pool.
            for l in [chosen, newLeaf] where !leaves[l].best.isValid {
                if let histogram = leaves[l].histogram { freeHistograms.append(histogram) }
                leaves[l].histogram = nil
            }
        }
        for l in leaves.indices {
            if let histogram = leaves[l].histogram { freeHistograms.append(histogram) }
        }
        let decisionTree = tree.finish(
            leafValues: leaves.map { $0.output * learningRate }, leafCovers: leaves.map(\.sums.hessian))
        return GrownTree(
            tree: decisionTree, splits: splits, leafBegin: leaves.map(\.begin), leafCount: leaves.map(\.count),
            rows: rows)
    }

    private func canSplit(_ leaf: Leaf) -> Bool {
        leaf.count >= 2 * finder.minSamplesPerLeaf && (maxDepth == 0 || leaf.depth < maxDepth)
    }

    /// Stable partition of a leaf's rows: left rows first, in their order, then right rows.
    ///
    /// The segment is cut into pieces partitioned in parallel (each piece's left rows in place at its start,
    /// its right rows into `scratch` at the same offset), then the pieces' left rows are moved together and
    /// the right rows copied after them. A stable partition is unique, so the pieces cannot change the result.
    private func partition(begin: Int, count: Int, split: SplitCandidate, missingBin: Int) -> Int {
        let pieceCount = min(16, max(1, count / 32_768))
        let pieceSize = (count + pieceCount - 1) / pieceCount
        let column = binned.columns[split.feature]
        // 1 where a bin goes left: one table lookup per row instead of the split's tests.
        let sides: [UInt8] = (0..<256).map { split.goesLeft(bin: $0, missingBin: missingBin) ? 1 : 0 }
        let rows = self.rows
        let scratch = self.scratch
        let leftCounts = Parallel.map(pieceCount, threads: threads) { piece -> Int in
            let first = begin + piece * pieceSize
            let end = min(begin + count, first + pieceSize)
            return column.withUnsafeBufferPointer { bins in
                sides.withUnsafeBufferPointer { sides in
                    let rows = rows.base
                    let scratch = scratch.base - begin
                    var leftCount = 0
                    var rightCount = 0
                    // Branch-free: the row is written to both sides and only one cursor advances (which side a
                    // row takes is unpredictable, so a branch would mispredict about half the time).
                    for i in first..<end {
                        let row = rows[i]
                        let left = Int(sides[Int(bins[Int(row)])])
                        rows[first &+ leftCount] = row
                        scratch[first &+ rightCount] = row
                        leftCount &+= left
                        rightCount &+= 1 &- left
                    }
                    return leftCount
                }
            }
        }
        var leftTotal = 0
        var rightStarts: [Int] = []
        for piece in 0..<pieceCount {
            let first = begin + piece * pieceSize
            // Moving down in piece order never overwrites rows not yet moved.
            if piece > 0 { (rows.base + begin + leftTotal).update(from: rows.base + first, count: leftCounts[piece]) }
            leftTotal += leftCounts[piece]
        }
        var rightTotal = 0
        for piece in 0..<pieceCount {
            rightStarts.append(rightTotal)
            let first = begin + piece * pieceSize
            rightTotal += min(begin + count, first + pieceSize) - first - leftCounts[piece]
        }
        let starts = rightStarts
        let rightBegin = begin + leftTotal
        _ = Parallel.map(pieceCount, threads: threads) { piece -> Int in
            let first = begin + piece * pieceSize
            let size = min(begin + count, first + pieceSize) - first - leftCounts[piece]
            (rows.base + rightBegin + starts[piece]).update(from: scratch.base + (first - begin), count: size)
            return 0
        }
        return leftTotal
    }

    /// Copies the gradients and hessians of `rows[begin + first ..< begin + first + count]` into leaf order.
    private func gather(
        begin: Int, first: Int, count: Int, gradients: SharedBuffer<Float>, hessians: SharedBuffer<Float>
    ) {
        let rows = self.rows.base + begin + first
        let (g, h) = (gradients.base, hessians.base)
        let (og, oh) = (orderedGradients.base + first, orderedHessians.base + first)
        for i in 0..<count {
            let row = Int(rows[i])
            og[i] = g[row]
            oh[i] = h[row]
        }
    }

    /// Builds the histogram (all features) of the rows `rows[begin..<begin+count]`.
    ///
    /// Rows are cut into `min(8, count / 8192)` blocks (a function of the row count alone), each summed into
    /// its own partial histogram by one task; partials are then added in block order, in parallel over bin
    /// ranges, so the sums do not depend on the thread count. `contiguous`: the rows are exactly `0..<count`
    /// (the root without bagging), read without indirection.
    private func buildHistogram(
        _ histogram: SharedBuffer<Double>, begin: Int, count: Int, totals: LeafSums, contiguous: Bool,
        gradients: SharedBuffer<Float>,
        hessians: SharedBuffer<Float>
    ) {
        let blockCount = min(partials.count + 1, max(1, count / 8_192))
        let blockSize = (count + blockCount - 1) / blockCount
        let binned = self.binned
        let rows = self.rows
        let offsets = self.offsets
        let partials = self.partials
        let (orderedGradients, orderedHessians) = (self.orderedGradients, self.orderedHessians)
        let length = histogram.count
        _ = Parallel.map(blockCount, threads: threads) { block in
            let target = block == 0 ? histogram : partials[block - 1]
            target.base.update(repeating: 0, count: length)
            let first = block * blockSize
            let size = min(count, first + blockSize) - first
            guard size > 0 else { return 0 }
            binned.sparseRowStart.withUnsafeBufferPointer { rowStart in
                binned.sparseEntries.withUnsafeBufferPointer { entries in
                    guard let rowStart = rowStart.baseAddress else { return }
                    // No entries at all (every bin is its feature's default): nothing to add.
                    guard let entries = entries.baseAddress else { return }
                    if contiguous {
                        Histogram.accumulateSparse(
                            rowStart: rowStart, entries: entries, rows: nil, first: first, count: size,
                            gradients: gradients.base, hessians: hessians.base, into: target.base)
                    } else {
                        // Each block gathers its own rows' gradients (LightGBM's ordered gradients).
                        self.gather(begin: begin, first: first, count: size, gradients: gradients, hessians: hessians)
                        Histogram.accumulateSparse(
                            rowStart: rowStart, entries: entries, rows: rows.base + begin + first, first: 0,
                            count: size, gradients: orderedGradients.base + first,
                            hessians: orderedHessians.base + first, into: target.base)
                    }
                }
            }
            return 0
        }
        if blockCount > 1 {
            let chunks = 16
            let chunkSize = (length + chunks - 1) / chunks
            _ = Parallel.map(chunks, threads: threads) { chunk in
                let range = min(length, chunk * chunkSize)..<min(length, (chunk + 1) * chunkSize)
                for block in 1..<blockCount {
                    Histogram.add(partials[block - 1].base, to: histogram.base, range: range)
                }
                return 0
            }
        }
        Histogram.recoverDefaultBins(histogram.base, offsets: offsets, defaultBins: binned.defaultBins, totals: totals)
    }

    private func subtract(_ child: SharedBuffer<Double>, from parent: SharedBuffer<Double>) {
        Histogram.subtract(child.base, from: parent.base, range: 0..<parent.count)
    }

    /// The best split of each leaf over its features (one task per leaf and feature, reduced in feature order).
    private func findSplits(for leaves: [Leaf], features: [[Int]]) -> [SplitCandidate] {
        var taskList: [(leaf: Int, feature: Int)] = []
        for l in leaves.indices { for f in features[l] { taskList.append((l, f)) } }
        let tasks = taskList
        let binned = self.binned
        let finder = self.finder
        let monotone = self.monotone
        let histograms = leaves.map(\.histogram)
        let bounds = leaves.map { ($0.sums, $0.lower, $0.upper) }
        let found = Parallel.map(tasks.count, threads: threads) { task -> SplitCandidate in
            let (l, f) = tasks[task]
            guard let histogram = histograms[l] else { return SplitCandidate() }
            return finder.bestSplit(
                feature: f, bins: binned.features[f],
                histogram: histogram.base + binned.histogramOffsets[f] * Histogram.stride, sums: bounds[l].0,
                lower: bounds[l].1, upper: bounds[l].2, monotone: monotone[f])
        }
        var best = Array(repeating: SplitCandidate(), count: leaves.count)
        for (task, candidate) in zip(tasks, found) where candidate.isValid && candidate.gain > best[task.leaf].gain {
            best[task.leaf] = candidate
        }
        return best
    }
}
