/// The outputs of a batch of rows, in columns, reused from batch to batch: a worker keeps one and passes it
/// to ``Scorer/score(rowMajor:rowCount:reasons:threads:into:)`` again and again, so scoring allocates only
/// when a batch is larger than any before.
///
/// Row `i` has ``margins``[i], ``probabilities``[i], ``scores``[i], ``scoreGrades``[i], ``grades``[i] (nil
/// when a hard rule excludes the enterprise), ``hardRules``[i] (the index of the last hard rule that applied,
/// −1 for none) and ``reasonCount(row:)`` reason codes ``reason(row:_:)``.
public struct ScoredRows: Sendable {
    /// The number of rows.
    public private(set) var count = 0
    /// The most reason codes a row holds.
    public private(set) var reasonLimit = 0
    /// The margin (log-odds) per row.
    public internal(set) var margins: [Double] = []
    /// The probability of a hit per row.
    public internal(set) var probabilities: [Double] = []
    /// The 0-1000 score per row.
    public internal(set) var scores: [Double] = []
    /// The grade of the score by the cut-offs alone, per row.
    public internal(set) var scoreGrades: [Grade] = []
    /// The grade after the hard rules, per row; nil when the enterprise is excluded.
    public internal(set) var grades: [Grade?] = []
    /// The index in the model's hard rules of the last rule that applied, per row; −1 when none did.
    public internal(set) var hardRules: [Int32] = []
    /// Row `i`'s reason codes are the features `reasonFeatures[i·reasonLimit ..< (i+1)·reasonLimit]`, −1
    /// after the last.
    public internal(set) var reasonFeatures: [Int32] = []
    /// The contributions of ``reasonFeatures``: in margin units for trees and networks, in points for
    /// scorecards (the points lost against the indicator's best bin).
    public internal(set) var reasonContributions: [Double] = []
    /// Every row's contributions (TreeSHAP, integrated gradients or points lost), row-major (featureCount a
    /// row), when reasons were asked for.
    public internal(set) var contributions: [Double] = []
    /// The bias of ``contributions``: bias + Σ_f contributions = margin, up to rounding (trees and networks;
    /// 0 for scorecards, whose points lost do not sum to the margin).
    public internal(set) var contributionBias = 0.0

    /// Empty outputs.
    public init() {}

    /// The number of reason codes of row `row`.
    public func reasonCount(row: Int) -> Int {
        var n = 0
        while n < reasonLimit, reasonFeatures[row * reasonLimit + n] >= 0 { n += 1 }
        return n
    }

    /// Reason code `k` of row `row`: the feature index and its contribution.
    public func reason(row: Int, _ k: Int) -> (feature: Int, contribution: Double) {
        precondition(k < reasonCount(row: row), "row \(row) has \(reasonCount(row: row)) reason codes")
        return (Int(reasonFeatures[row * reasonLimit + k]), reasonContributions[row * reasonLimit + k])
    }

    /// Sizes every column for `count` rows and `reasons` reason codes a row, keeping capacity.
    mutating func resize(count: Int, reasons: Int, featureCount: Int) {
        self.count = count
        reasonLimit = reasons
        Self.fit(&margins, count, 0)
        Self.fit(&probabilities, count, 0)
        Self.fit(&scores, count, 0)
        Self.fit(&scoreGrades, count, .a)
        Self.fit(&grades, count, nil)
        Self.fit(&hardRules, count, -1)
        Self.fit(&reasonFeatures, count * reasons, -1)
        Self.fit(&reasonContributions, count * reasons, 0)
        Self.fit(&contributions, reasons > 0 ? count * featureCount : 0, 0)
    }

    private static func fit<T>(_ array: inout [T], _ count: Int, _ filler: T) {
        if array.count != count {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: repeatElement(filler, count: count))
        }
    }
}

/// One reason code: an indicator whose value raised the enterprise's risk, by how much, and the value.
public struct ReasonCode: Sendable, Equatable {
    /// The indicator's name.
    public var indicator: String
    /// Its feature index in the model.
    public var feature: Int
    /// The indicator's declared risk direction: `increasing` reads "high", `decreasing` "low".
    public var direction: RiskDirection
    /// The TreeSHAP contribution to the margin (log-odds), always positive.
    public var contribution: Double
    /// The value that caused it, as the model read it (``Scorer/text(ofValue:feature:)``): a category, or a
    /// number's shortest text (`3`, `140.55`; `0` for an empty count read as zero); nil when missing or an
    /// unseen category.
    public var value: String?

    /// A reason code from its parts.
    public init(indicator: String, feature: Int, direction: RiskDirection, contribution: Double, value: String?) {
        self.indicator = indicator
        self.feature = feature
        self.direction = direction
        self.contribution = contribution
        self.value = value
    }
}

/// The score of one record.
public struct ScoredRecord: Sendable, Equatable {
    /// The margin (log-odds).
    public var margin: Double
    /// The probability of a hit.
    public var probability: Double
    /// The 0-1000 score.
    public var score: Double
    /// The grade of the score by the cut-offs alone.
    public var scoreGrade: Grade
    /// The grade after the hard rules; nil when a rule excludes the enterprise.
    public var grade: Grade?
    /// The last hard rule that applied, if any.
    public var hardRule: HardRule?
    /// The reason codes, largest contribution first.
    public var reasons: [ReasonCode]
}
