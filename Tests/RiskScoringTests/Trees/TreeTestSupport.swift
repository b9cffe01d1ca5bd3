@testable import RiskScoring

/// Random ensembles and rows come from `SeededRandomTrees` (in RiskScoring, shared with `TreeBenchmark`).

/// Shapley values by their definition, from the path-dependent conditional expectation:
/// ```
/// v(S) = E[f(x) | x_S]: at a split on a feature in S follow the row, otherwise average the children
///        weighted by cover;   phi_i = Σ_{S ⊆ M∖{i}} |S|!(M−|S|−1)!/M! (v(S ∪ {i}) − v(S))
/// ```
/// Exponential in the feature count: for tiny ensembles only.
enum BruteForceShapley {
    static func values(_ ensemble: TreeEnsemble, row: [Float]) -> (bias: Double, phi: [Double]) {
        let m = ensemble.featureCount
        let subsets = 1 << m
        let value = (0..<subsets).map { v(ensemble, row: row, subset: $0) }
        var factorial = [1.0]
        for k in 1...max(m, 1) { factorial.append(factorial[k - 1] * Double(k)) }
        var phi = [Double](repeating: 0, count: m)
        for i in 0..<m {
            for subset in 0..<subsets where subset & (1 << i) == 0 {
                let size = subset.nonzeroBitCount
                let weight = factorial[size] * factorial[m - size - 1] / factorial[m]
                phi[i] += weight * (value[subset | 1 << i] - value[subset])
            }
        }
        return (value[0], phi)
    }

    static func v(_ ensemble: TreeEnsemble, row: [Float], subset: Int) -> Double {
        ensemble.trees.reduce(ensemble.baseScore) { $0 + v($1, row: row, subset: subset, child: 0) }
    }

    static func v(_ tree: DecisionTree, row: [Float], subset: Int, child: Int32) -> Double {
        guard child >= 0, !tree.splitFeature.isEmpty else { return tree.leafValue[child >= 0 ? 0 : Int(~child)] }
        let node = Int(child)
        let feature = Int(tree.splitFeature[node])
        if subset & (1 << feature) != 0 {
            let next = tree.goesLeft(row[feature], at: node) ? tree.left[node] : tree.right[node]
            return v(tree, row: row, subset: subset, child: next)
        }
        let total = tree.internalCover[node]
        guard total > 0 else { return 0 }
        let leftShare = cover(of: tree, tree.left[node]) / total
        let rightShare = cover(of: tree, tree.right[node]) / total
        return leftShare * v(tree, row: row, subset: subset, child: tree.left[node]) + rightShare
            * v(tree, row: row, subset: subset, child: tree.right[node])
    }

    static func cover(of tree: DecisionTree, _ child: Int32) -> Double {
        child >= 0 ? tree.internalCover[Int(child)] : tree.leafCover[Int(~child)]
    }
}

/// Whether `a` and `b` agree to a relative 1e-9 (absolute below 1e-6 in magnitude).
func close(_ a: Double, _ b: Double, relative: Double = 1e-9) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b), 1e-6)
}

/// The row-major form of `rows`.
func rowMajor(_ rows: [[Float]]) -> [Float] { rows.flatMap { $0 } }

/// The columnar form of `rows` (one array per feature).
func columns(_ rows: [[Float]], featureCount: Int) -> [[Float]] {
    (0..<featureCount).map { f in rows.map { $0[f] } }
}
