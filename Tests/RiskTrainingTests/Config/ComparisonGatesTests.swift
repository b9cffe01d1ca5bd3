import Foundation
import Testing

@testable import RiskTraining

@Suite("The compare section: champion/challenger gates")
struct ComparisonGatesTests {
    /// A minimal config with `section` appended.
    static func yaml(_ section: String) -> String {
        """
        name: gates
        indicator_system:
          dimensions:
            - name: supervision
              label: 监管信息
              indicators:
                - { name: penalties_1y, label: 近1年行政处罚次数, kind: count, direction: increasing }
        \(section)
        """
    }

    @Test("absent, the section takes the defaults; given, its values")
    func values() throws {
        #expect(try ExperimentConfig.load(yaml: Self.yaml("")).compare == ComparisonGates())
        #expect(ComparisonGates() == ComparisonGates(maxAUCDrop: 0.005, requireMonotone: true, maxScorePSI: 0.25))
        let config = try ExperimentConfig.load(
            yaml: Self.yaml("compare: { max_auc_drop: -0.01, require_monotone: false, max_score_psi: 0.1 }"))
        #expect(config.compare == ComparisonGates(maxAUCDrop: -0.01, requireMonotone: false, maxScorePSI: 0.1))
        let partial = try ExperimentConfig.load(yaml: Self.yaml("compare:\n  max_score_psi: 0.5"))
        #expect(partial.compare == ComparisonGates(maxScorePSI: 0.5))
        let general = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        #expect(general.compare == ComparisonGates())
    }

    @Test(
        "each bad value is refused with its key path, line and fix",
        arguments: [
            ("compare: { max_auc_dorp: 0.01 }", "compare.max_auc_dorp", "did you mean \"max_auc_drop\"?"),
            ("compare: { require_monotone: \"yes\" }", "compare.require_monotone", "expected true or false"),
            ("compare: { require_monotone: 1 }", "compare.require_monotone", "expected true or false"),
            ("compare: { max_score_psi: -0.1 }", "compare.max_score_psi", "outside the valid range [0, ∞)"),
            ("compare: { max_auc_drop: 2 }", "compare.max_auc_drop", "outside the valid range [-1, 1]"),
            ("compare: { max_auc_drop: high }", "compare.max_auc_drop", "expected a number"),
            ("compare: [0.005]", "compare", "expected a mapping"),
        ])
    func invalid(_ section: String, _ keyPath: String, _ message: String) {
        do {
            _ = try ExperimentConfig.load(yaml: Self.yaml(section), file: "gates.yaml")
            Issue.record("\(section) loaded")
        } catch let error as ConfigError {
            #expect(error.keyPath == keyPath, "\(error)")
            #expect(error.description.hasPrefix("gates.yaml:8:"), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        } catch {
            Issue.record("expected a ConfigError, got \(error)")
        }
    }
}
