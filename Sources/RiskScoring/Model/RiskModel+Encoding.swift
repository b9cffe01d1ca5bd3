import Crypto
import Foundation

extension RiskModel {
    /// The model file's bytes in canonical form (format ``writtenFormat``: the oldest that holds the model), with
    /// the content digest and the signature, if any, in `integrity`.
    ///
    /// - Throws: `ModelFormatError` (file `<model>`) when a number is NaN or infinite, so no file is written
    ///   that no loader could read.
    public func canonicalBytes() throws(ModelFormatError) -> [UInt8] {
        var members = try contentMembers()
        members.append(JSONMember("integrity", integrityValue(digest: try contentDigest(members: members))))
        return CanonicalJSON.pretty(.object(members))
    }

    /// SHA-256 of the canonical content (everything but `integrity`), as 64 lowercase hex digits.
    public func contentDigest() throws(ModelFormatError) -> String { try contentDigest(members: contentMembers()) }

    private func contentDigest(members: [JSONMember]) throws(ModelFormatError) -> String {
        SHA256.hash(data: CanonicalJSON.compact(.object(members))).hexString
    }

    private func integrityValue(digest: String) -> JSONValue {
        var integrity = [JSONMember("sha256", .string(digest))]
        if let signature {
            integrity.append(
                JSONMember(
                    "signature",
                    .object([
                        JSONMember("algorithm", .string(signature.algorithm)),
                        JSONMember("publicKey", .string(Data(signature.publicKey).base64EncodedString())),
                        JSONMember("value", .string(Data(signature.value).base64EncodedString())),
                    ])))
        }
        return .object(integrity)
    }

    /// The oldest format version that holds everything the model carries, which the writer puts in `format`:
    /// 1.1 when it has a fitted calibration, a grade policy record or an `in` hard rule, else 1.0, so readers
    /// of format 1.0 keep reading every model they can score.
    public var writtenFormat: FormatVersion {
        let needsMinor1 =
            calibration != .identity || grading.policy != nil
            || grading.hardRules.contains { $0.condition.categories != nil } || !training.settings.isEmpty
        return needsMinor1 ? FormatVersion(major: 1, minor: 1) : FormatVersion(major: 1, minor: 0)
    }

    /// Every top-level member but `integrity`.
    func contentMembers() throws(ModelFormatError) -> [JSONMember] {
        var e = Encoder()
        var members = [
            JSONMember("format", .string(writtenFormat.description)),
            JSONMember("identity", identityValue()),
            JSONMember("link", .string(link.rawValue)),
            JSONMember("calibration", try calibrationValue(&e)),
            JSONMember("scoreScale", .string(scoreScale.rawValue)),
        ]
        var featureValues: [JSONValue] = []
        for (i, feature) in features.enumerated() { featureValues.append(try featureValue(feature, i, &e)) }
        members.append(JSONMember("features", .array(featureValues)))
        members.append(JSONMember("body", try bodyValue(&e)))
        members.append(JSONMember("grading", try gradingValue(&e)))
        var weights: [JSONMember] = []
        for (indicator, bySource) in indicatorWeights {
            var sources: [JSONMember] = []
            for (source, weight) in bySource {
                sources.append(JSONMember(source, try e.number(weight, "indicatorWeights.\(indicator).\(source)")))
            }
            weights.append(JSONMember(indicator, .object(sources)))
        }
        members.append(JSONMember("indicatorWeights", .object(weights)))
        members.append(JSONMember("training", try trainingValue(&e)))
        var golden: [JSONValue] = []
        for (i, vector) in goldenVectors.enumerated() {
            let path = "goldenVectors[\(i)]"
            golden.append(
                .object([
                    JSONMember("inputs", .array(vector.inputs.map { $0.isNaN ? .null : .number($0.description) })),
                    JSONMember("margin", try e.number(vector.margin, path + ".margin")),
                    JSONMember("probability", try e.number(vector.probability, path + ".probability")),
                ]))
        }
        members.append(JSONMember("goldenVectors", .array(golden)))
        return members
    }

    private func identityValue() -> JSONValue {
        var members = [
            JSONMember("name", .string(identity.name)), JSONMember("version", .string(identity.version)),
            JSONMember("createdAt", .string(identity.createdAt)),
            JSONMember("toolkitVersion", .string(identity.toolkitVersion)),
        ]
        if let parent = identity.parentVersion { members.append(JSONMember("parentVersion", .string(parent))) }
        return .object(members)
    }

    private func featureValue(_ feature: ModelFeature, _ index: Int, _ e: inout Encoder) throws(ModelFormatError)
        -> JSONValue
    {
        var members = [
            JSONMember("name", .string(feature.name)), JSONMember("column", .string(feature.column)),
            JSONMember("dimension", .string(feature.dimension)), JSONMember("kind", .string(feature.kind.rawValue)),
            JSONMember("direction", .string(feature.direction.rawValue)),
            JSONMember("missing", .string(feature.missing.rawValue)),
            JSONMember("vocabulary", .array(feature.vocabulary.map { .string($0) })),
        ]
        if let unit = feature.unit { members.append(JSONMember("unit", .string(unit))) }
        if let range = feature.validRange {
            members.append(
                JSONMember(
                    "validRange",
                    .array(try e.numbers([range.lowerBound, range.upperBound], "features[\(index)].validRange"))))
        }
        return .object(members)
    }

    private func bodyValue(_ e: inout Encoder) throws(ModelFormatError) -> JSONValue {
        switch body {
        case .network(let network):
            return try networkValue(network, &e)
        case .scorecard(let card):
            return try scorecardValue(card, &e)
        case .weighted(let card):
            return try weightedValue(card, &e)
        case .trees(let ensemble):
            var trees: [JSONValue] = []
            trees.reserveCapacity(ensemble.trees.count)
            for (t, tree) in ensemble.trees.enumerated() {
                let path = "body.trees[\(t)]"
                trees.append(
                    .object([
                        JSONMember("splitFeature", .array(tree.splitFeature.map { .number(String($0)) })),
                        JSONMember("threshold", .array(try e.numbers(tree.threshold, path + ".threshold"))),
                        JSONMember("defaultLeft", .array(tree.defaultLeft.map { .bool($0) })),
                        JSONMember("categorySet", .array(tree.categorySet.map { .number(String($0)) })),
                        JSONMember("left", .array(tree.left.map { .number(String($0)) })),
                        JSONMember("right", .array(tree.right.map { .number(String($0)) })),
                        JSONMember("splitGain", .array(try e.numbers(tree.splitGain, path + ".splitGain"))),
                        JSONMember("internalCover", .array(try e.numbers(tree.internalCover, path + ".internalCover"))),
                        JSONMember("leafValue", .array(try e.numbers(tree.leafValue, path + ".leafValue"))),
                        JSONMember("leafCover", .array(try e.numbers(tree.leafCover, path + ".leafCover"))),
                        JSONMember("categoryOffsets", .array(tree.categoryOffsets.map { .number(String($0)) })),
                        JSONMember("categoryWords", .array(tree.categoryWords.map { .number(String($0)) })),
                    ]))
            }
            return .object([
                JSONMember("kind", .string(body.kind)),
                JSONMember("featureCount", .number(String(ensemble.featureCount))),
                JSONMember("baseScore", try e.number(ensemble.baseScore, "body.baseScore")),
                JSONMember("trees", .array(trees)),
            ])
        }
    }

    private func gradingValue(_ e: inout Encoder) throws(ModelFormatError) -> JSONValue {
        var rules: [JSONValue] = []
        for (i, rule) in grading.hardRules.enumerated() {
            var condition = [JSONMember("kind", .string(rule.condition.name))]
            if let categories = rule.condition.categories {
                condition.append(JSONMember("categories", .array(categories.map { .string($0) })))
            }
            if let threshold = rule.condition.threshold {
                condition.append(
                    JSONMember("threshold", try e.number(threshold, "grading.hardRules[\(i)].condition.threshold")))
            }
            rules.append(
                .object([
                    JSONMember("indicator", .string(rule.indicator)), JSONMember("condition", .object(condition)),
                    JSONMember("action", .string(rule.action.rawValue)),
                ]))
        }
        let c = grading.cutoffs
        var members = [
            JSONMember(
                "cutoffs",
                .object([
                    JSONMember("B", try e.number(c.b, "grading.cutoffs.B")),
                    JSONMember("C", try e.number(c.c, "grading.cutoffs.C")),
                    JSONMember("D", try e.number(c.d, "grading.cutoffs.D")),
                ])),
            JSONMember("hardRules", .array(rules)),
        ]
        if let policy = grading.policy { members.append(JSONMember("policy", try policy.value(&e))) }
        return .object(members)
    }

    private func trainingValue(_ e: inout Encoder) throws(ModelFormatError) -> JSONValue {
        var validation: [JSONValue] = []
        for (i, v) in training.validation.enumerated() {
            let path = "training.validation[\(i)]"
            validation.append(
                .object([
                    JSONMember("set", .string(v.set)), JSONMember("rows", .number(String(v.rows))),
                    JSONMember("positives", .number(String(v.positives))),
                    JSONMember("auc", try e.number(v.auc, path + ".auc")),
                    JSONMember("logLoss", try e.number(v.logLoss, path + ".logLoss")),
                ]))
        }
        var members = [
            JSONMember(
                "data",
                .array(
                    training.data.map { file in
                        .object([
                            JSONMember("file", .string(file.file)), JSONMember("sha256", .string(file.sha256)),
                            JSONMember("bytes", .number(String(file.bytes))),
                        ])
                    })),
            JSONMember("config", .string(training.config)),
        ]
        // Written only when there are some, so models trained without them keep their bytes.
        if !training.settings.isEmpty {
            members.append(JSONMember("settings", .array(training.settings.map { .string($0) })))
        }
        members.append(JSONMember("validation", .array(validation)))
        return .object(members)
    }

    /// Number text: the shortest decimal that reads back as the same value; NaN and infinities refused.
    struct Encoder {
        func number(_ value: Double, _ path: @autoclosure () -> String) throws(ModelFormatError) -> JSONValue {
            guard value.isFinite else {
                throw ModelFormatError(.nonFinite(path: path(), found: "\(value)"), file: "<model>")
            }
            return .number(value.description)
        }

        func numbers<Value: BinaryFloatingPoint & CustomStringConvertible>(_ values: [Value], _ path: String)
            throws(ModelFormatError) -> [JSONValue]
        {
            var result: [JSONValue] = []
            result.reserveCapacity(values.count)
            for (i, value) in values.enumerated() {
                guard value.isFinite else {
                    throw ModelFormatError(.nonFinite(path: "\(path)[\(i)]", found: "\(value)"), file: "<model>")
                }
                result.append(.number(value.description))
            }
            return result
        }
    }
}
