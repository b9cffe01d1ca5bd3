import Yams

/// The gates a challenger must pass to replace the champion in `riskgrade compare` (the `compare` section of a
/// config). The verdict lists every gate with its value and threshold; the challenger is promoted only when all
/// pass.
public struct ComparisonGates: Equatable, Sendable, Codable {
    /// The largest AUC drop on random inspections allowed, `AUC(champion) − AUC(challenger)`, in `[-1, 1]`; a
    /// negative value demands that the challenger be better by at least its size. Default: `0.005`.
    public var maxAUCDrop: Double
    /// Whether the challenger's discovery rates on random inspections must rise strictly from A to D (every grade
    /// inspected). Default: `true`.
    public var requireMonotone: Bool
    /// The largest PSI allowed between the champion's and the challenger's score distributions on the same
    /// enterprises (bins at the deciles of the champion's scores), `≥ 0`. Default: `0.25`, above which a shift
    /// is commonly read as calling for action.
    public var maxScorePSI: Double

    /// Gates; the defaults are the documented ones.
    public init(maxAUCDrop: Double = 0.005, requireMonotone: Bool = true, maxScorePSI: Double = 0.25) {
        self.maxAUCDrop = maxAUCDrop
        self.requireMonotone = requireMonotone
        self.maxScorePSI = maxScorePSI
    }

    /// The keys the `compare` mapping may hold.
    static let keys = ["max_auc_drop", "require_monotone", "max_score_psi"]

    /// Reads and validates the `compare` section; an absent section takes every default.
    init(parsing node: ConfigNode?) throws {
        guard let node else {
            self.init()
            return
        }
        let map = try node.mapping(keys: ComparisonGates.keys)
        let defaults = ComparisonGates()
        self.init(
            maxAUCDrop: try map.optional("max_auc_drop")?.double(in: .closed(-1, 1)) ?? defaults.maxAUCDrop,
            requireMonotone: try map.optional("require_monotone")?.flag() ?? defaults.requireMonotone,
            maxScorePSI: try map.optional("max_score_psi")?.double(in: .atLeast(0)) ?? defaults.maxScorePSI)
    }
}
