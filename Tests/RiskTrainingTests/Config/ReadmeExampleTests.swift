import Foundation
import Testing

@testable import RiskTraining

@Suite("README.md's config example")
struct ReadmeExampleTests {
    @Test("the YAML example in README.md loads and means what the README says")
    func readmeExample() throws {
        let readme = try String(contentsOfFile: TestFiles.packageRoot + "/README.md", encoding: .utf8)
        let start = try #require(readme.range(of: "```yaml\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let config = try ExperimentConfig.load(
            yaml: String(readme[start.upperBound..<end.lowerBound]), file: "README.md")
        #expect(config.indicatorSystem.dimensions.map(\.name) == ["basic", "supervision"])
        #expect(config.featureColumns == ["years_established", "region", "penalties_1y", "serious_dishonesty"])
        #expect(config.label.targetedWeight == 0.5)
        #expect(config.grading.hardRules.count == 1)
    }
}
