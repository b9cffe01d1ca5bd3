import Foundation

/// A child of one level of the hierarchy (a dimension, or an indicator in a dimension) as the weight checks see it.
struct LevelChild {
    /// The child's name, used in messages.
    var name: String
    /// The child's direct weight, if given.
    var weight: Double?
    /// Where the weight is written (or where it would be).
    var weightLocation: ConfigLocation
}

extension IndicatorSystem {
    /// Tolerance for weights summing to 1 and for `a[i][j] · a[j][i] = 1`.
    static let tolerance = 1e-6

    /// Checks the expert weights of one level and returns its comparison matrix, if it has one.
    ///
    /// Direct weights and a comparison matrix are alternatives: a level may have either (or neither, leaving the
    /// weights to be learned), never both. Direct weights must be given on every child or on none, be
    /// non-negative (checked where they are read) and sum to 1 within 1e-6.
    ///
    /// The principal eigenvector and consistency ratio are not computed here; ``ExpertWeights`` does that.
    static func checkLevel(_ level: ConfigNode, comparisons: ConfigNode?, children: [LevelChild]) throws -> [[Double]]?
    {
        let weighted = children.filter { $0.weight != nil }
        if let comparisons {
            if let first = weighted.first { throw ConfigError.weightsAndComparisons(first.weightLocation) }
            return try readComparisons(comparisons, childNames: children.map(\.name))
        }
        guard !weighted.isEmpty else { return nil }
        guard weighted.count == children.count else {
            throw ConfigError.partialWeights(level.location, missing: children.filter { $0.weight == nil }.map(\.name))
        }
        let sum = weighted.reduce(0) { $0 + ($1.weight ?? 0) }
        guard abs(sum - 1) <= tolerance else { throw ConfigError.weightsDoNotSumToOne(level.location, sum: sum) }
        return nil
    }

    /// Reads a pairwise comparison matrix over `childNames` and checks that it is a valid AHP matrix.
    ///
    /// Entries are numbers or fractions written `a/b` (so `1/3` is exact: `0.333` would fail the reciprocity
    /// check). The matrix must be square, sized to the children, positive, with a unit diagonal, and reciprocal:
    /// ```
    /// a[i][i] = 1,   a[i][j] > 0,   |a[i][j] · a[j][i] − 1| ≤ 1e-6
    /// ```
    static func readComparisons(_ node: ConfigNode, childNames: [String]) throws -> [[Double]] {
        let rowNodes = try node.sequence()
        var matrix: [[Double]] = []
        for rowNode in rowNodes {
            let entries = try rowNode.sequence()
            guard entries.count == rowNodes.count else {
                throw ConfigError.comparisonsNotSquare(
                    rowNode.location, row: matrix.count, length: entries.count, expected: rowNodes.count)
            }
            matrix.append(try entries.map(ratio))
        }
        let n = matrix.count
        guard n == childNames.count else {
            throw ConfigError.comparisonsWrongSize(node.location, size: n, children: childNames.count)
        }
        func entryLocation(_ i: Int, _ j: Int) -> ConfigLocation {
            let entry = rowNodes[i].node.sequence?[j]
            return ConfigLocation(
                file: node.file, keyPath: node.keyPath + "[\(i)][\(j)]", line: entry?.mark?.line,
                column: entry?.mark?.column)
        }
        for i in 0..<n {
            for j in 0..<n where !(matrix[i][j] > 0) {
                throw ConfigError.comparisonNotPositive(entryLocation(i, j), row: i, column: j, value: matrix[i][j])
            }
        }
        for i in 0..<n where abs(matrix[i][i] - 1) > tolerance {
            throw ConfigError.comparisonDiagonalNotOne(entryLocation(i, i), index: i, value: matrix[i][i])
        }
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) where abs(matrix[i][j] * matrix[j][i] - 1) > tolerance {
                throw ConfigError.comparisonsNotReciprocal(
                    entryLocation(j, i), row: i, column: j, value: matrix[i][j], mirror: matrix[j][i],
                    rowName: childNames[i], columnName: childNames[j])
            }
        }
        return matrix
    }

    /// One matrix entry: a number, or a fraction `a/b` of two numbers.
    private static func ratio(_ node: ConfigNode) throws -> Double {
        if let value = try? node.double() { return value }
        let expected = "a positive number or a fraction like 1/3"
        guard case .scalar(let scalar) = node.node else { throw node.mismatch(expected) }
        let parts = scalar.string.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let numerator = Double(parts[0].trimmingCharacters(in: .whitespaces)),
            let denominator = Double(parts[1].trimmingCharacters(in: .whitespaces)),
            numerator.isFinite, denominator.isFinite, denominator != 0
        else { throw node.mismatch(expected) }
        return numerator / denominator
    }
}
