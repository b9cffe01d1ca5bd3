import Foundation
import Testing

@testable import RiskScoring

@Suite("Model format 1.1: the command-line settings of the training record")
struct TrainingSettingsCodecTests {
    @Test("settings survive the file in order and make it 1.1; a model without them keeps its 1.0 bytes")
    func roundTrip() throws {
        let plain = ModelFixtures.model()
        #expect(plain.training.settings.isEmpty && plain.writtenFormat == FormatVersion(major: 1, minor: 0))
        let plainText = String(decoding: try ModelFixtures.bytes(plain), as: UTF8.self)
        #expect(!plainText.contains("\"settings\""))

        var model = plain
        model.training.settings = [
            "model.boosting.rounds=600", "split.test_quarter=2026Q4", "model.boosting.rounds=50",
        ]
        #expect(model.writtenFormat == FormatVersion(major: 1, minor: 1))
        let read = try RiskModel.decode(try ModelFixtures.bytes(model))
        #expect(read.training.settings == model.training.settings)
        #expect(read == model)
    }

    @Test("settings that are not a list of strings are refused with their path")
    func malformed() throws {
        var model = ModelFixtures.model()
        model.training.settings = ["model.seed=7"]
        let bytes = try ModelFixtures.resealed(model) { root in
            root.set("training.settings[0]", to: .number("7"))
        }
        #expect(throws: ModelFormatError.self) { try RiskModel.decode(bytes) }
        do {
            _ = try RiskModel.decode(bytes)
        } catch {
            #expect("\(error)".contains("training.settings[0]"), "\(error)")
        }
    }
}
