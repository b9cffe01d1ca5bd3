/// A broken invariant of a `TreeEnsemble`, found by `checkInvariants()`; each case names the tree, the node
/// (internal node, or leaf where the field is a leaf array) and the stored field at fault.
///
/// The model loader refuses a model that fails the check: such a file is corrupted or was written by a
/// faulty trainer, and scoring with it would give wrong grades or crash.
public enum TreeEnsembleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `featureCount` is negative or `baseScore` is not finite.
    case invalidEnsemble(field: String, value: String)
    /// A per-node array has the wrong length (a decoded tree bypasses `init`'s checks).
    case arrayLength(tree: Int, field: String, expected: Int, found: Int)
    /// A child index points outside the tree.
    case childOutOfRange(tree: Int, node: Int, field: String, child: Int32)
    /// A node or leaf is the child of two nodes (or the root is someone's child): the arrays form no tree.
    case nodeReachedTwice(tree: Int, node: Int, field: String, child: Int32)
    /// An internal node or leaf is not reached from the root.
    case nodeUnreachable(tree: Int, node: Int, field: String)
    /// A split uses a feature outside `0..<featureCount`.
    case featureOutOfRange(tree: Int, node: Int, feature: Int32, featureCount: Int)
    /// A categorical split names a set that does not exist, or `categoryOffsets` do not delimit
    /// `categoryWords` (first 0, non-decreasing, last = word count).
    case categorySetOutOfRange(tree: Int, node: Int, field: String, value: Int)
    /// A cover (hessian sum) is negative or not finite.
    case invalidCover(tree: Int, node: Int, field: String, value: Double)
    /// An internal node's cover differs from the sum of its children's covers by more than 1e-6 relative.
    case coverMismatch(tree: Int, node: Int, cover: Double, childrenSum: Double)
    /// A leaf value, threshold or split gain is NaN or infinite.
    case nonFinite(tree: Int, node: Int, field: String, value: Double)

    /// The tree at fault, or nil for an ensemble-level field.
    public var tree: Int? {
        switch self {
        case .invalidEnsemble: nil
        case .arrayLength(let tree, _, _, _), .childOutOfRange(let tree, _, _, _),
            .nodeReachedTwice(let tree, _, _, _), .nodeUnreachable(let tree, _, _),
            .featureOutOfRange(let tree, _, _, _), .categorySetOutOfRange(let tree, _, _, _),
            .invalidCover(let tree, _, _, _), .coverMismatch(let tree, _, _, _), .nonFinite(let tree, _, _, _):
            tree
        }
    }

    /// The internal node (or leaf, for `leafValue` and `leafCover`; or index into `categoryOffsets`) at
    /// fault, or nil when the fault is not one node's.
    public var node: Int? {
        switch self {
        case .invalidEnsemble, .arrayLength: nil
        case .childOutOfRange(_, let node, _, _), .nodeReachedTwice(_, let node, _, _),
            .nodeUnreachable(_, let node, _),
            .featureOutOfRange(_, let node, _, _), .categorySetOutOfRange(_, let node, _, _),
            .invalidCover(_, let node, _, _), .coverMismatch(_, let node, _, _), .nonFinite(_, let node, _, _):
            node
        }
    }

    /// The stored field at fault.
    public var field: String {
        switch self {
        case .invalidEnsemble(let field, _), .arrayLength(_, let field, _, _), .childOutOfRange(_, _, let field, _),
            .nodeReachedTwice(_, _, let field, _), .nodeUnreachable(_, _, let field),
            .categorySetOutOfRange(_, _, let field, _), .invalidCover(_, _, let field, _),
            .nonFinite(_, _, let field, _):
            field
        case .featureOutOfRange: "splitFeature"
        case .coverMismatch: "internalCover"
        }
    }

    public var description: String {
        let fix = "the model file is corrupted or was written by a faulty trainer; retrain or restore it"
        switch self {
        case .invalidEnsemble(let field, let value):
            return "tree ensemble: \(field) is \(value), which no model can have; \(fix)"
        case .arrayLength(let tree, let field, let expected, let found):
            return "tree \(tree): \(field) has \(found) entries, expected \(expected); \(fix)"
        case .childOutOfRange(let tree, let node, let field, let child):
            return "tree \(tree), node \(node): \(field) child \(child) points outside the tree; \(fix)"
        case .nodeReachedTwice(let tree, let node, let field, let child):
            let target = child >= 0 ? "node \(child)" : "leaf \(~child)"
            return "tree \(tree), node \(node): \(field) child \(target) is already reached from the root "
                + "another way, so the arrays form no tree; \(fix)"
        case .nodeUnreachable(let tree, let node, let field):
            let kind = field == "leafValue" ? "leaf" : "node"
            return "tree \(tree), \(kind) \(node): not reached from the root; \(fix)"
        case .featureOutOfRange(let tree, let node, let feature, let featureCount):
            return "tree \(tree), node \(node): splitFeature \(feature) is outside 0..<\(featureCount); "
                + "the model does not match this feature list; \(fix)"
        case .categorySetOutOfRange(let tree, let node, let field, let value):
            return "tree \(tree), node \(node): \(field) \(value) is out of range; \(fix)"
        case .invalidCover(let tree, let node, let field, let value):
            return "tree \(tree), node \(node): \(field) is \(value), expected a finite hessian sum ≥ 0; \(fix)"
        case .coverMismatch(let tree, let node, let cover, let childrenSum):
            return "tree \(tree), node \(node): internalCover \(cover) differs from its children's sum "
                + "\(childrenSum) by more than 1e-6 relative; \(fix)"
        case .nonFinite(let tree, let node, let field, let value):
            return "tree \(tree), node \(node): \(field) is \(value), expected a finite number; \(fix)"
        }
    }
}
