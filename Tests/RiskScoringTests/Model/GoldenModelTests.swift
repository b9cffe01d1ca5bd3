import Foundation
import Testing

@testable import RiskScoring

/// The model files committed for each released format version, loaded by every test run forever: a reader
/// that stops loading them, or scores them differently, breaks a promise to every bureau that shipped one.
@Suite("Golden model files: format 1.0 loads and scores forever")
struct GoldenModelTests {
    /// A committed resource file.
    static func resource(_ name: String) throws -> String {
        try #require(Bundle.module.path(forResource: name, ofType: nil, inDirectory: "GoldenModels"))
    }

    @Test("format-1.0-small.json loads, checks and scores the committed rows as written")
    func small() throws {
        let model = try RiskModel.load(path: try Self.resource("format-1.0-small.json"))
        #expect(model.format == FormatVersion(major: 1, minor: 0))
        #expect(
            model.identity
                == ModelIdentity(
                    name: "general", version: "2026Q3", createdAt: "2026-07-01T08:30:00Z", toolkitVersion: "0.1.0",
                    parentVersion: "2026Q2"))
        #expect(model.features.map(\.name) == ["years_established", "penalties_1y", "serious_dishonesty", "region"])
        #expect(model.features.map(\.kind) == [.numeric, .count, .flag, .categorical])
        #expect(model.features[3].column == "region_code" && model.features[3].vocabulary.count == 40)
        #expect(model.goldenVectors.count == 24)
        #expect(model.grading.hardRules.count == 2)
        // The committed file's first two golden rows, by hand: the loader re-scores all of them, this pins the
        // values themselves.
        #expect(model.goldenVectors[0].inputs == [0.4, 0.2, 0.0, 18.0])
        #expect(model.margin([0.4, 0.2, 0.0, 18.0]) == -1.8751094393538954)
        #expect(model.probability(margin: -1.8751094393538954) == 0.1329516240159443)
        #expect(model.margin([0.6, .nan, 0.3, 19.0]) == -1.4091372655474805)
        #expect(try model.contentDigest() == Self.smallDigest)
    }

    @Test("format-1.0-signed.json loads with its committed public key trusted, and not with another")
    func signed() throws {
        let keys = try TrustedKeys.read(path: try Self.resource("format-1.0-test-signing.pub"))
        let model = try RiskModel.load(path: try Self.resource("format-1.0-signed.json"), trustedKeys: keys)
        #expect(model.signature?.keyID == ModelSignature.keyID(keys.publicKeys[0]))
        let other = TrustedKeys(publicKeys: [ModelSignature.generateKeyPair().publicKey])
        #expect(throws: ModelFormatError.self) {
            try RiskModel.load(path: try Self.resource("format-1.0-signed.json"), trustedKeys: other)
        }
    }

    /// The content digest of format-1.0-small.json.
    static let smallDigest = "83385e05511596005183ea9d0bfe05a3b4dbb42471a30d40b2956370ac9fd278"

    /// Writes the golden files into `RISKGRADE_WRITE_GOLDEN_MODELS` when set (run once per new format
    /// version; the files are then committed and never regenerated).
    @Test("the golden files are regenerated only on request")
    func generate() throws {
        guard let folder = ProcessInfo.processInfo.environment["RISKGRADE_WRITE_GOLDEN_MODELS"] else { return }
        let model = ModelFixtures.model()
        try Data(try model.canonicalBytes()).write(to: URL(fileURLWithPath: folder + "/format-1.0-small.json"))
        let (privateKey, publicKey) = ModelSignature.generateKeyPair()
        var signed = try model.signed(privateKey: privateKey)
        signed.identity.version = "2026Q3-signed"
        signed = try signed.signed(privateKey: privateKey)
        try Data(try signed.canonicalBytes()).write(to: URL(fileURLWithPath: folder + "/format-1.0-signed.json"))
        try KeyFile.text(publicKey, kind: .publicKey, comment: "RiskGrade Ed25519 public key for test files only")
            .write(toFile: folder + "/format-1.0-test-signing.pub", atomically: true, encoding: .utf8)
        print("content digest of format-1.0-small.json: \(try model.contentDigest())")
    }
}
