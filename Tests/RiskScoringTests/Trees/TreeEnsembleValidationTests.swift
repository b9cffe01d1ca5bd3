import Testing

@testable import RiskScoring

/// `checkInvariants()` accepts well-formed ensembles and names tree, node and field of each corruption.
@Suite struct TreeEnsembleValidationTests {
    /// Tree 1 of `valid`: node 0 `x0 <= 0.5` → node 1 | node 2; node 1 categorical set 0 → leaf 0 | leaf 1;
    /// node 2 `x2 <= 1` → leaf 2 | leaf 3. Leaf covers 1, 2, 3, 4.
    static let valid = TreeEnsemble(
        featureCount: 3, baseScore: -1,
        trees: [
            DecisionTree(constant: 0.1, cover: 10),
            DecisionTree(
                splitFeature: [0, 1, 2], threshold: [0.5, 0, 1], defaultLeft: [true, false, true],
                categorySet: [-1, 0, -1], left: [1, ~0, ~2], right: [2, ~1, ~3], splitGain: [3, 2, 1],
                internalCover: [10, 3, 7], leafValue: [0.1, -0.2, 0.3, -0.4], leafCover: [1, 2, 3, 4],
                categoryOffsets: [0, 2], categoryWords: [0b110, 1]),
        ])

    /// One corruption of tree 1 (or of the ensemble) and where the checker must point.
    struct Corruption: Sendable, CustomTestStringConvertible {
        let name: String
        let tree: Int?
        let node: Int?
        let field: String
        let apply: @Sendable (inout TreeEnsemble) -> Void
        var testDescription: String { name }
    }

    static let corruptions: [Corruption] = [
        Corruption(name: "short threshold array", tree: 1, node: nil, field: "threshold") {
            $0.trees[1].threshold.removeLast()
        },
        Corruption(name: "leafCount ≠ internal + 1", tree: 1, node: nil, field: "leafValue") {
            $0.trees[1].leafValue.append(0)
        },
        Corruption(name: "child node out of range", tree: 1, node: 0, field: "left") { $0.trees[1].left[0] = 7 },
        Corruption(name: "child leaf out of range", tree: 1, node: 2, field: "right") { $0.trees[1].right[2] = ~9 },
        Corruption(name: "node reached twice", tree: 1, node: 0, field: "right") { $0.trees[1].right[0] = 1 },
        Corruption(name: "cycle back to the root", tree: 1, node: 1, field: "left") { $0.trees[1].left[1] = 0 },
        Corruption(name: "leaf reached twice", tree: 1, node: 1, field: "right") { $0.trees[1].right[1] = ~0 },
        Corruption(name: "internal node unreachable", tree: 1, node: 2, field: "splitFeature") {
            $0.trees[1].right[0] = ~3
        },
        Corruption(name: "feature ≥ featureCount", tree: 1, node: 2, field: "splitFeature") {
            $0.trees[1].splitFeature[2] = 3
        },
        Corruption(name: "negative feature", tree: 1, node: 0, field: "splitFeature") {
            $0.trees[1].splitFeature[0] = -1
        },
        Corruption(name: "category set out of range", tree: 1, node: 1, field: "categorySet") {
            $0.trees[1].categorySet[1] = 1
        },
        Corruption(name: "categoryOffsets past the words", tree: 1, node: 1, field: "categoryOffsets") {
            $0.trees[1].categoryOffsets = [0, 3]
        },
        Corruption(name: "negative leaf cover", tree: 1, node: 0, field: "leafCover") {
            $0.trees[1].leafCover[0] = -1
        },
        Corruption(name: "NaN internal cover", tree: 1, node: 1, field: "internalCover") {
            $0.trees[1].internalCover[1] = .nan
        },
        Corruption(name: "cover ≠ children's sum", tree: 1, node: 0, field: "internalCover") {
            $0.trees[1].internalCover[0] = 10.001
        },
        Corruption(name: "infinite leaf value", tree: 1, node: 3, field: "leafValue") {
            $0.trees[1].leafValue[3] = .infinity
        },
        Corruption(name: "NaN threshold", tree: 1, node: 0, field: "threshold") { $0.trees[1].threshold[0] = .nan },
        Corruption(name: "infinite split gain", tree: 1, node: 2, field: "splitGain") {
            $0.trees[1].splitGain[2] = .infinity
        },
        Corruption(name: "NaN base score", tree: nil, node: nil, field: "baseScore") { $0.baseScore = .nan },
    ]

    @Test("well-formed hand-built and random ensembles pass")
    func validPasses() throws {
        try Self.valid.checkInvariants()
        for seed: UInt64 in 1...5 {
            var random = SeededRandomTrees(seed: seed, categorical: (0..<8).map { $0 % 3 == 0 })
            try random.ensemble(treeCount: 20, maxLeaves: 31).checkInvariants()
        }
        // Covers within 1e-6 relative of their children's sum pass.
        var nearly = Self.valid
        nearly.trees[1].internalCover[0] = 10 * (1 + 1e-7)
        try nearly.checkInvariants()
    }

    @Test("each corruption throws an error naming its tree, node and field", arguments: corruptions)
    func corruptionIsNamed(_ corruption: Corruption) {
        var ensemble = Self.valid
        corruption.apply(&ensemble)
        do {
            try ensemble.checkInvariants()
            Issue.record("\(corruption.name): no error thrown")
        } catch {
            #expect(error.tree == corruption.tree, "\(error)")
            #expect(error.node == corruption.node, "\(error)")
            #expect(error.field == corruption.field, "\(error)")
            #expect(error.description.contains("retrain or restore"))
        }
    }
}
