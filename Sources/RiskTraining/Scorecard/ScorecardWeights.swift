import Foundation
import RiskScoring

/// The indicator weights a weighted scorecard scores with: one column of a weights table (the `weights.json`
/// `riskgrade weights` writes: `expert`, `entropy`, `critic`, `coefficient_of_variation`, `learned_*`,
/// `<learned>_shrunk` or `blend`), or without a table the config's expert weights; matched to the model's
/// indicators by name and renormalised to sum to 1 over them.
///
/// ```
/// weight_f = w_f / Σ_g w_g      (w ≥ 0 from the column; an indicator the column gives no weight counts 0)
/// ```
public struct ScorecardWeights: Sendable, Equatable {
    /// The column's name (`model.scorecard.weights`).
    public var column: String
    /// The weights table's path as given; `nil` for the config's expert weights.
    public var path: String?
    /// The weights table's name and SHA-256, as the frozen model records it; `nil` for the config's weights.
    public var file: TrainingRecord.InputFile?
    /// Per feature, in feature order: the renormalised weight.
    public var weights: [Double]
    /// Indicators the column gives no weight (an objective column on a categorical indicator): weight 0.
    public var unweighted: [String]

    /// The config's expert weights (AHP or direct) of `features`; `configFile` names the config in errors.
    ///
    /// - Throws: `WeightsError` for inconsistent comparisons, `ScorecardError.noWeights` when no indicator has a
    ///   positive weight.
    public static func expert(config: ExperimentConfig, configFile: String, features: [String]) throws
        -> ScorecardWeights
    {
        let expert = try ExpertWeights(system: config.indicatorSystem, file: configFile)
        var byName: [String: Double] = [:]
        for (indicator, weight) in zip(config.indicatorSystem.indicators, expert.indicators) {
            byName[indicator.name] = weight
        }
        return try normalised(
            column: WeightSource.expert.rawValue, path: nil, file: nil, raw: features.map { byName[$0] },
            features: features,
            source: configFile)
    }

    /// Column `column` of the weights table at `path` for `features`.
    ///
    /// - Throws: `ScorecardError.unreadableWeights` when the file is not a weights table,
    ///   `.unknownWeightsColumn` when it lacks the column, `.weightsMismatch` when its indicators are not
    ///   exactly `features`, `.invalidWeight` for a negative weight, `.noWeights` when none is positive.
    public static func load(path: String, column: String, features: [String]) throws -> ScorecardWeights {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScorecardError.unreadableWeights(file: path, reason: error.localizedDescription)
        }
        let table: TableFile
        do {
            table = try JSONDecoder().decode(TableFile.self, from: data)
        } catch let error as DecodingError {
            throw ScorecardError.unreadableWeights(file: path, reason: Self.describe(error))
        }
        let columns = table.columns.map(\.name)
        guard columns.contains(column) else {
            throw ScorecardError.unknownWeightsColumn(file: path, column: column, available: columns)
        }
        let listed = table.indicators.map(\.name)
        let missing = features.filter { !listed.contains($0) }
        let extra = listed.filter { !features.contains($0) }
        guard missing.isEmpty, extra.isEmpty else {
            throw ScorecardError.weightsMismatch(file: path, missing: missing, extra: extra)
        }
        var byName: [String: Double?] = [:]
        for (i, row) in table.indicators.enumerated() {
            let value = row.weights[column]
            if let value, !(value >= 0 && value.isFinite) {
                throw ScorecardError.invalidWeight(
                    file: path, field: "indicators[\(i)].weights.\(column)", indicator: row.name, value: value)
            }
            byName[row.name] = value
        }
        let file = try TrainingRecord.InputFile.digest(of: path, name: (path as NSString).lastPathComponent)
        return try normalised(
            column: column, path: path, file: file, raw: features.map { byName[$0] ?? nil }, features: features,
            source: path)
    }

    /// The weights renormalised to sum to 1; an absent weight counts 0 and is listed in ``unweighted``.
    static func normalised(
        column: String, path: String?, file: TrainingRecord.InputFile?, raw: [Double?], features: [String],
        source: String
    ) throws -> ScorecardWeights {
        let total = raw.reduce(0) { $0 + ($1 ?? 0) }
        guard total > 0 else { throw ScorecardError.noWeights(column: column, file: source) }
        return ScorecardWeights(
            column: column, path: path, file: file, weights: raw.map { ($0 ?? 0) / total },
            unweighted: zip(features, raw).filter { $0.1 == nil }.map(\.0))
    }

    /// The part of `weights.json` (``WeightsTable``) a scorecard reads.
    private struct TableFile: Decodable {
        struct Column: Decodable { var name: String }
        struct Row: Decodable {
            var name: String
            var weights: [String: Double]
        }
        var columns: [Column]
        var indicators: [Row]
    }

    /// A decoding error as the field it concerns and what was wrong.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            let text = keys.joined().drop { $0 == "." }
            return text.isEmpty ? "the top level" : String(text)
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)): no field \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

extension ScorecardParameters {
    /// The names `model.scorecard.weights` accepts: every ``WeightSource``, each learned source's `_shrunk`
    /// column, and `blend`: the columns a weights table can hold.
    public static let weightColumns: [String] =
        WeightSource.allCases.map(\.rawValue)
        + WeightSource.allCases.filter { $0.family == .learned }.map { $0.rawValue + "_shrunk" }
        + [WeightsTable.blendColumn]
}
