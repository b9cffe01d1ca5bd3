import Foundation

@testable import RiskScoring

/// Small models for the model-format tests: a few seeded random trees over a numeric, a count, a flag and a
/// categorical feature, with golden vectors from seeded rows.
enum ModelFixtures {
    /// The four features of the small models.
    static let features = [
        ModelFeature(
            name: "years_established", dimension: "basic", kind: .numeric, direction: .decreasing, unit: "years",
            validRange: 0...100, missing: .allowed),
        ModelFeature(
            name: "penalties_1y", dimension: "supervision", kind: .count, direction: .increasing, unit: "次",
            validRange: 0...100, missing: .zero),
        ModelFeature(
            name: "serious_dishonesty", dimension: "supervision", kind: .flag, direction: .increasing,
            validRange: 0...1, missing: .zero),
        ModelFeature(
            name: "region", column: "region_code", dimension: "basic", kind: .categorical, missing: .allowed,
            vocabulary: (0..<40).map { "32\(String(format: "%02d", $0))" }),
    ]

    /// A model of `treeCount` random trees, golden vectors from 24 seeded rows.
    static func model(seed: UInt64 = 7, treeCount: Int = 4, maxLeaves: Int = 6) -> RiskModel {
        var random = SeededRandomTrees(seed: seed, categorical: [false, false, false, true])
        let ensemble = random.ensemble(treeCount: treeCount, maxLeaves: maxLeaves)
        var model = RiskModel(
            identity: ModelIdentity(
                name: "general", version: "2026Q3", createdAt: "2026-07-01T08:30:00Z", toolkitVersion: "0.1.0",
                parentVersion: "2026Q2"),
            features: features, body: .trees(ensemble),
            grading: GradingRules(
                cutoffs: .standard,
                hardRules: [
                    HardRule(indicator: "serious_dishonesty", condition: .isSet, action: .gradeD),
                    HardRule(indicator: "penalties_1y", condition: .atLeast(5), action: .raiseTwoGrades),
                ]),
            indicatorWeights: [
                "penalties_1y": ["gain": 0.25, "shap": 0.3], "years_established": ["gain": 0.75, "shap": 0.7],
            ],
            training: TrainingRecord(
                data: [
                    TrainingRecord.InputFile(file: "table.csv", sha256: String(repeating: "ab", count: 32), bytes: 123)
                ],
                config: "name: general\n# 一址多企 \"quoted\"\\\n",
                validation: [
                    TrainingRecord.Validation(
                        set: "random_inspections", rows: 637, positives: 80, auc: 0.7176, logLoss: 0.31723)
                ]))
        model.goldenVectors = model.goldenVectors(for: random.rows(24))
        return model
    }

    /// The canonical bytes of `model`.
    static func bytes(_ model: RiskModel) throws -> Data { Data(try model.canonicalBytes()) }

    /// The file of `model` after `edit` changes its content, with the content digest recomputed, so the
    /// change reaches the field checks (as a hand edit that also fixed the digest would).
    static func resealed(_ model: RiskModel, _ edit: (inout JSONValue) -> Void) throws -> Data {
        try resealed(bytes(model), edit)
    }

    /// `data` parsed, edited, and written back with its content digest recomputed (signature kept).
    static func resealed(_ data: Data, _ edit: (inout JSONValue) -> Void) throws -> Data {
        let bytes = [UInt8](data)
        var root = try bytes.withUnsafeBufferPointer { buffer in owned(try JSONParser.parse(buffer), source: buffer) }
        edit(&root)
        guard case .object(var members) = root else { return Data(CanonicalJSON.pretty(root)) }
        let integrityIndex = members.firstIndex { $0.key == "integrity" }
        let content = JSONValue.object(members.filter { $0.key != "integrity" })
        let digest = RiskModel.sha256Hex(CanonicalJSON.compact(content))
        if let integrityIndex, case .object(var integrity) = members[integrityIndex].value {
            if let at = integrity.firstIndex(where: { $0.key == "sha256" }) {
                integrity[at].value = .string(digest)
            }
            members[integrityIndex].value = .object(integrity)
        }
        return Data(CanonicalJSON.pretty(.object(members)))
    }

    /// A parsed tree with source numbers replaced by their text.
    static func owned(_ value: JSONValue, source: UnsafeBufferPointer<UInt8>) -> JSONValue {
        switch value {
        case .sourceNumber(let start, let count):
            return .number(String(decoding: source[Int(start)..<Int(start + count)], as: UTF8.self))
        case .array(let elements): return .array(elements.map { owned($0, source: source) })
        case .object(let members): return .object(members.map { JSONMember($0.key, owned($0.value, source: source)) })
        default: return value
        }
    }
}

extension JSONValue {
    /// One step of a field path: an object key or an array index.
    enum Step {
        case key(String)
        case index(Int)
    }

    /// Steps of a path such as `body.trees[0].leafValue[1]`.
    static func steps(_ path: String) -> [Step] {
        var steps: [Step] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                if bracket > rest.startIndex { steps.append(.key(String(rest[..<bracket]))) }
                rest = rest[bracket...]
                while let open = rest.firstIndex(of: "["), let close = rest.firstIndex(of: "]") {
                    steps.append(.index(Int(rest[rest.index(after: open)..<close]) ?? 0))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                steps.append(.key(String(rest)))
            }
        }
        return steps
    }

    /// Replaces (or with nil, removes) the value at `path`.
    mutating func set(_ path: String, to newValue: JSONValue?) {
        self = Self.updating(self, Self.steps(path)[...], newValue)
    }

    private static func updating(_ value: JSONValue, _ steps: ArraySlice<Step>, _ newValue: JSONValue?) -> JSONValue {
        guard let step = steps.first else { return newValue ?? .null }
        switch (value, step) {
        case (.object(var members), .key(let key)):
            guard let at = members.firstIndex(where: { $0.key == key }) else {
                if steps.count == 1, let newValue { members.append(JSONMember(key, newValue)) }
                return .object(members)
            }
            if steps.count == 1 && newValue == nil {
                members.remove(at: at)
            } else {
                members[at].value = updating(members[at].value, steps.dropFirst(), newValue)
            }
            return .object(members)
        case (.array(var elements), .index(let index)) where elements.indices.contains(index):
            if steps.count == 1 && newValue == nil {
                elements.remove(at: index)
            } else {
                elements[index] = updating(elements[index], steps.dropFirst(), newValue)
            }
            return .array(elements)
        default:
            return value
        }
    }
}
