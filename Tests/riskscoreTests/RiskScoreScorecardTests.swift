import Foundation
import RiskScoring
import Testing

@testable import riskscore

/// `riskscore` with scorecard bodies: a model file of each, scored end to end.
@Suite("riskscore: scorecard and weighted scorecard models")
struct RiskScoreScorecardTests {
    static let features = [
        ModelFeature(
            name: "penalties_1y", dimension: "supervision", kind: .count, direction: .increasing,
            validRange: 0...100, missing: .allowed),
        ModelFeature(name: "region", dimension: "basic", kind: .categorical, vocabulary: ["3201", "3202"]),
    ]

    /// A model of `body` over penalties (≤ 0 | ≤ 2 | > 2) and region ({3201} | {3202}).
    static func model(_ body: ModelBody) -> RiskModel {
        var model = RiskModel(
            identity: ModelIdentity(
                name: "general", version: "2026Q4", createdAt: "2026-10-01T00:00:00Z", toolkitVersion: Toolkit.version),
            features: features, body: body)
        if case .weighted = body { model.scoreScale = .points }
        model.goldenVectors = model.goldenVectors(for: (0..<24).map { [Float($0 % 5), Float($0 % 2)] })
        return model
    }

    static let bins = [IndicatorBins(edges: [0, 2]), IndicatorBins(categories: [[0], [1]])]

    /// Writes the model and the input into a fresh folder; returns it.
    static func workspace(_ model: RiskModel) throws -> String {
        let directory = NSTemporaryDirectory() + "riskscore-card-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(try model.canonicalBytes()).write(to: URL(fileURLWithPath: directory + "/model.json"))
        try Data("id,penalties_1y,region\nA,0,3201\nB,3,3202\nC,,3201\n".utf8).write(
            to: URL(fileURLWithPath: directory + "/in.csv"))
        return directory
    }

    @Test("a logistic scorecard: probabilities of its margins, points lost as reasons")
    func scorecard() throws {
        let card = Scorecard(
            bins: Self.bins, woe: [[-0.5, 0.2, 1.0, 0], [-0.1, 0.3, 0]], coefficients: [1, 1], intercept: -2,
            scaling: Scorecard.Scaling(pdo: 20, baseScore: 600, baseOdds: 50))
        let directory = try Self.workspace(Self.model(.scorecard(card)))
        let result = RiskScoreCommandTests.run([
            "--model", directory + "/model.json", "--input", directory + "/in.csv", "--output", directory + "/out.csv",
            "--reasons", "2",
        ])
        #expect(result.status == RiskScoreCommand.success, "\(result.errors)")
        #expect(result.output.contains("scorecard"))
        let lines = try String(contentsOfFile: directory + "/out.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        // B: margin −2 + 1.0 + 0.3 = −0.7; penalties lose (1.0 − (−0.5))·20/ln 2 points, region 0.4·20/ln 2.
        let b = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(abs(Double(b[1])! - 1 / (1 + exp(0.7))) < 1e-8)
        #expect(b[5] == "penalties_1y" && b[6] == "3" && abs(Double(b[7])! - 1.5 * 20 / log(2)) < 1e-3)
        #expect(b[8] == "region" && abs(Double(b[10])! - 0.4 * 20 / log(2)) < 1e-3)
        // A sits in both best bins: no reason.
        #expect(lines[1].hasSuffix(",,,,,,"))
    }

    @Test("a weighted scorecard: the score is its points")
    func weighted() throws {
        let card = WeightedScorecard(
            indicators: [
                .init(bins: Self.bins[0], riskScores: [0, 50, 100, 30], weight: 0.6),
                .init(bins: Self.bins[1], riskScores: [0, 100, 0], weight: 0.4),
            ], intercept: -3, slope: 0.005)
        let directory = try Self.workspace(Self.model(.weighted(card)))
        let result = RiskScoreCommandTests.run([
            "--model", directory + "/model.json", "--input", directory + "/in.csv", "--output", directory + "/out.csv",
        ])
        #expect(result.status == RiskScoreCommand.success, "\(result.errors)")
        let lines = try String(contentsOfFile: directory + "/out.csv", encoding: .utf8).split(separator: "\n")
        let scores = lines.dropFirst().map { Double($0.split(separator: ",")[2])! }
        // A 0; B 10·(0.6·100 + 0.4·100) = 1000 → D; C (missing penalties) 10·0.6·30 = 180.
        #expect(scores == [0, 1000, 180])
        #expect(lines[2].split(separator: ",")[3] == "D")
        let p = Double(lines[3].split(separator: ",")[1])!
        #expect(abs(p - 1 / (1 + exp(3 - 0.005 * 180))) < 1e-8)
    }
}
