import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

/// A small config: two dimensions, AHP over them, direct weights on one, none on the other.
private func config(weights: String = "") -> String {
    """
    name: small
    indicator_system:
      comparisons: [[1, 3], [1/3, 1]]
      dimensions:
        - name: supervision
          label: 监管信息
          indicators:
            - { name: penalties, label: 处罚, kind: count, direction: increasing, weight: 0.7 }
            - { name: dishonest, label: 失信, kind: flag, direction: increasing, weight: 0.3 }
        - name: basic
          label: 基础属性
          indicators:
            - { name: years, label: 成立年限, kind: numeric, direction: decreasing }
            - { name: region, label: 区域, kind: categorical }
    \(weights)
    """
}

/// A table for `config()`'s indicators.
private func table() -> Dataset {
    Dataset(columns: [
        .numeric("penalties", [0, 1, 3, 0, 2, 6]), .numeric("dishonest", [0, 0, 1, 0, 0, 1]),
        .numeric("years", [12.5, 3, 0.5, 20, 9, 7]), .categorical("region", ["a", "b", "a", "c", "b", "a"]),
    ])
}

/// Learned columns for `config()`'s four indicators.
private let learned = [
    LearnedWeights(source: .learnedGBDT, indicators: [0.5, 0.1, 0.3, 0.1], origin: "test"),
    LearnedWeights(source: .learnedGBDTGain, indicators: [0.6, 0.1, 0.2, 0.1], origin: "test"),
]

private func build(weights: String = "", learned: [LearnedWeights] = learned) throws -> WeightsTable {
    let config = try ExperimentConfig.load(yaml: config(weights: weights), file: "small.yaml")
    return try WeightsTable.build(config: config, configFile: "small.yaml", table: table(), learned: learned)
}

private func column(_ table: WeightsTable, _ name: String) -> [Double] {
    table.indicators.map { $0.weights[name] ?? 0 }
}

@Suite("Weights table: sources side by side, blend, shrinkage, files")
struct WeightsTableTests {
    @Test("every column sums to 1 over the indicators, the blend included, and dimensions are their indicators' sums")
    func columnsSumToOne() throws {
        let weights = try build(weights: "weights: { blend: { expert: 0.4, learned_gbdt: 0.4, entropy: 0.2 } }")
        #expect(
            weights.columns.map(\.name) == [
                "expert", "entropy", "critic", "coefficient_of_variation", "learned_gbdt", "learned_gbdt_gain", "blend",
            ])
        for name in weights.columns.map(\.name) {
            #expect(abs(column(weights, name).reduce(0, +) - 1) < 1e-12, "\(name)")
            let dimensions = weights.dimensions.map { $0.weights[name] ?? 0 }
            #expect(abs(dimensions.reduce(0, +) - 1) < 1e-12, "\(name)")
        }
        // Expert: AHP 0.75/0.25 over the dimensions × direct 0.7/0.3; basic has none, so uniform inside it.
        #expect(zip(column(weights, "expert"), [0.525, 0.225, 0.125, 0.125]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(weights.indicators.map(\.expertBasis) == [.direct, .direct, .uniform, .uniform])
        #expect(
            weights.notes.contains { $0.contains("basic (indicator_system.dimensions[1])") && $0.contains("uniform") })
        // The blend is the convex combination; the categorical region has no entropy weight and counts 0 there.
        #expect(weights.indicators[3].weights["entropy"] == nil)
        for (i, row) in weights.indicators.enumerated() {
            let expected =
                0.4 * (row.weights["expert"] ?? 0) + 0.4 * learned[0].indicators[i] + 0.2
                * (row.weights["entropy"] ?? 0)
            #expect(abs((row.weights["blend"] ?? -1) - expected) < 1e-12)
        }
    }

    @Test("shrinkage: each learned source becomes (1 − λ)·learned + λ·expert, and the blend reads the shrunk column")
    func shrinkage() throws {
        let weights = try build(weights: "weights: { blend: { learned_gbdt: 0.5, critic: 0.5 }, shrinkage: 0.3 }")
        #expect(weights.columns.map(\.name).contains("learned_gbdt_shrunk"))
        #expect(weights.columns.map(\.name).contains("learned_gbdt_gain_shrunk"))
        let expert = column(weights, "expert")
        let shrunk = column(weights, "learned_gbdt_shrunk")
        for i in 0..<4 { #expect(abs(shrunk[i] - (0.7 * learned[0].indicators[i] + 0.3 * expert[i])) < 1e-12) }
        let blend = column(weights, "blend")
        let critic = column(weights, "critic")
        for i in 0..<4 { #expect(abs(blend[i] - (0.5 * shrunk[i] + 0.5 * critic[i])) < 1e-12) }
        #expect(abs(blend.reduce(0, +) - 1) < 1e-12)
    }

    @Test("a blend naming a source without weights is an error saying how to get them")
    func unavailableSource() throws {
        #expect {
            try build(weights: "weights: { blend: { expert: 0.5, learned_gbdt: 0.5 } }", learned: [])
        } throws: { error in
            guard case .sourceUnavailable(let source, _, _) = error as? WeightsError else { return false }
            return source == .learnedGBDT && String(describing: error).contains("--model")
        }
    }

    @Test("the weights section is validated: sum, sign, names (with a suggestion) and λ's range")
    func configValidation() {
        let cases: [(String, String)] = [
            ("weights: { blend: { expert: 0.5, entropy: 0.4 } }", "sum to 0.9"),
            ("weights: { blend: { expert: 1.5, entropy: -0.5 } }", "outside the valid range [0, ∞)"),
            ("weights: { blend: { expert: 0.5, entrpy: 0.5 } }", "did you mean \"entropy\""),
            ("weights: { blend: {} }", "names no source"),
            ("weights: { shrinkage: 1.5 }", "weights.shrinkage"),
            ("weights: { shrinkge: 0.2 }", "did you mean \"shrinkage\""),
        ]
        for (section, message) in cases {
            #expect(throws: ConfigError.self, "\(section)") {
                try ExperimentConfig.load(yaml: config(weights: section), file: "small.yaml")
            }
            do {
                _ = try ExperimentConfig.load(yaml: config(weights: section), file: "small.yaml")
            } catch {
                #expect(String(describing: error).contains(message), "\(error)")
            }
        }
    }

    @Test("general.yaml's weights section: the documented blend and shrinkage")
    func generalConfig() throws {
        let config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        let expected = WeightsSpec(
            blend: [
                .init(source: .expert, coefficient: 0.4), .init(source: .entropy, coefficient: 0.2),
                .init(source: .learnedGBDT, coefficient: 0.4),
            ], shrinkage: 0.3)
        #expect(config.weights == expected)
    }

    @Test("an importance table from another config is refused, naming what differs")
    func importanceMismatch() throws {
        let config = try ExperimentConfig.load(yaml: config(), file: "small.yaml")
        // Written as riskgrade train writes it, with an indicator the config does not have.
        let json = """
            {"indicators": [
              {"name": "penalties", "dimension": "supervision", "gain": 1, "gainShare": 0.5, "splits": 1,
               "meanAbsoluteSHAP": 1, "shapShare": 0.5},
              {"name": "licences", "dimension": "supervision", "gain": 1, "gainShare": 0.5, "splits": 1,
               "meanAbsoluteSHAP": 1, "shapShare": 0.5}],
             "dimensions": [], "sampleRows": 10}
            """
        let importance = try JSONDecoder().decode(ImportanceTable.self, from: Data(json.utf8))
        #expect {
            try LearnedWeights.gradientBoosting(importance, system: config.indicatorSystem, file: "run/importance.json")
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("run/importance.json:") && text.contains("lacks dishonest, years, region")
                && text.contains("licences")
        }
    }

    @Test("a run folder without importance.json is refused, naming the file")
    func missingImportance() throws {
        let config = try ExperimentConfig.load(yaml: config(), file: "small.yaml")
        let directory = TestFiles.temporaryDirectory("run")
        #expect {
            try LearnedWeights.gradientBoosting(runDirectory: directory, system: config.indicatorSystem)
        } throws: { error in
            guard case .unreadableImportance(let file, _) = error as? WeightsError else { return false }
            return file.hasSuffix("/importance.json") && String(describing: error).contains("--model")
        }
        try TestFiles.write("{\"indicators\": 3}", to: "importance.json", in: directory)
        #expect(throws: WeightsError.self) {
            try LearnedWeights.gradientBoosting(runDirectory: directory, system: config.indicatorSystem)
        }
    }

    @Test("a blend over an objective source with no varying indicator is refused")
    func constantTable() throws {
        let config = try ExperimentConfig.load(
            yaml: config(weights: "weights: { blend: { entropy: 1 } }"), file: "small.yaml")
        let constant = Dataset(columns: [
            .numeric("penalties", [1, 1]), .numeric("dishonest", [0, 0]), .numeric("years", [3, 3]),
            .categorical("region", ["a", "b"]),
        ])
        #expect {
            try WeightsTable.build(config: config, configFile: "small.yaml", table: constant)
        } throws: { error in
            guard case .sourceUnavailable(.entropy, _, _) = error as? WeightsError else { return false }
            return String(describing: error).contains("no numeric indicator varies")
        }
    }

    @Test("CSV, JSON and Markdown are written; the JSON reads back to the same table")
    func files() throws {
        let weights = try build(weights: "weights: { blend: { expert: 0.5, entropy: 0.5 } }")
        let directory = TestFiles.temporaryDirectory("weights")
        try weights.write(to: directory)
        let decoded = try JSONDecoder().decode(
            WeightsTable.self, from: TestFiles.bytes(WeightsTable.File.json, in: directory))
        #expect(decoded == weights)
        let csv = String(decoding: try TestFiles.bytes(WeightsTable.File.csv, in: directory), as: UTF8.self)
        let lines = csv.split(separator: "\n")
        #expect(
            lines.first
                == "level,name,label,dimension,expert_basis,expert,entropy,critic,coefficient_of_variation,learned_gbdt,learned_gbdt_gain,blend"
        )
        #expect(lines.count == 1 + 4 + 2)
        #expect(lines[4].hasPrefix("indicator,region,区域,basic,uniform,0.125,,,,0.1,0.1,"))
        let markdown = String(decoding: try TestFiles.bytes(WeightsTable.File.markdown, in: directory), as: UTF8.self)
        #expect(markdown.contains("| dimensions | indicator_system | ahp | 2 |"))
    }

    @Test("Spearman's ρ with ties, and recovery against a known ranking")
    func spearman() throws {
        #expect(RankCorrelation.ranks([3, 1, 3, 2]) == [3.5, 1, 3.5, 2])
        #expect(abs(RankCorrelation.spearman([1, 2, 3, 4], [10, 20, 30, 40]) - 1) < 1e-12)
        #expect(abs(RankCorrelation.spearman([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-12)
        // ranks x = (1, 2, 3, 4), y = (1, 3, 2, 4): 1 − 6·Σd²/(n(n²−1)) = 1 − 6·2/60 = 0.8.
        #expect(abs(RankCorrelation.spearman([1, 2, 3, 4], [1, 3, 2, 4]) - 0.8) < 1e-12)
        #expect(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]) == 0)
    }
}
