import Foundation
import RiskScoring

/// One column of weights a trained learner gives the indicators: its importance shares, in config order.
///
/// Every learner reports here the same way: gradient boosting its mean |TreeSHAP| and gain shares; the network
/// its mean |integrated gradients| share and the scorecard its |coefficient × WOE standard deviation| share, each
/// under its own ``WeightSource``.
public struct LearnedWeights: Sendable, Equatable {
    /// Which learner and measure.
    public var source: WeightSource
    /// Shares per indicator, in config order, summing to 1.
    public var indicators: [Double]
    /// Where they come from, for the table's notes (a file, a sample size).
    public var origin: String

    /// A column of learned weights.
    public init(source: WeightSource, indicators: [Double], origin: String) {
        self.source = source
        self.indicators = indicators
        self.origin = origin
    }

    /// The gradient-boosting columns (mean |SHAP| share, gain share) of an importance table, matched to `system`'s
    /// indicators by name; `file` names the table in errors and notes.
    ///
    /// - Throws: `WeightsError.importanceMismatch` when the table and the system do not list the same indicators.
    public static func gradientBoosting(
        _ importance: ImportanceTable, system: IndicatorSystem, file: String
    ) throws -> [LearnedWeights] {
        var byName: [String: ImportanceTable.Row] = [:]
        for row in importance.indicators { byName[row.name] = row }
        let names = system.indicators.map(\.name)
        let missing = names.filter { byName[$0] == nil }
        let unexpected = importance.indicators.map(\.name).filter { !names.contains($0) }
        guard missing.isEmpty, unexpected.isEmpty else {
            throw WeightsError.importanceMismatch(file: file, missing: missing, unexpected: unexpected)
        }
        func shares(_ values: [Double]) -> [Double] {
            let total = values.reduce(0, +)
            return values.map { total > 0 ? $0 / total : 0 }
        }
        let rows = names.compactMap { byName[$0] }
        return [
            LearnedWeights(
                source: .learnedGBDT, indicators: shares(rows.map(\.meanAbsoluteSHAP)),
                origin: "\(file) (mean |TreeSHAP| over \(importance.sampleRows) rows)"),
            LearnedWeights(source: .learnedGBDTGain, indicators: shares(rows.map(\.gain)), origin: file),
        ]
    }

    /// The gradient-boosting columns of the run written into `directory` by `riskgrade train`.
    ///
    /// - Throws: `WeightsError.unreadableImportance` when its `importance.json` is absent or malformed,
    ///   `.importanceMismatch` as ``gradientBoosting(_:system:file:)``.
    public static func gradientBoosting(runDirectory directory: String, system: IndicatorSystem) throws
        -> [LearnedWeights]
    {
        let file = (directory as NSString).appendingPathComponent(BoostingRun.Outcome.File.importanceJSON)
        let importance: ImportanceTable
        do {
            importance = try JSONDecoder().decode(
                ImportanceTable.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        } catch let error as DecodingError {
            throw WeightsError.unreadableImportance(file: file, reason: "not an importance table: \(error)")
        } catch {
            throw WeightsError.unreadableImportance(file: file, reason: error.localizedDescription)
        }
        return try gradientBoosting(importance, system: system, file: file)
    }

    /// The frozen model's keys of learned weights (`indicatorWeights`) and the columns they fill.
    static let modelSources: [(key: String, source: WeightSource)] = [
        (BoostingRun.Outcome.shapWeightKey, .learnedGBDT), (BoostingRun.Outcome.gainWeightKey, .learnedGBDTGain),
        (NetworkRun.Outcome.weightSource, .learnedNetwork), (ScorecardRun.Outcome.weightSource, .learnedScorecard),
    ]

    /// The learned columns a frozen model carries in its `indicatorWeights` (gradient boosting: mean |TreeSHAP|
    /// and gain shares; network: mean |integrated gradients|; logistic scorecard: |coefficient × WOE standard
    /// deviation|), matched to `system`'s indicators by name and renormalised to sum to 1 over them; `file` names
    /// the model in errors and notes.
    ///
    /// - Throws: `WeightsError.importanceMismatch` when the model and the system do not list the same
    ///   indicators; `.noLearnedWeights` when the model carries none (a weighted scorecard's weights are the
    ///   experts').
    public static func fromModel(_ model: RiskModel, system: IndicatorSystem, file: String) throws
        -> [LearnedWeights]
    {
        let names = system.indicators.map(\.name)
        let featureNames = model.features.map(\.name)
        let missing = names.filter { !featureNames.contains($0) }
        let unexpected = featureNames.filter { !names.contains($0) }
        guard missing.isEmpty, unexpected.isEmpty else {
            throw WeightsError.importanceMismatch(file: file, missing: missing, unexpected: unexpected)
        }
        let columns = modelSources.compactMap { key, source -> LearnedWeights? in
            let values = names.map { model.indicatorWeights[$0]?[key] }
            guard values.contains(where: { $0 != nil }) else { return nil }
            let raw = values.map { max(0, $0 ?? 0) }
            let total = raw.reduce(0, +)
            return LearnedWeights(
                source: source, indicators: raw.map { total > 0 ? $0 / total : 0 },
                origin: "\(file) (\(model.identity.name) \(model.identity.version), \(model.body.kind) \"\(key)\")")
        }
        guard !columns.isEmpty else {
            throw WeightsError.noLearnedWeights(
                file: file, keys: Array(Set(model.indicatorWeights.values.flatMap(\.keys))).sorted())
        }
        return columns
    }
}
