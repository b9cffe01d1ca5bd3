import Foundation
import Testing

@testable import RiskScoring

@Suite("Model files that are truncated, corrupted, from another version or incomplete give typed errors")
struct ModelCorruptionTests {
    /// The problem `data` is refused with, or nil when it loads.
    static func problem(_ data: Data, trustedKeys: TrustedKeys? = nil) -> ModelFormatError.Problem? {
        do {
            _ = try RiskModel.decode(data, file: "model.json", trustedKeys: trustedKeys)
            return nil
        } catch {
            return error.problem
        }
    }

    @Test("every truncated prefix of a small model file is refused (dropping only the final line end loads)")
    func truncatedPrefixes() throws {
        let bytes = try ModelFixtures.bytes(ModelFixtures.model(treeCount: 2, maxLeaves: 3))
        #expect(bytes.last == 0x0A && Self.problem(bytes.dropLast()) == nil)
        for length in 0..<(bytes.count - 1) {
            let problem = Self.problem(bytes.prefix(length))
            guard case .invalidJSON = problem else {
                Issue.record("a prefix of \(length) bytes gave \(String(describing: problem))")
                return
            }
        }
    }

    @Test("a flipped byte anywhere is refused, or changes nothing the content holds")
    func byteFlips() throws {
        let model = ModelFixtures.model(treeCount: 2, maxLeaves: 3)
        let bytes = [UInt8](try ModelFixtures.bytes(model))
        var random = TestGenerator(state: 0xF11B)
        for _ in 0..<600 {
            var copy = bytes
            let at = random.below(copy.count)
            copy[at] ^= UInt8(1 + random.below(255))
            do {
                let loaded = try RiskModel.decode(Data(copy))
                // Only whitespace may change without notice (a space becoming a tab or a line end).
                #expect(loaded == model, "byte \(at) flipped to \(copy[at]) loaded a different model")
            } catch {
                // Typed: a ModelFormatError (usually invalid JSON or a digest mismatch), never a trap.
                #expect(!error.description.isEmpty)
            }
        }
    }

    @Test("a changed digit without a new digest is a digest mismatch naming both digests")
    func digestMismatch() throws {
        let model = ModelFixtures.model()
        var text = String(decoding: try ModelFixtures.bytes(model), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"baseScore\": 0.2", with: "\"baseScore\": 0.3")
        guard case .digestMismatch(let stored, let computed) = Self.problem(Data(text.utf8)) else {
            Issue.record("expected a digest mismatch")
            return
        }
        #expect(stored == (try model.contentDigest()) && computed != stored)
    }

    @Test("an unknown major version is refused naming both versions and the remedy", arguments: ["2.0", "0.9", "13.4"])
    func unknownMajor(_ version: String) throws {
        let data = try ModelFixtures.resealed(ModelFixtures.model()) { $0.set("format", to: .string(version)) }
        let found = try #require(FormatVersion(version))
        #expect(Self.problem(data) == .unsupportedMajorVersion(found: found, supported: .current))
        let message = ModelFormatError(.unsupportedMajorVersion(found: found, supported: .current), file: "m.json")
            .description
        #expect(message.contains("format \(version)") && message.contains("reads format 1.x"))
        #expect(message.contains(found.major > 1 ? "upgrade RiskGrade" : "export the model again"))
    }

    @Test("a newer minor version loads, ignoring fields it does not know")
    func newerMinor() throws {
        let model = ModelFixtures.model()
        let data = try ModelFixtures.resealed(model) { root in
            root.set("format", to: .string("1.7"))
            root.set("explanations", to: .object([JSONMember("kind", .string("shap"))]))
            root.set("features[0].monotone", to: .bool(true))
            root.set("body.trees[0].leafCount", to: .number("2"))
        }
        let loaded = try RiskModel.decode(data)
        #expect(loaded.format == FormatVersion(major: 1, minor: 7))
        var expected = model
        expected.format = FormatVersion(major: 1, minor: 7)
        #expect(loaded == expected)
    }

    @Test("a malformed or missing format version is refused", arguments: ["1", "v1.0", "1.0.0", ""])
    func badFormat(_ text: String) throws {
        let data = try ModelFixtures.resealed(ModelFixtures.model()) { $0.set("format", to: .string(text)) }
        #expect(Self.problem(data) == .invalidFormatVersion(found: "\"\(text)\""))
        let missing = try ModelFixtures.resealed(ModelFixtures.model()) { $0.set("format", to: nil) }
        #expect(Self.problem(missing) == .invalidFormatVersion(found: "no \"format\" field"))
    }

    @Test(
        "each required field, when missing, is named by its path",
        arguments: [
            "identity", "identity.name", "identity.version", "identity.createdAt", "identity.toolkitVersion",
            "features", "features[1].name", "features[1].kind", "features[1].direction", "features[1].missing",
            "features[1].dimension", "body", "body.kind", "body.featureCount", "body.baseScore", "body.trees",
            "body.trees[1].threshold", "body.trees[1].leafValue", "body.trees[0].categoryWords", "link",
            "scoreScale", "grading", "grading.cutoffs", "grading.cutoffs.C", "grading.hardRules[0].action",
            "grading.hardRules[1].condition.threshold", "training", "training.data[0].sha256",
            "training.validation[0].auc", "goldenVectors", "goldenVectors[3].margin", "goldenVectors[3].inputs",
            "integrity", "integrity.sha256",
        ])
    func missingField(_ path: String) throws {
        let data = try ModelFixtures.resealed(ModelFixtures.model()) { $0.set(path, to: nil) }
        guard case .missingField(let reported, _) = Self.problem(data) else {
            Issue.record("\(path): \(String(describing: Self.problem(data)))")
            return
        }
        #expect(reported == path)
    }

    @Test(
        "optional fields may be absent",
        arguments: [
            "calibration", "indicatorWeights", "identity.parentVersion", "features[0].unit", "features[0].validRange",
            "features[0].vocabulary", "features[0].column", "grading.hardRules", "training.data", "training.config",
            "training.validation",
        ])
    func optionalField(_ path: String) throws {
        let data = try ModelFixtures.resealed(ModelFixtures.model()) { $0.set(path, to: nil) }
        #expect(Self.problem(data) == nil)
    }

    @Test(
        "NaN, infinities and overflowing numbers are refused, naming the field",
        arguments: [
            ("body.trees[1].leafValue[2]", "NaN"), ("body.trees[1].threshold[0]", "Infinity"),
            ("body.baseScore", "-Infinity"), ("body.trees[0].internalCover[0]", "1e999"),
            ("body.trees[3].threshold[1]", "1e39"), ("grading.cutoffs.B", "NaN"),
            ("goldenVectors[5].probability", "Infinity"), ("goldenVectors[2].inputs[1]", "-1e400"),
            ("training.validation[0].logLoss", "NaN"), ("features[0].validRange[1]", "Infinity"),
        ])
    func nonFinite(_ path: String, _ text: String) throws {
        let value: JSONValue = text.first!.isLetter || text.hasPrefix("-I") ? .nonFinite(text) : .number(text)
        let data = try ModelFixtures.resealed(ModelFixtures.model()) { $0.set(path, to: value) }
        #expect(Self.problem(data) == .nonFinite(path: path, found: text))
    }

    @Test(
        "wrong types are refused, naming the field and both types",
        arguments: [
            ("identity.name", JSONValue.number("3"), "a string"), ("features", .object([]), "an array"),
            ("body.trees[0].defaultLeft[0]", .number("1"), "true or false"),
            ("body.trees[2].leafValue[0]", .string("0.5"), "a number"),
            ("body.trees[1].left[0]", .number("1.5"), "a whole number"),
            ("goldenVectors[0]", .array([]), "an object"),
        ])
    func wrongType(_ path: String, _ value: JSONValue, _ expected: String) throws {
        let data = try ModelFixtures.resealed(ModelFixtures.model()) { $0.set(path, to: value) }
        guard case .wrongType(let reported, let reportedExpected, _) = Self.problem(data) else {
            Issue.record("\(path): \(String(describing: Self.problem(data)))")
            return
        }
        #expect(reported == path && reportedExpected == expected)
    }

    @Test("inconsistent tree arrays are refused through the ensemble's invariant check, naming tree and node")
    func inconsistentTrees() throws {
        let model = ModelFixtures.model()
        let cases: [(String, JSONValue, String)] = [
            ("body.trees[1].threshold", .array([.number("0.5")]), "body.trees[1].threshold"),
            ("body.trees[1].left[0]", .number("7"), "body.trees[1].left[0]"),
            ("body.trees[1].splitFeature[1]", .number("4"), "body.trees[1].splitFeature[1]"),
            ("body.trees[3].categorySet[0]", .number("9"), "body.trees[3].categorySet[0]"),
            ("body.trees[1].leafCover[0]", .number("-1.0"), "body.trees[1].leafCover[0]"),
            ("body.trees[1].right[0]", .number("1"), "body.trees[1].right[0]"),
        ]
        for (path, value, expected) in cases {
            let data = try ModelFixtures.resealed(model) { $0.set(path, to: value) }
            guard case .invalidTrees(let reported, _) = Self.problem(data) else {
                Issue.record("\(path): \(String(describing: Self.problem(data)))")
                continue
            }
            #expect(reported == expected, "\(path)")
        }
    }

    @Test("a feature list that disagrees with the body's feature count is refused")
    func featureCountMismatch() throws {
        let data = try ModelFixtures.resealed(ModelFixtures.model()) { $0.set("features[3]", to: nil) }
        #expect(Self.problem(data) == .featureCountMismatch(features: 3, body: 4))
    }

    @Test("a golden vector the runtime does not reproduce is refused, naming the row and both values")
    func goldenMismatch() throws {
        let model = ModelFixtures.model()
        let stored = model.goldenVectors[6].margin
        let changed = stored.nextUp
        let data = try ModelFixtures.resealed(model) {
            $0.set("goldenVectors[6].margin", to: .number(changed.description))
        }
        #expect(
            Self.problem(data) == .goldenVectorMismatch(row: 6, field: "margin", expected: changed, found: stored))
        let few = try ModelFixtures.resealed(model) { root in
            for _ in 0..<5 { root.set("goldenVectors[0]", to: nil) }
        }
        #expect(
            Self.problem(few)
                == .invalidValue(path: "goldenVectors", found: "19 vectors", expected: "at least 20"))
    }

    @Test("invalid values name the field and what is allowed")
    func invalidValues() throws {
        let model = ModelFixtures.model()
        let cases: [(String, JSONValue, String)] = [
            ("features[0].kind", .string("ordinal"), "features[0].kind"),
            ("features[2].name", .string("years_established"), "features[2].name"),
            ("grading.cutoffs.C", .number("100"), "grading.cutoffs"),
            ("grading.hardRules[0].indicator", .string("unknown"), "grading.hardRules[0].indicator"),
            ("identity.version", .string("../escape"), "identity.version"),
            ("goldenVectors[0].inputs", .array([.number("1")]), "goldenVectors[0].inputs"),
            ("link", .string("probit"), "link"),
        ]
        for (path, value, expected) in cases {
            let data = try ModelFixtures.resealed(model) { $0.set(path, to: value) }
            guard case .invalidValue(let reported, _, _) = Self.problem(data) else {
                Issue.record("\(path): \(String(describing: Self.problem(data)))")
                continue
            }
            #expect(reported == expected, "\(path)")
        }
        let body = try ModelFixtures.resealed(model) { $0.set("body.kind", to: .string("rules")) }
        #expect(
            Self.problem(body) == .unknownBody(kind: "rules", known: ["trees", "network", "scorecard", "weighted"]))
    }

    @Test("error messages name the file, the field and the fix")
    func messages() {
        let error = ModelFormatError(.nonFinite(path: "body.trees[3].threshold[5]", found: "NaN"), file: "m.json")
        #expect(
            error.description
                == "m.json: body.trees[3].threshold[5]: expected a finite number, found NaN; the file is damaged or "
                + "was edited by hand; restore it from the registry or train it again")
        #expect(error.path == "body.trees[3].threshold[5]")
    }
}
