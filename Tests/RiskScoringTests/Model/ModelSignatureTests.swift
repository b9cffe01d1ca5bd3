import Foundation
import Testing

@testable import RiskScoring

@Suite("Model signatures: Ed25519 over the content digest, checked against trusted keys")
struct ModelSignatureTests {
    let keys = ModelSignature.generateKeyPair()
    let otherKeys = ModelSignature.generateKeyPair()

    @Test("a signed model loads with its key trusted, and with no keys given")
    func goodSignature() throws {
        let signed = try ModelFixtures.model().signed(privateKey: keys.privateKey)
        let data = try ModelFixtures.bytes(signed)
        let trusted = TrustedKeys(publicKeys: [otherKeys.publicKey, keys.publicKey])
        #expect(try RiskModel.decode(data, trustedKeys: trusted) == signed)
        #expect(try RiskModel.decode(data) == signed)
        #expect(signed.signature?.publicKey == keys.publicKey)
        // Signing changes nothing the digest covers.
        #expect(try signed.contentDigest() == ModelFixtures.model().contentDigest())
    }

    @Test("an unsigned model is refused when keys are trusted")
    func unsigned() throws {
        let data = try ModelFixtures.bytes(ModelFixtures.model())
        let trusted = TrustedKeys(publicKeys: [keys.publicKey])
        #expect(ModelCorruptionTests.problem(data, trustedKeys: trusted) == .unsigned)
    }

    @Test("a model signed by an untrusted key is refused, naming the key")
    func untrusted() throws {
        let signed = try ModelFixtures.model().signed(privateKey: otherKeys.privateKey)
        let trusted = TrustedKeys(publicKeys: [keys.publicKey])
        #expect(
            ModelCorruptionTests.problem(try ModelFixtures.bytes(signed), trustedKeys: trusted)
                == .untrustedKey(keyID: ModelSignature.keyID(otherKeys.publicKey)))
    }

    @Test("a bad signature is refused: a changed signature, or content changed and its digest recomputed")
    func badSignature() throws {
        let signed = try ModelFixtures.model().signed(privateKey: keys.privateKey)
        let trusted = TrustedKeys(publicKeys: [keys.publicKey])
        let keyID = ModelSignature.keyID(keys.publicKey)
        var forged = signed
        forged.signature?.value[7] ^= 0x40
        #expect(
            ModelCorruptionTests.problem(try ModelFixtures.bytes(forged), trustedKeys: trusted)
                == .badSignature(keyID: keyID))
        // Someone edits a leaf value and fixes the digest, but cannot fix the signature.
        let edited = try ModelFixtures.resealed(signed) { root in
            root.set("body.trees[0].leafValue[0]", to: .number("0.5"))
        }
        #expect(ModelCorruptionTests.problem(edited, trustedKeys: trusted) == .badSignature(keyID: keyID))
        #expect(ModelCorruptionTests.problem(edited) == .badSignature(keyID: keyID))
    }

    @Test("key files round-trip, and malformed ones name the file and line")
    func keyFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "keys-\(UInt32.random(in: 0...UInt32.max))"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/k.pub"
        try KeyFile.text(keys.publicKey, kind: .publicKey, comment: "test").write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(try TrustedKeys.read(path: path) == TrustedKeys(publicKeys: [keys.publicKey]))
        try "# c\ned25519-private-key AAAA\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(
            throws: KeyFileError(
                file: path, line: 2,
                problem: "expected \"ed25519-public-key BASE64\", found \"ed25519-private-key AAAA\"")
        ) {
            try TrustedKeys.read(path: path)
        }
        #expect(ModelSignature.publicKey(ofPrivateKey: keys.privateKey) == keys.publicKey)
    }
}
