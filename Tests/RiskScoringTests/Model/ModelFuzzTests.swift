import Foundation
import Testing

@testable import RiskScoring

@Suite("Model decoder fuzz: mutated model files load or throw ModelFormatError, never crash")
struct ModelFuzzTests {
    @Test("2,000 seeded mutations of a small model file: flips, cuts, splices, duplicated and deleted spans")
    func mutations() throws {
        let model = ModelFixtures.model(treeCount: 3, maxLeaves: 4)
        let original = [UInt8](try ModelFixtures.bytes(model))
        let tokens = Array("{}[],:\"-0123456789.eE+ntruefalsnulNaInfity\\u".utf8)
        var random = TestGenerator(state: 0xF022)
        var refused = 0
        for _ in 0..<2_000 {
            var bytes = original
            for _ in 0..<(1 + random.below(4)) {
                guard !bytes.isEmpty else { break }
                let at = random.below(bytes.count)
                switch random.below(6) {
                case 0: bytes[at] = tokens[random.below(tokens.count)]
                case 1: bytes[at] = UInt8(truncatingIfNeeded: random.next())
                case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(40)))
                case 3:
                    let from = random.below(bytes.count)
                    let span = bytes[from..<min(bytes.count, from + 1 + random.below(60))]
                    bytes.insert(contentsOf: span, at: at)
                case 4: bytes.insert(tokens[random.below(tokens.count)], at: at)
                default: bytes = Array(bytes[..<at])
                }
            }
            do {
                let loaded = try RiskModel.decode(Data(bytes))
                #expect(loaded == model)
            } catch {
                refused += 1
            }
        }
        #expect(refused > 1_900)
    }

    @Test("the JSON parser refuses deep nesting instead of exhausting the stack")
    func deepNesting() {
        let deep = Data(String(repeating: "[", count: 100_000).utf8)
        guard case .invalidJSON(_, _, let problem) = ModelCorruptionTests.problem(deep) else {
            Issue.record("deep nesting was not refused as invalid JSON")
            return
        }
        #expect(problem.contains("nested deeper than 64"))
    }

    @Test("random bytes and empty input are invalid JSON with a line and column")
    func randomBytes() {
        var random = TestGenerator(state: 0xB17E5)
        for length in [0, 1, 2, 17, 300] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            guard case .invalidJSON(let line, let column, _) = ModelCorruptionTests.problem(Data(bytes)) else {
                Issue.record("\(length) random bytes were not invalid JSON")
                continue
            }
            #expect(line >= 1 && column >= 1)
        }
    }
}
