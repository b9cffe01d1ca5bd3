import RiskScoring

/// A split that breaks a monotone constraint: in `tree`, at internal `node` on `feature`, some leaf on the
/// lower side outputs more (direction +1) or less (−1) than some leaf on the upper side.
public struct MonotoneViolation: Sendable, Equatable, CustomStringConvertible {
    public var tree: Int
    public var node: Int
    public var feature: Int
    public var direction: Int8
    /// The lower side's extreme output and the upper side's opposite extreme.
    public var lowerSide: Double
    public var upperSide: Double

    public var description: String {
        "tree \(tree), node \(node): split on feature \(feature) (direction \(direction)) has lower-side output "
            + "\(lowerSide) against upper-side output \(upperSide)"
    }
}

/// Certifies that an ensemble is monotone in each constrained feature.
///
/// A tree is monotone non-decreasing in feature `f` if at every split on `f` every leaf below the left child
/// outputs at most every leaf below the right child: two inputs differing only in `x_f` part ways first at
/// such a split, the lower value going left. A sum of monotone trees is monotone. A categorical split on a
/// constrained feature cannot be certified and is reported.
public enum MonotoneVerifier {
    /// Every violating split; empty means certified.
    /// - Complexity: O(nodes) per tree.
    public static func violations(in ensemble: TreeEnsemble, directions: [Int8]) -> [MonotoneViolation] {
        precondition(directions.count == ensemble.featureCount, "one direction per feature")
        var found: [MonotoneViolation] = []
        for (t, tree) in ensemble.trees.enumerated() where !tree.splitFeature.isEmpty {
            var low = Array(repeating: 0.0, count: tree.splitFeature.count)
            var high = low
            // Children have larger numbers than parents only for the left chain; compute bounds recursively.
            func bounds(_ child: Int32) -> (Double, Double) {
                if child < 0 { let v = tree.leafValue[Int(~child)]; return (v, v) }
                return (low[Int(child)], high[Int(child)])
            }
            func visit(_ node: Int) {
                for child in [tree.left[node], tree.right[node]] where child >= 0 { visit(Int(child)) }
                let (leftLow, leftHigh) = bounds(tree.left[node])
                let (rightLow, rightHigh) = bounds(tree.right[node])
                low[node] = min(leftLow, rightLow)
                high[node] = max(leftHigh, rightHigh)
                let feature = Int(tree.splitFeature[node])
                let direction = directions[feature]
                guard direction != 0 else { return }
                let categorical = tree.categorySet[node] >= 0
                if categorical || (direction > 0 && leftHigh > rightLow) || (direction < 0 && leftLow < rightHigh) {
                    found.append(
                        MonotoneViolation(
                            tree: t, node: node, feature: feature, direction: direction,
                            lowerSide: direction > 0 ? leftHigh : leftLow,
                            upperSide: direction > 0 ? rightLow : rightHigh))
                }
            }
            visit(0)
        }
        return found
    }
}
