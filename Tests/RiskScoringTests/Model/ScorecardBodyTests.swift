import Foundation
import Testing

@testable import RiskScoring

/// Small scorecard models over the four features of ``ModelFixtures``.
enum ScorecardFixtures {
    /// Bins of the four features: years ≤ 2 | ≤ 5 | ≤ 10 | > 10; penalties ≤ 0 | ≤ 2 | > 2; flag ≤ 0 | > 0;
    /// regions {3200, 3201, 3202} | {3203, 3204} | {3205}; each with its missing bin last.
    static let bins = [
        IndicatorBins(edges: [2, 5, 10]), IndicatorBins(edges: [0, 2]), IndicatorBins(edges: [0]),
        IndicatorBins(categories: [[0, 1, 2], [3, 4], [5]]),
    ]

    static let woe: [[Double]] = [
        [0.5, 0.2, -0.1, -0.4, 0.1], [-0.3, 0.4, 1.2, 0], [-0.05, 2.0, 0], [-0.2, 0.1, 0.3, 0],
    ]

    static let scaling = Scorecard.Scaling(pdo: 20, baseScore: 600, baseOdds: 50)

    static let scorecard = Scorecard(
        bins: bins, woe: woe, coefficients: [0.9, 1.1, 0.7, 0.5], intercept: -2, scaling: scaling)

    static let weighted = WeightedScorecard(
        indicators: [
            .init(bins: bins[0], riskScores: [100, 60, 20, 0, 50], weight: 0.3),
            .init(bins: bins[1], riskScores: [0, 40, 100, 0], weight: 0.3),
            .init(bins: bins[2], riskScores: [0, 100, 0], weight: 0.2),
            .init(bins: bins[3], riskScores: [0, 50, 100, 25], weight: 0.2),
        ], intercept: -3, slope: 0.004)

    /// Seeded rows over the features' ranges, some missing.
    static func rows(_ count: Int) -> [[Float]] {
        var state: UInt64 = 0x5C0E
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { i in
            [
                i % 7 == 0 ? .nan : Float(next(200)) / 10, Float(next(5)), i % 5 == 0 ? .nan : Float(next(2)),
                i % 6 == 0 ? .nan : Float(next(8)),
            ]
        }
    }

    /// A frozen model of `body` (score scale `points` for a weighted body) with 24 golden vectors.
    static func model(_ body: ModelBody) -> RiskModel {
        var model = ModelFixtures.model()
        model.body = body
        if case .weighted = body { model.scoreScale = .points }
        model.goldenVectors = model.goldenVectors(for: rows(24))
        return model
    }
}

@Suite("Scorecard bodies: bins, margins, points, the codec and malformed files")
struct ScorecardBodyTests {
    @Test("a value falls in the bin whose edge is the first ≥ it; NaN and unknown codes in the missing bin")
    func bins() {
        let numeric = IndicatorBins(edges: [2, 5, 10])
        #expect([-1, 2, 2.5, 5, 9.99, 10, 10.01, 1e9].map { numeric.bin(of: $0) } == [0, 0, 1, 1, 2, 2, 3, 3])
        #expect(numeric.bin(of: .nan) == 4 && numeric.binCount == 5)
        let categories = IndicatorBins(categories: [[0, 1, 2], [3, 4], [5]])
        #expect([0, 2, 3, 5, 6, 39, -1, 1.5, .nan].map { categories.bin(of: $0) } == [0, 0, 1, 2, 3, 3, 3, 3, 3])
        #expect(IndicatorBins(edges: [3, 3]).problems(vocabularySize: 0)?.field == "edges[1]")
        #expect(IndicatorBins(categories: [[0], [0]]).problems(vocabularySize: 2)?.field == "categories[1]")
        #expect(IndicatorBins(categories: [[2]]).problems(vocabularySize: 2)?.field == "categories[0]")
    }

    @Test("the margin is intercept + Σ coefficient × WOE of the row's bins; points follow the scaling")
    func scorecardMargin() {
        let card = ScorecardFixtures.scorecard
        let row: [Float] = [3, 1, .nan, 4]
        let expected = -2 + 0.9 * 0.2 + 1.1 * 0.4 + 0.7 * 0 + 0.5 * 0.1
        #expect(abs(card.margin(row) - expected) < 1e-15)
        let scaling = ScorecardFixtures.scaling
        #expect(abs(scaling.factor - 20 / log(2)) < 1e-12)
        for row in ScorecardFixtures.rows(50) {
            #expect(abs(card.points(row) - (scaling.offset - scaling.factor * card.margin(row))) < 1e-9)
        }
        let rows = ScorecardFixtures.rows(50)
        #expect(
            card.margins(rowMajor: rows.flatMap { $0 }).map(\.bitPattern) == rows.map { card.margin($0).bitPattern })
    }

    @Test("scaling: the base score at the base odds, and PDO more points halve the odds of a hit")
    func scaling() {
        // One indicator whose second bin halves the odds: WOE difference −ln 2 at coefficient 1.
        let card = Scorecard(
            bins: [IndicatorBins(edges: [0])], woe: [[0, -log(2), 0]], coefficients: [1], intercept: -log(50),
            scaling: ScorecardFixtures.scaling)
        let safe = card.points([1])
        let base = card.points([0])
        #expect(abs(base - 600) < 1e-9)
        #expect(abs(safe - base - 20) < 1e-9)
        #expect(abs(exp(card.margin([1])) / exp(card.margin([0])) - 0.5) < 1e-12)
        // Non-hit odds at the base score are the base odds.
        #expect(abs(exp(-card.margin([0])) - 50) < 1e-9)
    }

    @Test("the weighted body: points = 10 Σ weight × risk score, margin = intercept + slope × points")
    func weightedPoints() {
        let card = ScorecardFixtures.weighted
        let row: [Float] = [1, 3, 1, 5]
        let points = 10 * (0.3 * 100 + 0.3 * 100 + 0.2 * 100 + 0.2 * 100)
        #expect(abs(card.points(row) - points) < 1e-12 && abs(card.points(row) - 1000) < 1e-9)
        #expect(card.points([20, 0, 0, 0]) == 0)
        #expect(card.margin(row) == -3 + 0.004 * card.points(row))
        let rows = ScorecardFixtures.rows(40)
        #expect(card.points(rowMajor: rows.flatMap { $0 }).map(\.bitPattern) == rows.map { card.points($0).bitPattern })
    }

    @Test("both bodies survive the codec: canonical bytes, load with golden vectors, equal values", arguments: [0, 1])
    func roundTrip(which: Int) throws {
        let body: ModelBody =
            which == 0 ? .scorecard(ScorecardFixtures.scorecard) : .weighted(ScorecardFixtures.weighted)
        let model = ScorecardFixtures.model(body)
        let bytes = try model.canonicalBytes()
        let loaded = try RiskModel.decode(Data(bytes), file: "m.json")
        #expect(loaded.body == body)
        #expect(loaded.scoreScale == (which == 0 ? .probabilityPerMille : .points))
        #expect(try loaded.canonicalBytes() == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"kind\": \"\(which == 0 ? "scorecard" : "weighted")\""))
        #expect(text.contains("\"categories\": [\"3200\", \"3201\", \"3202\"]") || text.contains("\"3203\""))
    }

    /// The problem a model file edited by `edit` (digest recomputed) is refused with.
    static func problem(_ body: ModelBody, _ edit: (inout JSONValue) -> Void) throws -> ModelFormatError.Problem? {
        let data = try ModelFixtures.resealed(ScorecardFixtures.model(body), edit)
        do {
            _ = try RiskModel.decode(data, file: "model.json")
            return nil
        } catch {
            return error.problem
        }
    }

    @Test("malformed scorecard bodies are refused naming the field path")
    func malformedScorecard() throws {
        let body = ModelBody.scorecard(ScorecardFixtures.scorecard)
        for path in [
            "body.indicators[1].woe", "body.indicators[0].edges", "body.indicators[3].categories", "body.scaling.pdo",
            "body.intercept", "body.indicators[2].coefficient", "body.indicators[0].points", "body.scaling",
        ] {
            let problem = try Self.problem(body) { $0.set(path, to: nil) }
            guard case .missingField(let reported, _) = problem else {
                Issue.record("\(path): \(String(describing: problem))")
                continue
            }
            #expect(reported == path)
        }
        let cases: [(String, JSONValue, String)] = [
            (
                "body.indicators[0].edges", .array([.number("2"), .number("10"), .number("5")]),
                "body.indicators[0].edges[2]"
            ),
            (
                "body.indicators[0].edges", .array([.number("2"), .number("2"), .number("5")]),
                "body.indicators[0].edges[1]"
            ),
            ("body.indicators[3].categories[1][0]", .string("9999"), "body.indicators[3].categories[1]"),
            ("body.indicators[3].categories[1][0]", .string("3200"), "body.indicators[3].categories[1]"),
            ("body.indicators[0].woe", .array([.number("0.5")]), "body.indicators[0].woe"),
            ("body.indicators[0].points[0]", .number("99"), "body.indicators[0].points[0]"),
            ("body.scaling.pdo", .number("0"), "body.scaling.pdo"),
            ("body.indicators", .array([]), "body.indicators"),
            ("scoreScale", .string("points"), "scoreScale"),
        ]
        for (path, value, expected) in cases {
            let problem = try Self.problem(body) { $0.set(path, to: value) }
            guard case .invalidValue(let reported, _, _) = problem else {
                Issue.record("\(path): \(String(describing: problem))")
                continue
            }
            #expect(reported == expected, "\(path)")
        }
        #expect(
            try Self.problem(body) { $0.set("body.featureCount", to: .number("3")) }
                == .featureCountMismatch(features: 4, body: 3))
        let wrongType = try Self.problem(body) { $0.set("body.indicators[0].woe[1]", to: .string("x")) }
        #expect(wrongType?.isWrongType(at: "body.indicators[0].woe[1]") == true)
    }

    @Test("malformed weighted bodies are refused naming the field path")
    func malformedWeighted() throws {
        let body = ModelBody.weighted(ScorecardFixtures.weighted)
        for path in ["body.indicators[0].riskScores", "body.indicators[2].weight", "body.slope", "body.intercept"] {
            let problem = try Self.problem(body) { $0.set(path, to: nil) }
            guard case .missingField(let reported, _) = problem else {
                Issue.record("\(path): \(String(describing: problem))")
                continue
            }
            #expect(reported == path)
        }
        let cases: [(String, JSONValue, String)] = [
            ("body.indicators[0].riskScores[1]", .number("120"), "body.indicators[0].riskScores[1]"),
            ("body.indicators[0].weight", .number("0.5"), "body.indicators"),
            ("body.indicators[1].weight", .number("-0.1"), "body.indicators[1].weight"),
            ("body.indicators[1].edges", .array([.number("3"), .number("1")]), "body.indicators[1].edges[1]"),
            ("scoreScale", .string("probability_per_mille"), "scoreScale"),
        ]
        for (path, value, expected) in cases {
            let problem = try Self.problem(body) { $0.set(path, to: value) }
            guard case .invalidValue(let reported, _, _) = problem else {
                Issue.record("\(path): \(String(describing: problem))")
                continue
            }
            #expect(reported == expected, "\(path)")
        }
    }
}

extension ModelFormatError.Problem {
    /// Whether the problem is a wrong type at `path`.
    func isWrongType(at path: String) -> Bool {
        if case .wrongType(let reported, _, _) = self { return reported == path }
        return false
    }
}

@Suite("Golden model files: the scorecard bodies of format 1.0 load and score forever")
struct ScorecardGoldenModelTests {
    @Test("format-1.0-scorecard.json and format-1.0-weighted.json load and score the pinned rows as written")
    func load() throws {
        let card = try RiskModel.load(path: try GoldenModelTests.resource("format-1.0-scorecard.json"))
        #expect(card.body == .scorecard(ScorecardFixtures.scorecard))
        #expect(card.goldenVectors.count == 24 && card.scoreScale == .probabilityPerMille)
        #expect(card.margin([3, 1, .nan, 4]) == -1.3299999999999998)
        let weighted = try RiskModel.load(path: try GoldenModelTests.resource("format-1.0-weighted.json"))
        #expect(weighted.body == .weighted(ScorecardFixtures.weighted))
        #expect(weighted.scoreScale == .points)
        #expect(weighted.body.points([1, 3, 1, 5]) == 1000)
    }

    /// Writes the scorecard golden files into `RISKGRADE_WRITE_GOLDEN_MODELS` when set (once; the files are then
    /// committed and never regenerated).
    @Test("the scorecard golden files are regenerated only on request")
    func generate() throws {
        guard let folder = ProcessInfo.processInfo.environment["RISKGRADE_WRITE_GOLDEN_MODELS"] else { return }
        for (name, body) in [
            ("scorecard", ModelBody.scorecard(ScorecardFixtures.scorecard)),
            ("weighted", .weighted(ScorecardFixtures.weighted)),
        ] {
            let model = ScorecardFixtures.model(body)
            try Data(try model.canonicalBytes()).write(to: URL(fileURLWithPath: folder + "/format-1.0-\(name).json"))
        }
    }
}
