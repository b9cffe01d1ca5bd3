import Foundation
import RiskScoring

extension ModelRegistry {
    /// Registers the model file at `path` (as `riskgrade models add` does): loads and checks it, renames it
    /// when `name` or `version` is given, sets its parent (given, else the version `champion` points at, if
    /// any and different), signs it when `privateKey` is given, and files it.
    ///
    /// A signed model whose identity changes loses its signature, so it must be signed again with
    /// `privateKey`.
    ///
    /// - Returns: The registered model and its path.
    public func register(
        modelAt path: String, name: String? = nil, version: String? = nil, parent: String? = nil,
        privateKey: [UInt8]? = nil
    ) throws -> (model: RiskModel, path: String) {
        var model = try RiskModel.load(path: path)
        let original = model.identity
        if let name { model.identity.name = name }
        if let version { model.identity.version = version }
        if let parent {
            model.identity.parentVersion = parent
        } else if model.identity.parentVersion == nil,
            let champion = try? aliasIndex(of: model.identity.name).aliases["champion"],
            champion != model.identity.version
        {
            model.identity.parentVersion = champion
        }
        if model.identity != original, model.signature != nil {
            guard privateKey != nil else {
                func text(_ identity: ModelIdentity) -> String {
                    "\(identity.name)@\(identity.version) (parent \(identity.parentVersion ?? "none"))"
                }
                throw ModelRegistryError.signatureVoided(
                    signedAs: text(original), registeringAs: text(model.identity))
            }
            model.signature = nil
        }
        if let privateKey { model = try model.signed(privateKey: privateKey) }
        return (model, try add(model))
    }

    /// The registered name and version `reference` names: `NAME@VERSION` or `NAME@ALIAS` in this registry (or
    /// a registry folder given in front), or a model file, whose identity must be registered here.
    public func registeredVersion(of reference: String) throws -> (name: String, version: String) {
        if reference.contains("@") {
            let location = try ModelRegistry.locate(reference, defaultRoot: root)
            if let name = location.name, let version = location.version { return (name, version) }
        }
        let identity = try RiskModel.load(path: reference).identity
        _ = try resolve(name: identity.name, selector: identity.version)
        return (identity.name, identity.version)
    }

    /// One line per version, grouped by name: version, the aliases pointing at it, validation AUC, signer.
    public func listing() throws -> String {
        var lines: [String] = []
        for name in try names() {
            lines.append(name)
            let index = try aliasIndex(of: name)
            for version in try versions(of: name) {
                let aliases = index.aliases.filter { $0.value == version }.map(\.key).sorted()
                var line = "  \(version)"
                if !aliases.isEmpty { line += "  [" + aliases.joined(separator: ", ") + "]" }
                do {
                    let model = try RiskModel.load(path: modelPath(name: name, version: version))
                    if let v = model.training.validation.first {
                        line += String(format: "  AUC %.4f (%@)", v.auc, v.set)
                    }
                    line += "  created \(model.identity.createdAt)"
                    if let signature = model.signature { line += "  signed by \(signature.keyID)" }
                } catch {
                    line += "  UNLOADABLE: \(error)"
                }
                lines.append(line)
            }
        }
        return lines.isEmpty ? "\(root): no models registered" : lines.joined(separator: "\n")
    }
}

extension RiskModel {
    /// A description for people: identity, inputs, body, grading, training record, integrity.
    public func summary() throws -> String {
        var lines = [
            "model \(identity.name)@\(identity.version) (format \(format))",
            "  created \(identity.createdAt) by RiskGrade \(identity.toolkitVersion)"
                + (identity.parentVersion.map { ", replacing \($0)" } ?? ""),
            "  features: \(features.count) (" + features.prefix(8).map(\.name).joined(separator: ", ")
                + (features.count > 8 ? ", …" : "") + ")",
        ]
        switch body {
        case .trees(let ensemble):
            lines.append(
                "  body: \(ensemble.trees.count) trees, \(ensemble.trees.reduce(0) { $0 + $1.leafCount }) leaves, "
                    + "base score \(ensemble.baseScore)")
        case .network(let network):
            lines.append(
                "  body: network, \(network.layout.width) inputs → "
                    + network.layers.map { "\($0.outputCount) \($0.activation.rawValue)" }.joined(separator: " → "))
        case .scorecard(let card):
            lines.append(
                "  body: scorecard, \(card.indicators.reduce(0) { $0 + $1.bins.binCount }) bins, "
                    + "\(card.indicators.filter { $0.coefficient != 0 }.count) indicators with a coefficient")
        case .weighted(let card):
            lines.append(
                "  body: weighted scorecard, \(card.indicators.filter { $0.weight > 0 }.count) weighted indicators")
        }
        lines.append("  link \(link.rawValue), calibration \(calibration.kind), score \(scoreScale.rawValue)")
        let c = grading.cutoffs
        lines.append("  grades: B ≥ \(c.b), C ≥ \(c.c), D ≥ \(c.d)")
        if let policy = grading.policy {
            let grades = policy.grades.map { g in
                String(format: "%@ %.1f%% %d/%d", g.grade.rawValue, 100 * g.share, g.hits, g.inspections)
            }
            lines.append(
                "  grade policy \(policy.kind) on \(policy.population) (\(policy.inspections)): "
                    + grades.joined(separator: ", ") + (policy.excluded > 0 ? ", excluded \(policy.excluded)" : ""))
        }
        for rule in grading.hardRules {
            let threshold =
                rule.condition.threshold.map { " \($0)" }
                ?? rule.condition.categories.map { " [" + $0.joined(separator: ", ") + "]" } ?? ""
            lines.append("  hard rule: \(rule.indicator) \(rule.condition.name)\(threshold) → \(rule.action.rawValue)")
        }
        for v in training.validation {
            lines.append(
                String(format: "  validation (%@): %d rows, AUC %.4f, log loss %.5f", v.set, v.rows, v.auc, v.logLoss))
        }
        for file in training.data {
            lines.append("  trained on \(file.file): \(file.bytes) bytes, sha256 \(file.sha256)")
        }
        lines.append("  golden vectors: \(goldenVectors.count)")
        lines.append("  content sha256 \(try contentDigest())")
        lines.append("  signature: " + (signature.map { "ed25519, key \($0.keyID)" } ?? "none"))
        return lines.joined(separator: "\n")
    }
}
