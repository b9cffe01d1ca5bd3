import Testing

@testable import RiskScoring

/// Margins of every path (single row, row-major, columnar, threaded) on hand-built and random ensembles.
@Suite struct TreeEnsemblePredictionTests {
    /// `x0 <= 0.5` (NaN right) → [`x1 <= 2` (NaN left) → 1 | 2] | 3; base score 0.25.
    static let numeric = TreeEnsemble(
        featureCount: 2, baseScore: 0.25,
        trees: [
            DecisionTree(
                splitFeature: [0, 1], threshold: [0.5, 2], defaultLeft: [false, true], categorySet: [-1, -1],
                left: [1, ~0], right: [~2, ~1], splitGain: [4, 1], internalCover: [10, 6], leafValue: [1, 2, 3],
                leafCover: [2, 4, 4])
        ])

    /// A categorical split on feature 0 with the set {1, 3, 33} (two words), NaN left; then a constant tree.
    static let categorical = TreeEnsemble(
        featureCount: 1, baseScore: 0,
        trees: [
            DecisionTree(
                splitFeature: [0], threshold: [0], defaultLeft: [true], categorySet: [0], left: [~0], right: [~1],
                splitGain: [1], internalCover: [2], leafValue: [-1, 1], leafCover: [1, 1], categoryOffsets: [0, 2],
                categoryWords: [0b1010, 0b10]),
            DecisionTree(constant: 0.5, cover: 2),
        ])

    /// All paths' margins for `rows`, checked bitwise against each other; returns `margin(_:)`'s.
    func margins(_ ensemble: TreeEnsemble, _ rows: [[Float]]) -> [Double] {
        let single = rows.map { ensemble.margin($0) }
        var batch = [Double](repeating: .nan, count: rows.count)
        ensemble.margins(rowMajor: rowMajor(rows), into: &batch)
        #expect(batch.map(\.bitPattern) == single.map(\.bitPattern))
        ensemble.margins(columns: columns(rows, featureCount: ensemble.featureCount), into: &batch)
        #expect(batch.map(\.bitPattern) == single.map(\.bitPattern))
        return single
    }

    @Test("numeric splits: x <= threshold goes left, equality included")
    func numericSplits() {
        #expect(margins(Self.numeric, [[0.5, 2], [0.4, 2.5], [0.6, -9], [-1, 1]]) == [1.25, 2.25, 3.25, 1.25])
    }

    @Test("missing values follow defaultLeft: right at node 0, left at node 1")
    func missingValues() {
        #expect(margins(Self.numeric, [[.nan, 0], [0, .nan], [.nan, .nan]]) == [3.25, 1.25, 3.25])
    }

    @Test("categorical bitset: codes in the set go left; others, past the words, negative or fractional go right")
    func categoricalSplits() {
        let rows: [[Float]] = [[1], [3], [33], [0], [2], [32], [64], [1_000], [-1], [1.5], [.nan]]
        #expect(margins(Self.categorical, rows) == [-0.5, -0.5, -0.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, -0.5])
        let tree = Self.categorical.trees[0]
        for row in rows {
            #expect(tree.goesLeft(row[0], at: 0) == (Self.categorical.margin(row) < 0))
        }
    }

    @Test("a single-leaf tree adds its value to every row; an ensemble without trees gives the base score")
    func singleLeaf() {
        let ensemble = TreeEnsemble(featureCount: 3, baseScore: -2, trees: [DecisionTree(constant: 0.75)])
        #expect(margins(ensemble, [[0, 1, 2], [.nan, .nan, .nan]]) == [-1.25, -1.25])
        #expect(margins(TreeEnsemble(featureCount: 1, baseScore: 0.5), [[1]]) == [0.5])
        var empty: [Double] = []
        ensemble.margins(rowMajor: [], into: &empty, threads: 2)
        #expect(empty.isEmpty)
    }

    @Test(
        "row-major, columnar and threaded batches equal margin(_:) bitwise on random ensembles",
        arguments: [1, 2, 3, 4] as [UInt64])
    func batchesMatchSingleRows(seed: UInt64) {
        var random = SeededRandomTrees(seed: seed, categorical: (0..<12).map { $0 % 4 == 3 })
        let ensemble = random.ensemble(treeCount: 25, maxLeaves: 31)
        let rows = random.rows(4_200)  // 33 blocks of the kernel, several chunks for the threads
        let single = rows.map { ensemble.margin($0).bitPattern }
        let flat = rowMajor(rows)
        let columnar = columns(rows, featureCount: ensemble.featureCount)
        for threads in [1, 2, 3, 0] {
            var batch = [Double](repeating: .nan, count: rows.count)
            ensemble.margins(rowMajor: flat, into: &batch, threads: threads)
            #expect(batch.map(\.bitPattern) == single, "row-major, \(threads) threads")
            batch = [Double](repeating: .nan, count: rows.count)
            ensemble.margins(columns: columnar, into: &batch, threads: threads)
            #expect(batch.map(\.bitPattern) == single, "columnar, \(threads) threads")
        }
        #expect(ensemble.margins(rowMajor: flat).map(\.bitPattern) == single)
    }

    @Test("margin(_:) is baseScore plus the trees' leaf values in order")
    func marginIsSumOfLeaves() {
        var random = SeededRandomTrees(seed: 9, categorical: [false, true, false])
        let ensemble = random.ensemble(treeCount: 10, maxLeaves: 8)
        for row in random.rows(50) {
            let expected = ensemble.trees.reduce(ensemble.baseScore) { $0 + $1.leafValue[$1.leaf { row[$0] }] }
            #expect(ensemble.margin(row).bitPattern == expected.bitPattern)
        }
    }
}
