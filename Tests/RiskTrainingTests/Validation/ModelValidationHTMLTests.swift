import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("ModelValidation's HTML report, ROC points and expert vs learned weights")
struct ModelValidationHTMLTests {
    /// `count` scores rounded to `levels` distinct values (so ties occur) and labels rising with the score.
    static func sample(count: Int, levels: Double, seed: UInt64) -> (scores: [Double], labels: [Double]) {
        var generator = SeededGenerator(seed: seed)
        var scores: [Double] = [], labels: [Double] = []
        for _ in 0..<count {
            let score = (generator.uniform() * levels).rounded(.down)
            scores.append(score)
            labels.append(generator.bernoulli(0.1 + 0.6 * score / levels) ? 1 : 0)
        }
        return (scores, labels)
    }

    @Test("every ROC point is a naive threshold sweep's; with every threshold kept, the trapezoids give the AUC")
    func rocAgainstNaiveSweep() throws {
        for (levels, seed) in [(40.0, 1 as UInt64), (5000, 2)] {
            let (scores, labels) = Self.sample(count: 1500, levels: levels, seed: seed)
            let points = ModelValidation.rocCurve(scores: scores, labels: labels)
            let positives = Double(labels.filter { $0 == 1 }.count), negatives = Double(labels.count) - positives
            #expect(points.count <= ModelValidation.rocPointLimit)
            #expect(points.first?.falsePositiveRate == 0 && points.first?.truePositiveRate == 0)
            #expect(points.last?.falsePositiveRate == 1 && points.last?.truePositiveRate == 1)
            for point in points.dropFirst() {
                let threshold = try #require(point.threshold)
                let flagged = scores.indices.filter { scores[$0] >= threshold }
                let hits = Double(flagged.filter { labels[$0] == 1 }.count)
                #expect(point.truePositiveRate == hits / positives)
                #expect(point.falsePositiveRate == (Double(flagged.count) - hits) / negatives)
            }
            let thresholds = points.compactMap(\.threshold)
            #expect(zip(thresholds, thresholds.dropFirst()).allSatisfy { $0 > $1 })
            if Set(scores).count + 1 <= ModelValidation.rocPointLimit {
                #expect(points.count == Set(scores).count + 1)
                let area = zip(points, points.dropFirst()).map { a, b in
                    (b.falsePositiveRate - a.falsePositiveRate) * (a.truePositiveRate + b.truePositiveRate) / 2
                }.reduce(0, +)
                #expect(abs(area - (try Discrimination.auc(scores: scores, labels: labels))) < 1e-12)
            } else {
                #expect(points.count == ModelValidation.rocPointLimit)
            }
        }
    }

    @Test("the weights carried are the config's expert weights and the model's learned shares, renormalised")
    func weights() throws {
        let config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        var model = ModelRegistryTests.model(version: "2026Q3")
        model.indicatorWeights = [
            "penalties_1y": ["shap": 3, "gain": 9], "serious_dishonesty": ["shap": 1],
        ]
        let comparison = try ModelValidation.weightComparison(model: model, config: config, file: "general.yaml")
        let expert = try ExpertWeights(system: config.indicatorSystem, file: "general.yaml")
        #expect(comparison.learnedSource == "shap")
        #expect(comparison.indicators.map(\.expert) == expert.indicators)
        #expect(comparison.dimensions.map(\.expert) == expert.dimensions.weights)
        let learned = Dictionary(uniqueKeysWithValues: comparison.indicators.map { ($0.name, $0.learned ?? -1) })
        #expect(learned["penalties_1y"] == 0.75 && learned["serious_dishonesty"] == 0.25)
        #expect(learned.values.reduce(0, +) == 1)
        let supervision = try #require(comparison.dimensions.first { $0.name == "supervision" })
        #expect(supervision.learned == 1 && supervision.label == "监管信息")
        model.indicatorWeights = [:]
        let none = try ModelValidation.weightComparison(model: model, config: config, file: "general.yaml")
        #expect(none.learnedSource == nil && none.indicators.allSatisfy { $0.learned == nil })
    }

    /// A validation of the rows ModelValidationTests builds, with a break in region y and weights.
    static func validation() throws -> ModelValidation {
        let rows = ModelValidationTests.rows([
            (.a, .random, 0, "x", 90), (.a, .random, 1, "x", 4),
            (.b, .random, 0, "x", 45), (.b, .random, 1, "x", 6),
            (.c, .random, 0, "x", 16), (.c, .random, 1, "x", 5),
            (.d, .random, 0, "x", 5), (.d, .random, 1, "x", 6),
            (.a, .random, 0, "y <&>", 70), (.a, .random, 1, "y <&>", 30),
            (.b, .random, 0, "y <&>", 95), (.b, .random, 1, "y <&>", 5),
            (.a, .targeted, 1, "x", 30), (.d, .targeted, 0, "x", 30),
        ])
        var v = try ModelValidation(
            model: "general@2026Q3", data: "t.csv", quarters: ["2026Q4"], rows: rows, groupColumns: ["region"])
        v.weights = ModelValidation.WeightComparison(
            learnedSource: "shap",
            dimensions: [.init(name: "supervision", label: "监管信息", expert: 1, learned: 1)],
            indicators: [
                .init(name: "penalties_1y", label: "近1年行政处罚次数", expert: 0.6, learned: 0.75),
                .init(name: "serious_dishonesty", label: "列入严重违法失信名单", expert: 0.4, learned: 0.25),
            ])
        return v
    }

    @Test("the page holds every section, its labels in each language, balanced tags, no network reference")
    func page() throws {
        let v = try Self.validation()
        for (language, labels) in [
            (
                ReportLanguage.english,
                [
                    "<html lang=\"en\">", "Random inspections by grade", "ROC curve", "Cumulative capture of hits",
                    "Lift by score decile", "Predicted vs observed", "Targeted inspections", "Inspection efficiency",
                    "expert vs learned", ">penalties_1y</text>", "breaks: A&gt;B",
                ]
            ),
            (
                ReportLanguage.chinese,
                [
                    "<html lang=\"zh-CN\">", "按等级的双随机抽查", "ROC 曲线", "问题累计捕获率", "各分数十分位提升度", "预测与实际发现率",
                    "定向检查", "抽查效率模拟", "专家与模型学习", ">近1年行政处罚次数</text>", "倒挂：A&gt;B",
                ]
            ),
        ] {
            let html = v.html(language: language)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<meta charset=\"utf-8\">"))
            for id in [
                "summary", "discovery", "discrimination", "gains", "calibration", "breakdowns", "targeted",
                "efficiency", "weights",
            ] {
                #expect(html.contains("id=\"\(id)\""), "section \(id) missing")
            }
            for label in labels { #expect(html.contains(label), "\(label) missing") }
            let check = MarkupChecker.balanced(html)
            #expect(check.ok, "\(check.problem)")
            #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
            // The group value is escaped; the row of the break is highlighted.
            #expect(html.contains("<td>y &lt;&amp;&gt;</td>") && !html.contains("y <&>"))
            #expect(html.contains("<tr class=\"break\"><td>y &lt;&amp;&gt;</td>"))
            #expect(html == v.html(language: language))
            // One chart per figure: discovery by grade twice (random, targeted), ROC, gains, lift, calibration,
            // weights by dimension and by indicator.
            #expect(MarkupChecker.count("<svg ", in: html) == 8)
        }
        // The verdict: region y's A (30% of 100) lifts A above B overall, so the order fails and the line says so.
        #expect(!v.random.monotone && v.html().contains("<p class=\"verdict bad\">✗ Discovery rates do NOT rise"))
    }

    @Test("the ROC points and weights survive the JSON, so the page is reproducible from validation.json")
    func reproducibleFromJSON() throws {
        let v = try Self.validation()
        let directory = TestFiles.temporaryDirectory("validation-html")
        try v.write(to: directory, language: .chinese)
        let json = try Data(contentsOf: URL(fileURLWithPath: directory + "/validation.json"))
        let decoded = try JSONDecoder().decode(ModelValidation.self, from: json)
        #expect(decoded == v && decoded.figures?.roc.isEmpty == false)
        let page = try String(contentsOfFile: directory + "/validation.html", encoding: .utf8)
        #expect(page == decoded.html(language: .chinese))
    }
}
