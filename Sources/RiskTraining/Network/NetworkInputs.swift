import Foundation
import RiskScoring

/// Rows encoded as network inputs for training: the dense block (standardised values, then missing
/// indicators, as ``NeuralNetwork`` lays them out) row-major, and per categorical feature the index of the
/// row's one-hot input inside the one-hot block (or -1: missing or unseen, all zeros).
///
/// A one-hot block times the first layer's weights is the weight row of the category, so the trainer adds
/// that row instead of multiplying by zeros: the same model as the one-hot product, at a fraction of the cost.
public struct EncodedRows<T: BLASScalar>: Sendable {
    /// Number of rows.
    public var rows: Int
    /// Inputs per row in the dense block.
    public var denseWidth: Int
    /// `rows × denseWidth`, row-major.
    public var dense: [T]
    /// Categorical features per row.
    public var categoricalCount: Int
    /// `rows × categoricalCount`, row-major: index into the one-hot block, or -1.
    public var codes: [Int32]
    /// Inputs in the one-hot block.
    public var oneHotWidth: Int
}

/// Fitting the input encoding on training columns, and encoding columns with it.
public enum NetworkInputs {
    /// The input encoding of each feature, from the training columns (one `Float` column per feature, NaN for
    /// missing; category codes in `0..<categoryCounts[f]` for a categorical feature, whose count is non-nil).
    ///
    /// A numeric feature is standardised by the mean and population standard deviation of its present
    /// values (scale 1 when it does not vary; mean 0 when it has no values) and gets a missing indicator when
    /// any training value is missing. A categorical feature is one-hot over its vocabulary; the shares of its
    /// categories and of missing values are training means (the attribution baseline).
    ///
    /// - Complexity: O(rows × features).
    public static func fit(columns: [[Float]], categoryCounts: [Int?]) -> [NeuralNetwork.InputEncoding] {
        precondition(columns.count == categoryCounts.count, "one category count (or nil) per column")
        return zip(columns, categoryCounts).map { column, categories in
            let rows = Double(max(column.count, 1))
            if let categories {
                var counts = [Double](repeating: 0, count: categories)
                for value in column where !value.isNaN {
                    let code = Int(value)
                    if code >= 0, code < categories { counts[code] += 1 }
                }
                return .oneHot(shares: counts.map { $0 / rows })
            }
            var sum = 0.0
            var present = 0
            for value in column where !value.isNaN {
                sum += Double(value)
                present += 1
            }
            let mean = present > 0 ? sum / Double(present) : 0
            var squares = 0.0
            for value in column where !value.isNaN {
                let d = Double(value) - mean
                squares += d * d
            }
            let deviation = present > 0 ? (squares / Double(present)).squareRoot() : 0
            let missing = column.count - present
            return .standardized(
                mean: mean, scale: deviation > 0 && deviation.isFinite ? deviation : 1,
                missingIndicator: missing > 0, missingShare: Double(missing) / rows)
        }
    }

    /// The selected columns' rows encoded by `network`'s input encoding.
    ///
    /// - Complexity: O(rows × features).
    public static func encode<T: BLASScalar>(columns: [[Float]], network: NeuralNetwork) -> EncodedRows<T> {
        precondition(columns.count == network.featureCount, "one column per feature")
        let layout = network.layout
        let rows = columns.first?.count ?? 0
        let categorical = network.inputs.indices.filter { layout.oneHot[$0] >= 0 }
        let oneHotStart = layout.oneHot.filter { $0 >= 0 }.min() ?? layout.width
        let denseWidth = oneHotStart
        var dense = [T](repeating: 0, count: rows * denseWidth)
        var codes = [Int32](repeating: -1, count: rows * categorical.count)
        for (f, input) in network.inputs.enumerated() {
            let column = columns[f]
            switch input {
            case .standardized(let mean, let scale, let indicator, _):
                let slot = layout.value[f]
                let flag = layout.indicator[f]
                for r in 0..<rows {
                    let value = column[r]
                    if value.isNaN {
                        if indicator { dense[r * denseWidth + flag] = 1 }
                    } else {
                        dense[r * denseWidth + slot] = T((Double(value) - mean) / scale)
                    }
                }
            case .oneHot(let shares):
                guard let c = categorical.firstIndex(of: f) else { continue }
                let offset = layout.oneHot[f] - oneHotStart
                for r in 0..<rows {
                    let value = column[r]
                    if value >= 0, value < Float(shares.count), value == value.rounded(.towardZero) {
                        codes[r * categorical.count + c] = Int32(offset + Int(value))
                    }
                }
            }
        }
        return EncodedRows(
            rows: rows, denseWidth: denseWidth, dense: dense, categoricalCount: categorical.count, codes: codes,
            oneHotWidth: layout.width - oneHotStart)
    }
}
