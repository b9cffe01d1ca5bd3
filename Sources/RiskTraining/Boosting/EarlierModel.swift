import Foundation
import RiskScoring

/// A model an earlier run wrote, read back to continue boosting from (warm start) or to refit for a
/// quarterly retrain.
public struct EarlierModel: Sendable {
    /// The file it was read from.
    public var path: String
    /// Its trees and base score.
    public var ensemble: TreeEnsemble
    /// The feature (indicator) names its trees index, in order.
    public var features: [String]
    /// The vocabulary of each categorical feature, by name: code `i` is `vocabulary[i]`.
    public var categoricalVocabularies: [String: [String]]

    /// A model from its parts.
    public init(
        path: String, ensemble: TreeEnsemble, features: [String], categoricalVocabularies: [String: [String]]
    ) {
        self.path = path
        self.ensemble = ensemble
        self.features = features
        self.categoricalVocabularies = categoricalVocabularies
    }

    /// The ensemble with its features in `encoding`'s order, after making `encoding`'s vocabularies start with
    /// the model's (categories the model never saw appended, sorted), so the earlier trees read every category
    /// code the way they were trained.
    ///
    /// - Throws: `TrainingError.modelFeaturesMismatch` naming the missing and extra features when the names
    ///   differ, `.modelFeatureKindMismatch` when a feature is categorical on one side only.
    public func aligned(to encoding: inout FeatureEncoding) throws(TrainingError) -> TreeEnsemble {
        let names = encoding.features.map(\.name)
        let missing = names.filter { !features.contains($0) }
        let extra = features.filter { !names.contains($0) }
        guard missing.isEmpty && extra.isEmpty && features.count == names.count else {
            throw .modelFeaturesMismatch(path: path, missing: missing, extra: extra)
        }
        for index in encoding.features.indices {
            let feature = encoding.features[index]
            let vocabulary = categoricalVocabularies[feature.name]
            guard (vocabulary != nil) == feature.isCategorical else {
                throw .modelFeatureKindMismatch(
                    path: path, feature: feature.name, modelIsCategorical: vocabulary != nil)
            }
            if let vocabulary {
                let known = Set(vocabulary)
                encoding.features[index].vocabulary = vocabulary + feature.vocabulary.filter { !known.contains($0) }
            }
        }
        // Model feature index → config feature index.
        let position = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        let newIndex = features.map { position[$0] ?? -1 }
        var ensemble = self.ensemble
        for t in ensemble.trees.indices {
            ensemble.trees[t].splitFeature = ensemble.trees[t].splitFeature.map { newIndex[Int($0)] }
        }
        return ensemble
    }
}

extension BoostingRun {
    /// Reads the model an earlier run wrote: a frozen model (`model.json`, a run's output folder holding one,
    /// or a registry reference such as `general@champion` or `models/general@2026Q3`), checked as the runtime
    /// checks it (digest, invariants, golden vectors); or an interim `ensemble.json` (a file of that name, or
    /// an output folder holding one and no `model.json`).
    ///
    /// The one place an earlier model is read.
    /// - Throws: `TrainingError.unreadableModel` when the file is missing, is not a model, fails the frozen
    ///   model's checks, or breaks an invariant of the ensemble.
    public static func loadEnsemble(path: String) throws(TrainingError) -> EarlierModel {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let folderModel = (path as NSString).appendingPathComponent(Outcome.File.model)
        let interim =
            exists
            && (isDirectory.boolValue
                ? !FileManager.default.fileExists(atPath: folderModel)
                : (path as NSString).lastPathComponent == Outcome.File.ensemble)
        guard interim else { return try loadFrozen(reference: path) }
        return try loadInterim(path: path, isDirectory: isDirectory.boolValue)
    }

    /// A frozen model by file, folder or registry reference.
    static func loadFrozen(reference: String) throws(TrainingError) -> EarlierModel {
        let model: RiskModel
        do {
            model = try ModelRegistry.load(reference)
        } catch {
            throw .unreadableModel(path: reference, reason: error.description)
        }
        switch model.body {
        case .network, .scorecard, .weighted:
            throw .unreadableModel(
                path: reference,
                reason: "its body is a \(model.body.kind) body; warm start and refit continue boosted trees")
        case .trees(let ensemble):
            var vocabularies: [String: [String]] = [:]
            for feature in model.features where feature.kind == .categorical {
                vocabularies[feature.name] = feature.vocabulary
            }
            return EarlierModel(
                path: reference, ensemble: ensemble, features: model.features.map(\.name),
                categoricalVocabularies: vocabularies)
        }
    }

    /// An interim `ensemble.json`, or the folder holding one.
    static func loadInterim(path: String, isDirectory: Bool) throws(TrainingError) -> EarlierModel {
        let file = isDirectory ? (path as NSString).appendingPathComponent(Outcome.File.ensemble) : path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw .unreadableModel(path: file, reason: "no such file or not readable")
        }
        let decoded: Outcome.EnsembleFile
        do {
            decoded = try JSONDecoder().decode(Outcome.EnsembleFile.self, from: data)
        } catch {
            throw .unreadableModel(path: file, reason: "not an \(Outcome.File.ensemble) written by riskgrade train")
        }
        guard decoded.features.count == decoded.ensemble.featureCount else {
            throw .unreadableModel(
                path: file,
                reason:
                    "it names \(decoded.features.count) features but its trees read \(decoded.ensemble.featureCount)")
        }
        do {
            try decoded.ensemble.checkInvariants()
        } catch {
            throw .unreadableModel(path: file, reason: error.description)
        }
        return EarlierModel(
            path: file, ensemble: decoded.ensemble, features: decoded.features,
            categoricalVocabularies: decoded.categoricalVocabularies)
    }
}
