import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

/// The package root, found from this file's path: Tests/RiskTrainingTests/Config/ConfigTests.swift.
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A small valid indicator system: two dimensions, three indicators.
private let smallSystem = """
    indicator_system:
      dimensions:
        - name: d1
          label: 维度一
          indicators:
            - { name: a, label: 甲, kind: count }
            - { name: b, label: 乙, kind: flag }
        - name: d2
          label: 维度二
          indicators:
            - { name: c, label: 丙, kind: numeric, direction: increasing }
    """

/// A config made of `name`, an indicator system (the small one unless given) and `rest`.
private func yaml(system: String = smallSystem, _ rest: String = "") -> String {
    "name: test\n" + system + "\n" + rest
}

/// An indicator system with one dimension holding `indicators` (flow mappings, one per line) and `extra` keys.
private func oneDimension(_ indicators: [String], extra: String = "") -> String {
    """
    indicator_system:
      dimensions:
        - name: d1
          label: 维度一
    \(extra.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
          indicators:
    \(indicators.map { "        - " + $0 }.joined(separator: "\n"))
    """
}

/// The name of an error's enum case, e.g. `unknownKey`.
private func caseName(_ error: ConfigError) -> String {
    Mirror(reflecting: error).children.first?.label ?? "\(error)"
}

/// Loads `text` and returns the `ConfigError` it throws, recording an issue if it loads or throws something else.
private func loadError(_ text: String) -> ConfigError? {
    do {
        _ = try ExperimentConfig.load(yaml: text, file: "test.yaml")
        Issue.record("expected the config to be rejected")
    } catch let error as ConfigError {
        return error
    } catch {
        Issue.record("expected a ConfigError, got \(error)")
    }
    return nil
}

/// An invalid config, the error case it must raise and the key path the error must name.
struct InvalidConfig: Sendable, CustomTestStringConvertible {
    let title: String
    let yaml: String
    let expectedCase: String
    let keyPath: String
    var testDescription: String { title }
}

private let invalidConfigs: [InvalidConfig] = [
    InvalidConfig(
        title: "unknown key at the root", yaml: yaml("modle: {}"), expectedCase: "unknownKey", keyPath: "modle"),
    InvalidConfig(
        title: "unknown key in an indicator",
        yaml: yaml(system: oneDimension(["{ name: a, label: 甲, kind: count, directon: increasing }"])),
        expectedCase: "unknownKey", keyPath: "indicator_system.dimensions[0].indicators[0].directon"),
    InvalidConfig(
        title: "missing required key", yaml: yaml(system: oneDimension(["{ name: a, label: 甲 }"])),
        expectedCase: "missingKey", keyPath: "indicator_system.dimensions[0].indicators[0].kind"),
    InvalidConfig(
        title: "text where a number belongs", yaml: yaml("model: { boosting: { rounds: many } }"),
        expectedCase: "typeMismatch", keyPath: "model.boosting.rounds"),
    InvalidConfig(
        title: "a fraction where a whole number belongs", yaml: yaml("model: { boosting: { rounds: 2.5 } }"),
        expectedCase: "typeMismatch", keyPath: "model.boosting.rounds"),
    InvalidConfig(
        title: "a mapping where a list belongs", yaml: yaml(system: "indicator_system: { dimensions: { a: 1 } }"),
        expectedCase: "typeMismatch", keyPath: "indicator_system.dimensions"),
    InvalidConfig(
        title: "unknown kind", yaml: yaml(system: oneDimension(["{ name: a, label: 甲, kind: counter }"])),
        expectedCase: "unknownValue", keyPath: "indicator_system.dimensions[0].indicators[0].kind"),
    InvalidConfig(
        title: "unknown direction",
        yaml: yaml(system: oneDimension(["{ name: a, label: 甲, kind: count, direction: up }"])),
        expectedCase: "unknownValue", keyPath: "indicator_system.dimensions[0].indicators[0].direction"),
    InvalidConfig(
        title: "unknown missing policy",
        yaml: yaml(system: oneDimension(["{ name: a, label: 甲, kind: count, missing: skip }"])),
        expectedCase: "unknownValue", keyPath: "indicator_system.dimensions[0].indicators[0].missing"),
    InvalidConfig(
        title: "unknown learner", yaml: yaml("model: { learner: xgboost }"), expectedCase: "unknownValue",
        keyPath: "model.learner"),
    InvalidConfig(
        title: "unknown hard-rule action",
        yaml: yaml("grading: { hard_rules: [ { indicator: b, condition: is_set, action: grade_e } ] }"),
        expectedCase: "unknownValue", keyPath: "grading.hard_rules[0].action"),
    InvalidConfig(
        title: "unknown hard-rule condition",
        yaml: yaml("grading: { hard_rules: [ { indicator: b, condition: is_on, action: grade_d } ] }"),
        expectedCase: "unknownValue", keyPath: "grading.hard_rules[0].condition"),
    InvalidConfig(
        title: "invalid indicator name", yaml: yaml(system: oneDimension(["{ name: 1a, label: 甲, kind: count }"])),
        expectedCase: "invalidName", keyPath: "indicator_system.dimensions[0].indicators[0].name"),
    InvalidConfig(
        title: "duplicate indicator name",
        yaml: yaml(
            system: oneDimension([
                "{ name: a, label: 甲, kind: count }", "{ name: a, label: 乙, kind: flag, column: a2 }",
            ])),
        expectedCase: "duplicateName", keyPath: "indicator_system.dimensions[0].indicators[1].name"),
    InvalidConfig(
        title: "duplicate dimension name",
        yaml: yaml(system: smallSystem.replacingOccurrences(of: "name: d2", with: "name: d1")),
        expectedCase: "duplicateName", keyPath: "indicator_system.dimensions[1].name"),
    InvalidConfig(
        title: "duplicate column",
        yaml: yaml(
            system: oneDimension(["{ name: a, label: 甲, kind: count }", "{ name: b, label: 乙, kind: flag, column: a }"])
        ),
        expectedCase: "duplicateName", keyPath: "indicator_system.dimensions[0].indicators[1].column"),
    InvalidConfig(
        title: "indicator reading the label column",
        yaml: yaml(system: oneDimension(["{ name: hit, label: 命中, kind: flag }"])),
        expectedCase: "duplicateName", keyPath: "indicator_system.dimensions[0].indicators[0].name"),
    InvalidConfig(
        title: "empty indicator list",
        yaml: yaml(system: oneDimension([]).replacingOccurrences(of: "indicators:", with: "indicators: []")),
        expectedCase: "emptyList", keyPath: "indicator_system.dimensions[0].indicators"),
    InvalidConfig(
        title: "comparison matrix not square", yaml: yaml(system: smallSystem + "\n  comparisons: [[1, 2], [1/2]]"),
        expectedCase: "comparisonsNotSquare", keyPath: "indicator_system.comparisons[1]"),
    InvalidConfig(
        title: "comparison matrix sized wrong",
        yaml: yaml(system: smallSystem + "\n  comparisons: [[1, 2, 3], [1/2, 1, 1], [1/3, 1, 1]]"),
        expectedCase: "comparisonsWrongSize", keyPath: "indicator_system.comparisons"),
    InvalidConfig(
        title: "comparison entry not positive", yaml: yaml(system: smallSystem + "\n  comparisons: [[1, 0], [0, 1]]"),
        expectedCase: "comparisonNotPositive", keyPath: "indicator_system.comparisons[0][1]"),
    InvalidConfig(
        title: "comparison diagonal not 1", yaml: yaml(system: smallSystem + "\n  comparisons: [[1, 2], [1/2, 2]]"),
        expectedCase: "comparisonDiagonalNotOne", keyPath: "indicator_system.comparisons[1][1]"),
    InvalidConfig(
        title: "comparisons not reciprocal", yaml: yaml(system: smallSystem + "\n  comparisons: [[1, 3], [0.333, 1]]"),
        expectedCase: "comparisonsNotReciprocal", keyPath: "indicator_system.comparisons[1][0]"),
    InvalidConfig(
        title: "comparison entry neither number nor fraction",
        yaml: yaml(system: smallSystem + "\n  comparisons: [[1, three], [1/3, 1]]"),
        expectedCase: "typeMismatch", keyPath: "indicator_system.comparisons[0][1]"),
    InvalidConfig(
        title: "weights and comparisons on one level",
        yaml: yaml(
            system: oneDimension(
                ["{ name: a, label: 甲, kind: count, weight: 0.5 }", "{ name: b, label: 乙, kind: flag, weight: 0.5 }"],
                extra: "comparisons: [[1, 2], [1/2, 1]]")),
        expectedCase: "weightsAndComparisons", keyPath: "indicator_system.dimensions[0].indicators[0].weight"),
    InvalidConfig(
        title: "weights on some children only",
        yaml: yaml(
            system: oneDimension(["{ name: a, label: 甲, kind: count, weight: 1 }", "{ name: b, label: 乙, kind: flag }"])
        ),
        expectedCase: "partialWeights", keyPath: "indicator_system.dimensions[0]"),
    InvalidConfig(
        title: "negative weight",
        yaml: yaml(
            system: oneDimension([
                "{ name: a, label: 甲, kind: count, weight: -0.5 }", "{ name: b, label: 乙, kind: flag, weight: 1.5 }",
            ])),
        expectedCase: "negativeWeight", keyPath: "indicator_system.dimensions[0].indicators[0].weight"),
    InvalidConfig(
        title: "weights not summing to 1",
        yaml: yaml(
            system: oneDimension([
                "{ name: a, label: 甲, kind: count, weight: 0.5 }", "{ name: b, label: 乙, kind: flag, weight: 0.6 }",
            ])),
        expectedCase: "weightsDoNotSumToOne", keyPath: "indicator_system.dimensions[0]"),
    InvalidConfig(
        title: "range with min not below max",
        yaml: yaml(system: oneDimension(["{ name: a, label: 甲, kind: numeric, valid_range: [5, 5] }"])),
        expectedCase: "emptyRange", keyPath: "indicator_system.dimensions[0].indicators[0].valid_range"),
    InvalidConfig(
        title: "range that is not two numbers",
        yaml: yaml(system: oneDimension(["{ name: a, label: 甲, kind: numeric, valid_range: [0, 1, 2] }"])),
        expectedCase: "typeMismatch", keyPath: "indicator_system.dimensions[0].indicators[0].valid_range"),
    InvalidConfig(
        title: "flag range other than [0, 1]",
        yaml: yaml(system: oneDimension(["{ name: b, label: 乙, kind: flag, valid_range: [0, 2] }"])),
        expectedCase: "flagRange", keyPath: "indicator_system.dimensions[0].indicators[0].valid_range"),
    InvalidConfig(
        title: "categorical with a direction",
        yaml: yaml(system: oneDimension(["{ name: r, label: 区域, kind: categorical, direction: increasing }"])),
        expectedCase: "categoricalDirection", keyPath: "indicator_system.dimensions[0].indicators[0].direction"),
    InvalidConfig(
        title: "categorical with a range",
        yaml: yaml(system: oneDimension(["{ name: r, label: 区域, kind: categorical, valid_range: [0, 9] }"])),
        expectedCase: "categoricalRange", keyPath: "indicator_system.dimensions[0].indicators[0].valid_range"),
    InvalidConfig(
        title: "hard rule on an unknown indicator",
        yaml: yaml("grading: { hard_rules: [ { indicator: bb, condition: is_set, action: grade_d } ] }"),
        expectedCase: "unknownIndicator", keyPath: "grading.hard_rules[0].indicator"),
    InvalidConfig(
        title: "an in condition on a count",
        yaml: yaml("grading: { hard_rules: [ { indicator: a, condition: { in: [x] }, action: exclude } ] }"),
        expectedCase: "conditionNotApplicable", keyPath: "grading.hard_rules[0].condition"),
    InvalidConfig(
        title: "an in condition without categories",
        yaml: yaml("grading: { hard_rules: [ { indicator: a, condition: { in: [] }, action: exclude } ] }"),
        expectedCase: "emptyList", keyPath: "grading.hard_rules[0].condition.in"),
    InvalidConfig(
        title: "an in condition listing a category twice",
        yaml: yaml("grading: { hard_rules: [ { indicator: a, condition: { in: [x, x] }, action: exclude } ] }"),
        expectedCase: "inconsistent", keyPath: "grading.hard_rules[0].condition.in[1]"),
    InvalidConfig(
        title: "an unknown calibration",
        yaml: yaml("grading: { calibration: beta }"),
        expectedCase: "unknownValue", keyPath: "grading.calibration"),
    InvalidConfig(
        title: "an optimised alpha out of range",
        yaml: yaml(
            "grading: { optimised: { min_shares: { A: 0.3, B: 0.2, C: 0.05, D: 0.01 }, "
                + "max_shares: { A: 0.75, B: 0.6, C: 0.2, D: 0.06 }, alpha: 0.7 } }"),
        expectedCase: "outOfRange", keyPath: "grading.optimised.alpha"),
    InvalidConfig(
        title: "is_set on a count",
        yaml: yaml("grading: { hard_rules: [ { indicator: a, condition: is_set, action: grade_d } ] }"),
        expectedCase: "conditionNotApplicable", keyPath: "grading.hard_rules[0].condition"),
    InvalidConfig(
        title: "grade shares not summing to 1",
        yaml: yaml("grading: { fixed_shares: { A: 0.5, B: 0.3, C: 0.1, D: 0.05 } }"),
        expectedCase: "sharesDoNotSumToOne", keyPath: "grading.fixed_shares"),
    InvalidConfig(
        title: "cut-offs not increasing", yaml: yaml("grading: { cutoffs: { B: 500, C: 200, D: 750 } }"),
        expectedCase: "cutoffsNotIncreasing", keyPath: "grading.cutoffs"),
    InvalidConfig(
        title: "cut-off beyond the score scale", yaml: yaml("grading: { cutoffs: { B: 200, C: 500, D: 1200 } }"),
        expectedCase: "outOfRange", keyPath: "grading.cutoffs.D"),
    InvalidConfig(
        title: "two grade policies",
        yaml: yaml(
            "grading: { cutoffs: { B: 200, C: 500, D: 750 }, fixed_shares: { A: 0.7, B: 0.2, C: 0.07, D: 0.03 } }"),
        expectedCase: "inconsistent", keyPath: "grading.cutoffs"),
    InvalidConfig(
        title: "optimised bounds that no grading meets",
        yaml: yaml(
            "grading: { optimised: { min_shares: { A: 0.5, B: 0.5, C: 0.1, D: 0.0 }, "
                + "max_shares: { A: 0.9, B: 0.9, C: 0.9, D: 0.9 } } }"),
        expectedCase: "inconsistent", keyPath: "grading.optimised"),
    InvalidConfig(
        title: "learning rate of 0", yaml: yaml("model: { boosting: { learning_rate: 0 } }"),
        expectedCase: "outOfRange", keyPath: "model.boosting.learning_rate"),
    InvalidConfig(
        title: "too many bins", yaml: yaml("model: { boosting: { bins: 256 } }"), expectedCase: "outOfRange",
        keyPath: "model.boosting.bins"),
    InvalidConfig(
        title: "targeted weight above 1", yaml: yaml("label: { targeted_weight: 1.5 }"), expectedCase: "outOfRange",
        keyPath: "label.targeted_weight"),
    InvalidConfig(
        title: "sampling ratio above 1", yaml: yaml("grading: { sampling_ratios: { A: 0.01, B: 0.02, C: 0.1, D: 3 } }"),
        expectedCase: "outOfRange", keyPath: "grading.sampling_ratios.D"),
    InvalidConfig(
        title: "targeted weight when targeted rows do not train",
        yaml: yaml("label: { training_kinds: [random], targeted_weight: 0.5 }"), expectedCase: "inconsistent",
        keyPath: "label.targeted_weight"),
    InvalidConfig(
        title: "malformed validation quarter", yaml: yaml("split: { validation_quarter: 2026Q5 }"),
        expectedCase: "invalidQuarter", keyPath: "split.validation_quarter"),
    InvalidConfig(
        title: "test quarter before the validation quarter",
        yaml: yaml("split: { validation_quarter: 2026Q2, test_quarter: 2026Q1 }"), expectedCase: "inconsistent",
        keyPath: "split.test_quarter"),
]

@Suite("Experiment config: loading and validation")
struct ConfigTests {
    @Test("experiments/general.yaml loads with 5 dimensions and the 43 indicators of the general system")
    func generalConfig() throws {
        let config = try ExperimentConfig.load(
            path: packageRoot.appendingPathComponent("experiments/general.yaml").path)
        let system = config.indicatorSystem
        #expect(system.dimensions.map(\.name) == ["basic", "dynamic", "supervision", "association", "social"])
        #expect(system.dimensions.map(\.label) == ["基础属性", "动态信息", "监管信息", "关联关系", "社会评价"])
        #expect(system.dimensions.map(\.indicators.count) == [8, 9, 12, 7, 7])
        let expected = [
            "years_established", "registered_capital", "paid_in_ratio", "employees", "branch_count",
            "enterprise_type", "region", "industry",
            "legal_rep_changes_12m", "address_changes_12m", "scope_changes_12m", "capital_changes_24m",
            "shareholder_changes_12m", "annual_report_late", "annual_report_missing", "zero_financials",
            "revenue_growth",
            "abnormal_list_now", "abnormal_list_3y", "serious_dishonesty", "court_defaulter", "penalties_1y",
            "penalties_3y", "max_fine_3y", "large_fine_3y", "licences", "expired_licences", "inspections_3y",
            "inspection_hits_3y",
            "address_enterprises", "address_abnormal", "person_enterprises", "linked_abnormal", "linked_penalised",
            "linked_hits", "linked_dishonest",
            "complaints_3m", "complaints_12m", "complaint_surge", "negative_news_12m", "quality_failures_12m",
            "awards", "certifications",
        ]
        #expect(system.indicators.map(\.name) == expected)
        #expect(config.featureColumns == expected)

        let kinds = Dictionary(uniqueKeysWithValues: system.indicators.map { ($0.name, $0) })
        #expect(kinds["registered_capital"]?.label == "注册资本")
        #expect(kinds["registered_capital"]?.unit == "万元")
        #expect(kinds["registered_capital"]?.validRange == 0...1e8)
        #expect(kinds["paid_in_ratio"]?.missing == .allowed)
        #expect(kinds["revenue_growth"]?.validRange == -1...100)
        #expect(kinds["industry"]?.kind == .categorical)
        #expect(kinds["awards"]?.direction == .decreasing)
        #expect(kinds["inspections_3y"]?.direction == RiskDirection.none)
        #expect(kinds["complaint_surge"]?.validRange == 0...1)
        for indicator in system.indicators {
            if indicator.kind == .categorical { #expect(indicator.direction == RiskDirection.none) }
            if indicator.kind == .flag { #expect(indicator.missing == .zero && indicator.validRange == 0...1) }
            if indicator.kind == .count, indicator.name != "employees" {
                #expect(indicator.missing == .zero && indicator.validRange?.lowerBound == 0)
            }
        }

        #expect(system.comparisons?.count == 5)
        #expect(system.comparisons?[2][4] == 5 && system.comparisons?[4][2] == 1.0 / 5)
        let byName = Dictionary(uniqueKeysWithValues: system.dimensions.map { ($0.name, $0) })
        #expect(byName["association"]?.comparisons?.count == 7)
        #expect(byName["dynamic"]?.indicators.allSatisfy { $0.weight != nil } == true)
        #expect(byName["social"]?.indicators.allSatisfy { $0.weight != nil } == true)

        #expect(config.label == LabelSpec(trainingKinds: [.random, .targeted], targetedWeight: 0.5))
        #expect(config.split == TimeSplit())
        #expect(config.model == ModelParameters())
        #expect(config.grading.policy == .fixedShares(PerGrade(a: 0.45, b: 0.40, c: 0.10, d: 0.05)))
        #expect(config.grading.calibration == .platt)
        #expect(
            config.grading.hardRules == [
                HardRule(indicator: "serious_dishonesty", condition: .isSet, action: .gradeD),
                HardRule(indicator: "court_defaulter", condition: .isSet, action: .gradeD),
            ])
        #expect(config.grading.samplingRatios == PerGrade(a: 0.01, b: 0.02, c: 0.10, d: 0.30))
    }

    @Test("missing optional keys take the documented defaults")
    func defaults() throws {
        let config = try ExperimentConfig.load(yaml: yaml())
        #expect(config.description == "")
        #expect(
            config.label
                == LabelSpec(
                    column: "hit", kindColumn: "inspection_kind", trainingKinds: [.random, .targeted], targetedWeight: 1
                ))
        #expect(config.split == TimeSplit(quarterColumn: "quarter", validationQuarter: .last, testQuarter: nil))
        #expect(config.model.learner == .gbdt && config.model.seed == 42)
        let boosting = config.model.boosting
        #expect(boosting.rounds == 300 && boosting.maxLeaves == 31 && boosting.maxDepth == 0)
        #expect(boosting.learningRate == 0.1 && boosting.bins == 255 && boosting.minSamplesPerLeaf == 20)
        #expect(boosting.minHessianPerLeaf == 1e-3 && boosting.l1Regularization == 0 && boosting.l2Regularization == 0)
        #expect(boosting.minSplitGain == 0 && boosting.rowSubsample == 1 && boosting.featureFraction == 1)
        #expect(boosting.earlyStoppingRounds == 0 && boosting.threads == 0)
        #expect(config.grading == GradingSpec(policy: .cutoffs(GradeCutoffs(b: 200, c: 500, d: 750)), hardRules: []))

        let (a, b, c) = (
            config.indicatorSystem.indicators[0], config.indicatorSystem.indicators[1],
            config.indicatorSystem.indicators[2]
        )
        #expect(a.column == "a" && a.dimension == "d1" && a.direction == RiskDirection.none && a.missing == .zero)
        #expect(a.validRange == nil && a.unit == nil && a.weight == nil)
        #expect(b.validRange == 0...1 && b.missing == .zero)
        #expect(c.missing == .allowed && c.dimension == "d2")
        #expect(config.indicatorSystem.comparisons == nil)
    }

    @Test("explicit values override the defaults")
    func explicitValues() throws {
        let config = try ExperimentConfig.load(
            yaml: yaml(
                """
                split: { quarter_column: q, validation_quarter: 2026Q2, test_quarter: 2026Q3 }
                model: { learner: scorecard, seed: 7, boosting: { learning_rate: 0.05, max_leaves: 63, rounds: 1e3 } }
                grading:
                  optimised:
                    min_shares: { A: 0.3, B: 0.2, C: 0.05, D: 0.01 }
                    max_shares: { A: 0.75, B: 0.6, C: 0.2, D: 0.06 }
                  hard_rules:
                    - { indicator: a, condition: { at_least: 3 }, action: raise_two_grades }
                    - { indicator: c, condition: { greater_than: 0 }, action: exclude }
                """))
        #expect(config.split.validationQuarter == .quarter(Quarter(year: 2026, number: 2)))
        #expect(config.split.testQuarter == Quarter(year: 2026, number: 3) && config.split.quarterColumn == "q")
        #expect(config.model.learner == .scorecard && config.model.seed == 7)
        #expect(config.model.boosting == BoostingParameters(rounds: 1000, maxLeaves: 63, learningRate: 0.05))
        guard case .optimised(let minShares, let maxShares, let alpha) = config.grading.policy else {
            Issue.record("expected the optimised policy")
            return
        }
        #expect(minShares.d == 0.01 && maxShares.a == 0.75 && alpha == GradePolicy.defaultAlpha)
        #expect(config.grading.calibration == .identity)
        #expect(config.grading.hardRules.map(\.condition) == [.atLeast(3), .greaterThan(0)])
        #expect(
            config.grading.hardRules[0].condition.isMet(by: 3) && !config.grading.hardRules[1].condition.isMet(by: nil))
    }

    @Test("every YAML example in docs/ConfigFormat.md loads")
    func documentationExamples() throws {
        let text = try String(
            contentsOf: packageRoot.appendingPathComponent("docs/ConfigFormat.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().map {
            $0.components(separatedBy: "```").first ?? ""
        }
        #expect(blocks.count >= 5)
        // The minimal config is the last example; section snippets are loaded on top of its indicator system.
        let minimal = try #require(blocks.last)
        let minimalSystem = try #require(minimal.range(of: "indicator_system:")).lowerBound
        for block in blocks {
            let document: String
            if block.hasPrefix("name:") {
                document = block
            } else if block.hasPrefix("indicator_system:") {
                document = "name: doc\n" + block
            } else {
                document = "name: doc\n" + String(minimal[minimalSystem...]) + block
            }
            #expect(throws: Never.self, "\(block)") { try ExperimentConfig.load(yaml: document, file: "doc") }
        }
    }

    @Test("comparison entries may be fractions, kept exact")
    func fractions() throws {
        let config = try ExperimentConfig.load(yaml: yaml(system: smallSystem + "\n  comparisons: [[1, 3], [1/3, 1]]"))
        #expect(config.indicatorSystem.comparisons == [[1, 3], [1.0 / 3, 1]])
    }

    @Test("each invalid config raises its error, naming the key path", arguments: invalidConfigs)
    func invalid(_ example: InvalidConfig) {
        guard let error = loadError(example.yaml) else { return }
        #expect(caseName(error) == example.expectedCase, "\(error)")
        #expect(error.keyPath == example.keyPath, "\(error)")
        #expect(error.description.contains(example.keyPath))
        #expect(error.description.hasPrefix("test.yaml:"))
    }

    @Test("an unknown key suggests the closest valid key")
    func unknownKeySuggestion() {
        let error = loadError(yaml("model: { boosting: { learning_rat: 0.1 } }"))
        guard case .unknownKey(let at, let key, let validKeys, let suggestion) = error else {
            Issue.record("expected unknownKey, got \(String(describing: error))")
            return
        }
        #expect(key == "learning_rat" && suggestion == "learning_rate" && validKeys.contains("max_leaves"))
        #expect(at.line == 13)
        #expect(error?.description.contains("did you mean \"learning_rate\"?") == true)
    }

    @Test("an unknown value lists the valid ones and suggests the closest")
    func unknownValueSuggestion() {
        let error = loadError(yaml(system: oneDimension(["{ name: a, label: 甲, kind: counter }"])))
        guard case .unknownValue(_, let value, let validValues, let suggestion) = error else {
            Issue.record("expected unknownValue, got \(String(describing: error))")
            return
        }
        #expect(value == "counter" && suggestion == "count")
        #expect(validValues == IndicatorKind.allCases.map(\.rawValue))
        #expect(error?.description.contains("numeric, count, flag, categorical") == true)
    }

    @Test("a non-reciprocal pair names both entries and the fix")
    func reciprocity() {
        let error = loadError(yaml(system: smallSystem + "\n  comparisons: [[1, 3], [0.333, 1]]"))
        guard
            case .comparisonsNotReciprocal(_, let row, let column, let value, let mirror, let rowName, let columnName) =
                error
        else {
            Issue.record("expected comparisonsNotReciprocal, got \(String(describing: error))")
            return
        }
        #expect(row == 0 && column == 1 && value == 3 && mirror == 0.333 && rowName == "d1" && columnName == "d2")
        #expect(error?.description.contains("1/3") == true)
    }

    @Test("a hard rule's unknown indicator suggests a close name")
    func unknownIndicatorSuggestion() {
        let error = loadError(
            yaml("grading: { hard_rules: [ { indicator: bb, condition: is_set, action: grade_d } ] }"))
        guard case .unknownIndicator(_, let name, let suggestion) = error else {
            Issue.record("expected unknownIndicator, got \(String(describing: error))")
            return
        }
        #expect(name == "bb" && suggestion == "b")
    }

    @Test("YAML syntax errors and unreadable files are reported with their place")
    func syntaxAndFiles() {
        let error = loadError("name: test\nindicator_system: [1, 2\n")
        guard case .invalidYAML(let file, let line, _, _) = error else {
            Issue.record("expected invalidYAML, got \(String(describing: error))")
            return
        }
        #expect(file == "test.yaml" && line != nil)
        let duplicate = loadError("name: a\nname: b\n")
        guard case .invalidYAML(_, _, _, let problem) = duplicate else {
            Issue.record("expected invalidYAML for a key given twice, got \(String(describing: duplicate))")
            return
        }
        #expect(problem.contains("name"))
        #expect(throws: ConfigError.self) { try ExperimentConfig.load(path: "/nonexistent/config.yaml") }
        #expect(caseName(loadError("") ?? .emptyDocument(file: "")) == "emptyDocument")
    }

    @Test("checkColumns lists every missing column with close header names")
    func missingColumns() throws {
        let config = try ExperimentConfig.load(yaml: yaml())
        try config.checkColumns(["quarter", "c", "b", "a", "hit"], file: "table.csv")
        do {
            try config.checkColumns(["quarter", "A", "other"], file: "table.csv")
            Issue.record("expected missing columns")
        } catch let error as ConfigError {
            guard case .missingColumns(let file, let missing, let closeMatches) = error else {
                Issue.record("expected missingColumns, got \(error)")
                return
            }
            #expect(file == "table.csv" && missing == ["a", "b", "c"])
            #expect(closeMatches["a"] == "A" && closeMatches["b"] == nil)
            #expect(error.description.contains("a (did you mean \"A\"?), b, c"))
        }
    }

    @Test("quarters parse only as YYYYQn and order by time", arguments: ["2026Q1", "1999Q4"])
    func quarters(_ text: String) throws {
        let quarter = try #require(Quarter(text))
        #expect(quarter.description == text)
        #expect(Quarter(year: quarter.year, number: 1) <= quarter)
        for bad in ["2026Q0", "2026q1", "26Q1", "2026Q12", "2026-Q1", ""] { #expect(Quarter(bad) == nil) }
    }

    @Test("suggestions come from edit distance and ignore distant words")
    func editDistance() {
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("modle", "model") == 1)
        #expect(EditDistance.suggestion(for: "modle", among: ExperimentConfig.keys) == "model")
        #expect(EditDistance.suggestion(for: "max_leafs", among: ["max_depth", "max_leaves"]) == "max_leaves")
        #expect(EditDistance.suggestion(for: "xgboost", among: Learner.allCases.map(\.rawValue)) == nil)
    }
}
