import Foundation
import Testing

@testable import RiskTraining

@Suite("ExperimentConfig settings: key.path=value on top of the config text, checked like the file, recorded")
struct ExperimentConfigSettingsTests {
    static let general = TestFiles.packageRoot + "/experiments/general.yaml"

    @Test("settings give the config the imperative overrides give, and are recorded with the untouched text")
    func equivalence() throws {
        let base = try ExperimentConfig.load(path: Self.general)
        var set = base
        let settings = [
            "model.boosting.rounds=600", "model.boosting.max_leaves=15", "model.boosting.learning_rate=0.05",
            "model.seed=7", "model.learner=network", "split.test_quarter=2026Q4", "split.validation_quarter=last",
            "label.targeted_weight=0.5", "model.network.layers=[16, 8]", "model.boosting.monotone=false",
        ]
        try set.apply(settings: settings)

        var expected = base
        try expected.model.override(rounds: 600, maxLeaves: 15, learningRate: 0.05, seed: 7)
        expected.model.learner = .network
        expected.model.network.layers = [16, 8]
        expected.model.boosting.monotone = false
        expected.split.testQuarter = Quarter("2026Q4")
        expected.split.validationQuarter = .last
        expected.label.targetedWeight = 0.5
        #expect(set.model == expected.model)
        #expect(set.split == expected.split)
        #expect(set.label == expected.label)
        #expect(set.grading == expected.grading && set.indicatorSystem == expected.indicatorSystem)
        #expect(set.yaml == base.yaml, "the snapshot stays the file's text")
        #expect(set.settings == settings)
        #expect(!BoostingRun(config: set).monotone, "the run constrains as the config says")

        // The record reproduces the config: what a retrain reads back from a frozen model.
        let again = try ExperimentConfig.load(yaml: set.yaml, file: "snapshot", settings: set.settings)
        #expect(again.model == set.model && again.split == set.split && again.label == set.label)

        // Later settings win; applying more appends to the record.
        try set.apply(settings: ["model.boosting.rounds=20"])
        #expect(set.model.boosting.rounds == 20 && set.settings.count == settings.count + 1)
    }

    @Test("a malformed, unknown or out-of-range setting is refused with its key path, and nothing changes")
    func errors() throws {
        let base = try ExperimentConfig.load(path: Self.general)
        func refusal(_ setting: String) -> ConfigError? {
            var config = base
            let error = #expect(throws: ConfigError.self) { try config.apply(settings: [setting]) }
            #expect(config.model == base.model && config.settings.isEmpty, "\(setting) changed the config")
            return error
        }
        #expect(refusal("model.boosting.rounds")?.description.contains("key.path=value") == true)
        #expect(refusal("=5")?.description.contains("key.path=value") == true)
        #expect(refusal("model..rounds=5")?.keyPath == "model..rounds")
        let unknown = refusal("model.boosting.roundz=5")
        #expect(unknown?.keyPath == "model.boosting.roundz" || unknown?.description.contains("rounds") == true)
        #expect(refusal("model.boosting.rounds=0")?.keyPath == "model.boosting.rounds")
        #expect(refusal("model.boosting.rounds.x=1")?.keyPath == "model.boosting.rounds.x")
        #expect(refusal("split.test_quarter=2026Q5")?.keyPath == "split.test_quarter")
        #expect(refusal("model.boosting.monotone=maybe")?.keyPath == "model.boosting.monotone")
    }
}
