import Foundation
import Testing

@testable import RiskTraining

@Suite("model.boosting: class weight, early-stopping metric and interaction groups")
struct BoostingParametersTests {
    /// Three indicators, then `boosting` as the `model.boosting` flow mapping on line 11.
    static func config(boosting: String) -> String {
        """
        name: test
        indicator_system:
          dimensions:
            - name: d1
              label: 维度一
              indicators:
                - { name: penalties_1y, label: 甲, kind: count, direction: increasing }
                - { name: penalties_3y, label: 乙, kind: count, direction: increasing }
                - { name: region, label: 丙, kind: categorical }
        model:
          boosting: \(boosting)
        """
    }

    static func loadError(_ boosting: String) -> ConfigError? {
        do {
            _ = try ExperimentConfig.load(yaml: config(boosting: boosting), file: "test.yaml")
        } catch let error as ConfigError {
            return error
        } catch {
            Issue.record("expected a ConfigError, got \(error)")
        }
        return nil
    }

    @Test("the keys are read; absent ones take their defaults")
    func parsing() throws {
        let config = try ExperimentConfig.load(
            yaml: Self.config(
                boosting: """
                    { positive_class_weight: 2.5, early_stopping_metric: auc, \
                    interaction_groups: [[penalties_1y, penalties_3y], [region]] }
                    """))
        let boosting = config.model.boosting
        #expect(boosting.positiveClassWeight == 2.5)
        #expect(boosting.earlyStoppingMetric == .auc)
        #expect(boosting.interactionGroups == [["penalties_1y", "penalties_3y"], ["region"]])
        let defaults = try ExperimentConfig.load(yaml: Self.config(boosting: "{ rounds: 10 }")).model.boosting
        #expect(defaults.positiveClassWeight == 1 && defaults.earlyStoppingMetric == .logLoss)
        #expect(defaults.interactionGroups.isEmpty)
    }

    @Test("an unknown indicator in a group is named with its place and the closest indicator")
    func unknownIndicator() throws {
        let error = try #require(Self.loadError("{ interaction_groups: [[penalties_1y, penaltes_3y]] }"))
        guard case .unknownIndicator(let at, let name, let suggestion) = error else {
            Issue.record("expected unknownIndicator, got \(error)")
            return
        }
        #expect(name == "penaltes_3y" && suggestion == "penalties_3y")
        #expect(at.keyPath == "model.boosting.interaction_groups[0][1]")
        #expect(at.line == 11)
        #expect(error.description.hasPrefix("test.yaml:11:"))
        #expect(error.description.contains("did you mean \"penalties_3y\"?"))
    }

    @Test(
        "each invalid value raises its error at its key path",
        arguments: [
            ("{ interaction_groups: [[]] }", "emptyList", "model.boosting.interaction_groups[0]"),
            ("{ interaction_groups: [[region, region]] }", "inconsistent", "model.boosting.interaction_groups[0][1]"),
            ("{ interaction_groups: region }", "typeMismatch", "model.boosting.interaction_groups"),
            ("{ interaction_groups: [region] }", "typeMismatch", "model.boosting.interaction_groups[0]"),
            ("{ early_stopping_metric: accuracy }", "unknownValue", "model.boosting.early_stopping_metric"),
            ("{ positive_class_weight: 0 }", "outOfRange", "model.boosting.positive_class_weight"),
            ("{ positive_class_weight: -2 }", "outOfRange", "model.boosting.positive_class_weight"),
            ("{ early_stopping_metrc: auc }", "unknownKey", "model.boosting.early_stopping_metrc"),
        ])
    func invalid(boosting: String, expectedCase: String, keyPath: String) {
        guard let error = Self.loadError(boosting) else {
            Issue.record("expected \(boosting) to be rejected")
            return
        }
        #expect(Mirror(reflecting: error).children.first?.label == expectedCase, "\(error)")
        #expect(error.keyPath == keyPath, "\(error)")
        #expect(error.description.contains(keyPath))
    }

    @Test("the error texts say what is valid")
    func messages() throws {
        let metric = try #require(Self.loadError("{ early_stopping_metric: AUC }"))
        #expect(metric.description.contains("valid values: log_loss, auc"))
        let weight = try #require(Self.loadError("{ positive_class_weight: 0 }"))
        #expect(weight.description.contains("(0, ∞)"))
        let key = try #require(Self.loadError("{ early_stopping_metrc: auc }"))
        #expect(key.description.contains("did you mean \"early_stopping_metric\"?"))
    }
}
