import Testing

@testable import RiskScoring

@Suite struct ToolkitTests {
    @Test("the toolkit version is semantic major.minor.patch")
    func version() {
        let parts = Toolkit.version.split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil })
    }
}
