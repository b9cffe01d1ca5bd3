import Foundation
import Testing

@testable import RiskScoring

@Suite("Model format 1.0: canonical encoding and decoding")
struct ModelCodecTests {
    @Test("encode → decode gives the same model, and encoding it again the same bytes")
    func roundTrip() throws {
        let model = ModelFixtures.model()
        let bytes = try ModelFixtures.bytes(model)
        let decoded = try RiskModel.decode(bytes)
        #expect(decoded == model)
        #expect(try ModelFixtures.bytes(decoded) == bytes)
        #expect(try decoded.contentDigest() == model.contentDigest())
    }

    @Test("the file starts with the format version and keeps the other keys sorted")
    func layout() throws {
        let text = String(decoding: try ModelFixtures.bytes(ModelFixtures.model()), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"format\": \"1.0\",\n  \"body\": {\n"))
        let topKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            String($0.dropFirst(3).prefix { $0 != "\"" })
        }
        #expect(
            topKeys == [
                "format", "body", "calibration", "features", "goldenVectors", "grading", "identity", "indicatorWeights",
                "integrity", "link", "scoreScale", "training",
            ])
    }

    @Test(
        "Doubles and Floats survive the file bit for bit",
        arguments: [0.1, 1.0 / 3, -0.0, 5e-324, 1.7976931348623157e308, 123_456_789.123_456_78, -2.5e-17, 1e16])
    func exactNumbers(_ value: Double) throws {
        var model = ModelFixtures.model()
        guard case .trees(var ensemble) = model.body else { return }
        ensemble.baseScore = value
        let single = Float(value).isFinite ? Float(value) : .greatestFiniteMagnitude
        ensemble.trees[0].threshold = ensemble.trees[0].threshold.map { _ in single }
        model.body = .trees(ensemble)
        model.goldenVectors = model.goldenVectors(for: model.goldenVectors.map(\.inputs))
        let decoded = try RiskModel.decode(try ModelFixtures.bytes(model))
        guard case .trees(let back) = decoded.body else { return }
        #expect(back.baseScore.bitPattern == value.bitPattern)
        #expect(back.trees[0].threshold.map(\.bitPattern) == ensemble.trees[0].threshold.map(\.bitPattern))
    }

    @Test("decoded trees predict bit for bit what the encoded ones did")
    func predictionsBitwise() throws {
        let model = ModelFixtures.model(seed: 11, treeCount: 30, maxLeaves: 12)
        let decoded = try RiskModel.decode(try ModelFixtures.bytes(model))
        var random = SeededRandomTrees(seed: 99, categorical: [false, false, false, true])
        let rows = random.rows(500)
        for row in rows { #expect(decoded.margin(row).bitPattern == model.margin(row).bitPattern) }
        #expect(decoded.body.margins(rowMajor: rowMajor(rows)) == model.body.margins(rowMajor: rowMajor(rows)))
    }

    @Test("strings with quotes, backslashes, control characters and Chinese text survive")
    func strings() throws {
        var model = ModelFixtures.model()
        model.training.config = "a \"b\" \\ c\n\t\u{1}\u{7f} 一址多企 😀"
        model.features[3].vocabulary[0] = "北京\"\\"
        let decoded = try RiskModel.decode(try ModelFixtures.bytes(model))
        #expect(decoded.training.config == model.training.config)
        #expect(decoded.features[3].vocabulary[0] == "北京\"\\")
    }

    @Test("a model with a NaN or infinite number is not encoded, naming the field")
    func encodeNonFinite() throws {
        var model = ModelFixtures.model()
        model.training.validation[0].auc = .nan
        #expect(throws: ModelFormatError(.nonFinite(path: "training.validation[0].auc", found: "nan"), file: "<model>"))
        {
            try model.canonicalBytes()
        }
    }

    @Test("the digest covers content, not layout: reordered members and other whitespace load the same model")
    func layoutIndependence() throws {
        let model = ModelFixtures.model()
        let bytes = [UInt8](try ModelFixtures.bytes(model))
        let root = try bytes.withUnsafeBufferPointer { ModelFixtures.owned(try JSONParser.parse($0), source: $0) }
        // Members in reverse order, tabs and line ends between tokens.
        func write(_ value: JSONValue) -> String {
            switch value {
            case .object(let members):
                return "{\t"
                    + members.reversed().map { "\"\($0.key)\"\n:\t" + write($0.value) }.joined(separator: " ,\r\n")
                    + "}"
            case .array(let elements): return "[ " + elements.map(write).joined(separator: " , ") + " ]"
            default: return String(decoding: CanonicalJSON.compact(value), as: UTF8.self)
            }
        }
        let relaid = Data(write(root).utf8)
        #expect(relaid != Data(bytes))
        #expect(try RiskModel.decode(relaid) == model)
    }

    @Test("format versions read as major.minor, strictly")
    func formatVersions() {
        #expect(FormatVersion("1.0") == FormatVersion(major: 1, minor: 0))
        #expect(FormatVersion("12.34") == FormatVersion(major: 12, minor: 34))
        for bad in ["1", "1.", ".1", "01.0", "1.0.0", "a.b", "-1.0", "1.0 ", ""] { #expect(FormatVersion(bad) == nil) }
        #expect(FormatVersion(major: 1, minor: 2) > .current)
    }
}
