import Foundation
import Testing

@testable import RiskScoring

@Suite("Model format 1.1: calibrations, category hard rules and the grade policy record")
struct CalibrationCodecTests {
    static let isotonic = IsotonicCalibration(
        thresholds: [0.02, 0.05, 0.1, 0.3, 0.6], values: [0.01, 0.04, 0.04, 0.2, 0.7])

    /// The fixture model with `calibration`, a category hard rule and a policy record, golden vectors re-made.
    static func model(_ calibration: Calibration) -> RiskModel {
        var model = ModelFixtures.model()
        model.calibration = calibration
        model.grading.hardRules.append(
            HardRule(indicator: "region", condition: .oneOf(["3201", "3205"]), action: .exclude))
        model.grading.policy = GradePolicyRecord(
            kind: "optimised", minShares: [0.3, 0.2, 0.05, 0.01], maxShares: [0.75, 0.6, 0.2, 0.06], alpha: 0.05,
            separation: 0.0123, population: "2026Q2", excluded: 3, inspections: "validation_random",
            grades: Grade.allCases.enumerated().map { i, grade in
                GradePolicyRecord.GradeFigures(
                    grade: grade, enterprises: 100 - 20 * i, share: [0.4, 0.3, 0.2, 0.1][i], inspections: 50 - 10 * i,
                    hits: 2 + 3 * i)
            })
        model.goldenVectors = model.goldenVectors(for: model.goldenVectors.map(\.inputs))
        return model
    }

    @Test(
        "fitted calibrations, category rules and the policy record survive the file; the file says 1.1",
        arguments: [Calibration.platt(PlattScaling(slope: 0.8, intercept: -0.3)), .isotonic(isotonic), .identity])
    func roundTrip(_ calibration: Calibration) throws {
        let model = Self.model(calibration)
        let bytes = try ModelFixtures.bytes(model)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("{\n  \"format\": \"1.1\","))
        let decoded = try RiskModel.decode(bytes)
        #expect(decoded.calibration == calibration)
        #expect(decoded.grading == model.grading)
        #expect(decoded.goldenVectors == model.goldenVectors)
        #expect(try ModelFixtures.bytes(decoded) == bytes)
    }

    @Test("a model without format 1.1 content is still written as 1.0, calibration as the string \"identity\"")
    func stillOnePointZero() throws {
        let text = String(decoding: try ModelFixtures.bytes(ModelFixtures.model()), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"format\": \"1.0\","))
        #expect(text.contains("\"calibration\": \"identity\","))
    }

    @Test("the runtime applies the calibration: Platt on the margin, isotonic on the link's probability")
    func runtimeApplies() throws {
        let platt = PlattScaling(slope: 0.8, intercept: -0.3)
        for calibration in [Calibration.platt(platt), .isotonic(Self.isotonic)] {
            let model = try RiskModel.decode(try ModelFixtures.bytes(Self.model(calibration)))
            let scorer = Scorer(model: model)
            for vector in model.goldenVectors {
                var rows = ScoredRows()
                scorer.score(rowMajor: vector.inputs, rowCount: 1, into: &rows)
                let linked = 1 / (1 + exp(-rows.margins[0]))
                let expected =
                    switch calibration {
                    case .platt: 1 / (1 + exp(-(0.8 * rows.margins[0] - 0.3)))
                    default: Self.isotonic.probability(linked)
                    }
                #expect(abs(rows.probabilities[0] - expected) <= 1e-15)
                #expect(rows.probabilities[0] == vector.probability)
                #expect(rows.scores[0] == 1000 * vector.probability)
            }
        }
    }

    @Test("the isotonic map: clipped ends, linear between points, flat inside a block, never decreasing")
    func isotonicMap() {
        let map = Self.isotonic
        #expect(map.probability(0) == 0.01 && map.probability(0.02) == 0.01 && map.probability(0.9) == 0.7)
        #expect(abs(map.probability(0.035) - 0.025) < 1e-15)
        #expect(map.probability(0.07) == 0.04)
        #expect(abs(map.probability(0.45) - 0.45) < 1e-15)
        var generator = SystemRandomNumberGenerator()
        var previous = -1.0
        for p in (0..<2000).map({ _ in Double.random(in: 0...1, using: &generator) }).sorted() {
            let value = map.probability(p)
            #expect(value >= previous)
            previous = value
        }
    }

    @Test(
        "malformed calibrations are refused, naming the field",
        arguments: [
            (#"{"kind": "isotonic", "thresholds": [0.1, 0.1, 0.3], "values": [0.1, 0.2, 0.3]}"#, "calibration"),
            (#"{"kind": "isotonic", "thresholds": [0.1, 0.3, 0.2], "values": [0.1, 0.2, 0.3]}"#, "calibration"),
            (#"{"kind": "isotonic", "thresholds": [0.1, 0.2, 0.3], "values": [0.1, 0.3, 0.2]}"#, "calibration"),
            (#"{"kind": "isotonic", "thresholds": [0.1, 0.2], "values": [0.1, 0.2, 0.3]}"#, "calibration"),
            (#"{"kind": "isotonic", "thresholds": [], "values": []}"#, "calibration"),
            (#"{"kind": "isotonic", "thresholds": [0.1, 1.5], "values": [0.1, 0.2]}"#, "calibration"),
            (#"{"kind": "isotonic", "thresholds": [0.1, NaN], "values": [0.1, 0.2]}"#, "calibration.thresholds[1]"),
            (#"{"kind": "platt", "slope": NaN, "intercept": 0}"#, "calibration.slope"),
            (#"{"kind": "platt", "slope": -0.5, "intercept": 0}"#, "calibration.slope"),
            (#"{"kind": "platt", "slope": 1}"#, "calibration.intercept"),
            (#"{"kind": "beta", "a": 1}"#, "calibration.kind"),
            (#""platt""#, "calibration"),
        ])
    func malformed(_ json: String, _ path: String) throws {
        let value = try Array(json.utf8).withUnsafeBufferPointer { buffer in
            ModelFixtures.owned(try JSONParser.parse(buffer), source: buffer)
        }
        let data = try ModelFixtures.resealed(Self.model(.platt(PlattScaling(slope: 1, intercept: 0)))) {
            $0.set("calibration", to: value)
        }
        let problem = ModelCorruptionTests.problem(data)
        #expect(problem != nil)
        #expect(
            ModelFormatError(problem ?? .unsigned, file: "m").path == path, "\(json): \(String(describing: problem))")
    }

    @Test("an `in` rule on a numeric feature, or a numeric rule on a categorical one, is refused")
    func ruleKinds() throws {
        let model = Self.model(.identity)
        let wrongFeature = try ModelFixtures.resealed(model) {
            $0.set("grading.hardRules[2].indicator", to: .string("penalties_1y"))
        }
        #expect(
            ModelFormatError(ModelCorruptionTests.problem(wrongFeature) ?? .unsigned, file: "m").path
                == "grading.hardRules[2].condition.kind")
        let emptyList = try ModelFixtures.resealed(model) {
            $0.set("grading.hardRules[2].condition.categories", to: .array([]))
        }
        #expect(
            ModelFormatError(ModelCorruptionTests.problem(emptyList) ?? .unsigned, file: "m").path
                == "grading.hardRules[2].condition.categories")
    }

    @Test("an `in` rule matches category codes through the vocabulary; other codes and missing never match")
    func categoryRule() throws {
        let scorer = Scorer(model: try RiskModel.decode(try ModelFixtures.bytes(Self.model(.identity))))
        // region codes: "3201" is code 1, "3205" code 5.
        func grade(region: Float, flag: Float = 0) -> Grade? {
            scorer.grade(score: 100, row: [10, 0, flag, region]).grade
        }
        #expect(grade(region: 1) == nil && grade(region: 5) == nil)
        #expect(grade(region: 0) == .a && grade(region: 2) == .a && grade(region: .nan) == .a)
        #expect(grade(region: 39) == .a && grade(region: 40) == .a && grade(region: 1.5) == .a)
        #expect(grade(region: 2, flag: 1) == .d)
        #expect(grade(region: 1, flag: 1) == nil)
    }

    @Test("a malformed policy record is refused, naming the field")
    func policyRecord() throws {
        let model = Self.model(.identity)
        let cases: [(String, JSONValue?, String)] = [
            ("grading.policy.kind", .string("quantiles"), "grading.policy.kind"),
            ("grading.policy.alpha", .number("1.5"), "grading.policy.alpha"),
            ("grading.policy.grades[1].grade", .string("C"), "grading.policy.grades[1].grade"),
            ("grading.policy.grades[2].hits", .number("999"), "grading.policy.grades[2].hits"),
            ("grading.policy.minShares.B", .number("-0.1"), "grading.policy.minShares.B"),
            ("grading.policy.population", nil, "grading.policy.population"),
        ]
        for (path, value, expected) in cases {
            let data = try ModelFixtures.resealed(model) { $0.set(path, to: value) }
            let problem = ModelCorruptionTests.problem(data)
            #expect(
                ModelFormatError(problem ?? .unsigned, file: "m").path == expected,
                "\(path): \(String(describing: problem))")
        }
    }
}
