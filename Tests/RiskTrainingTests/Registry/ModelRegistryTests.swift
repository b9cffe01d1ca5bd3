import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("Model registry: immutable versions, atomic writes, aliases")
struct ModelRegistryTests {
    /// A small valid model (two one-leaf trees over two features) with the given identity.
    static func model(name: String = "general", version: String, leaf: Double = 0.25) -> RiskModel {
        let features = [
            ModelFeature(name: "penalties_1y", dimension: "supervision", kind: .count, direction: .increasing),
            ModelFeature(name: "serious_dishonesty", dimension: "supervision", kind: .flag, direction: .increasing),
        ]
        let tree = DecisionTree(
            splitFeature: [0], threshold: [2], defaultLeft: [true], categorySet: [-1], left: [-1], right: [-2],
            splitGain: [1], internalCover: [3], leafValue: [-leaf, leaf], leafCover: [2, 1])
        var model = RiskModel(
            identity: ModelIdentity(name: name, version: version, createdAt: "2026-07-01T00:00:00Z"),
            features: features, body: .trees(TreeEnsemble(featureCount: 2, baseScore: -1, trees: [tree])))
        model.goldenVectors = model.goldenVectors(for: (0..<20).map { [Float($0 % 5), Float($0 % 2)] })
        return model
    }

    @Test("a registered version loads by name@version and by path, and is never overwritten")
    func addAndOverwrite() throws {
        let registry = ModelRegistry(root: TestFiles.temporaryDirectory("registry") + "/models")
        let path = try registry.add(Self.model(version: "2026Q3"))
        #expect(path == registry.root + "/general/2026Q3/model.json")
        #expect(try ModelRegistry.load(registry.root + "/general@2026Q3") == Self.model(version: "2026Q3"))
        #expect(try ModelRegistry.load(path) == Self.model(version: "2026Q3"))
        #expect(try ModelRegistry.load(registry.root + "/general/2026Q3") == Self.model(version: "2026Q3"))

        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(
            throws: ModelRegistryError.versionExists(
                name: "general", version: "2026Q3", path: registry.root + "/general/2026Q3")
        ) {
            try registry.add(Self.model(version: "2026Q3", leaf: 0.5))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: registry.root + "/general") == ["2026Q3"])
        #expect(try registry.versions(of: "general") == ["2026Q3"])
    }

    @Test("aliases resolve everywhere a model is named, and every promotion is recorded")
    func aliases() throws {
        let registry = ModelRegistry(root: TestFiles.temporaryDirectory("aliases") + "/models")
        try registry.add(Self.model(version: "2026Q2"))
        try registry.add(Self.model(version: "2026Q3", leaf: 0.5))
        #expect(try registry.promote(name: "general", version: "2026Q2", to: "champion", at: "t1") == nil)
        #expect(try registry.promote(name: "general", version: "2026Q3", to: "challenger", at: "t2") == nil)
        #expect(try registry.resolve(name: "general", selector: "champion") == "2026Q2")
        #expect(try ModelRegistry.locate(registry.root + "/general@challenger").version == "2026Q3")
        #expect(try ModelRegistry.locate("general@champion", defaultRoot: registry.root).version == "2026Q2")
        #expect(try registry.promote(name: "general", version: "2026Q3", to: "champion", at: "t3") == "2026Q2")
        #expect(try ModelRegistry.load(registry.root + "/general@champion").identity.version == "2026Q3")
        let index = try registry.aliasIndex(of: "general")
        #expect(index.aliases == ["champion": "2026Q3", "challenger": "2026Q3"])
        #expect(index.history.map(\.at) == ["t1", "t2", "t3"])
        // The index file is canonical: sorted keys, the same bytes for the same index.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: registry.aliasPath(of: "general")))
        #expect(bytes == Data(index.encoded()))
        #expect(try AliasIndex.decode(bytes, file: "aliases.json") == index)
        #expect(try registry.listing().contains("  2026Q3  [challenger, champion]"))
    }

    @Test("unknown names, versions and aliases are refused with what exists")
    func unknown() throws {
        let registry = ModelRegistry(root: TestFiles.temporaryDirectory("unknown") + "/models")
        try registry.add(Self.model(version: "2026Q3"))
        try registry.promote(name: "general", version: "2026Q3", to: "champion", at: "t")
        #expect(throws: ModelRegistryError.unknownModel(name: "special", root: registry.root, available: ["general"])) {
            try ModelRegistry.locate(registry.root + "/special@champion")
        }
        #expect(
            throws: ModelRegistryError.unknownSelector(
                name: "general", selector: "2025Q1", versions: ["2026Q3"], aliases: ["champion"])
        ) { try ModelRegistry.locate(registry.root + "/general@2025Q1") }
        #expect(throws: ModelRegistryError.self) { try ModelRegistry.locate("general@") }
        #expect(throws: ModelRegistryError.invalidName("..", role: "version or alias")) {
            try ModelRegistry.locate(registry.root + "/general@..")
        }
        #expect(throws: ModelRegistryError.self) {
            try registry.promote(name: "general", version: "2025Q1", to: "x", at: "t")
        }
    }

    @Test("an alias may not shadow a version, nor a version an alias")
    func nameClashes() throws {
        let registry = ModelRegistry(root: TestFiles.temporaryDirectory("clash") + "/models")
        try registry.add(Self.model(version: "2026Q3"))
        try registry.promote(name: "general", version: "2026Q3", to: "champion", at: "t")
        #expect(throws: ModelRegistryError.self) {
            try registry.promote(name: "general", version: "2026Q3", to: "2026Q3", at: "t")
        }
        #expect(throws: ModelRegistryError.self) { try registry.add(Self.model(version: "champion")) }
        #expect(try registry.versions(of: "general") == ["2026Q3"])
    }

    @Test("a dangling alias and a broken index are reported, not followed")
    func brokenIndex() throws {
        let registry = ModelRegistry(root: TestFiles.temporaryDirectory("dangling") + "/models")
        try registry.add(Self.model(version: "2026Q3"))
        try TestFiles.write(
            #"{"aliases": {"champion": "2026Q1"}}"#, to: "aliases.json", in: registry.directory(of: "general"))
        #expect(throws: ModelRegistryError.danglingAlias(name: "general", alias: "champion", version: "2026Q1")) {
            try registry.resolve(name: "general", selector: "champion")
        }
        try TestFiles.write(#"{"aliases": {"champion": 3}}"#, to: "aliases.json", in: registry.directory(of: "general"))
        #expect(throws: ModelRegistryError.self) { try registry.resolve(name: "general", selector: "champion") }
    }

    @Test("what a crash leaves (a temporary folder) is never taken for a version, and the next add succeeds")
    func crashLeftovers() throws {
        let registry = ModelRegistry(root: TestFiles.temporaryDirectory("crash") + "/models")
        try registry.add(Self.model(version: "2026Q2"))
        let leftover = registry.directory(of: "general") + "/.2026Q3.tmp-1-2"
        try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: true)
        try TestFiles.write("{\"format\": \"1.0\", \"bo", to: "model.json", in: leftover)
        #expect(try registry.versions(of: "general") == ["2026Q2"])
        try registry.add(Self.model(version: "2026Q3"))
        #expect(try registry.versions(of: "general") == ["2026Q2", "2026Q3"])
    }

    @Test("register: renames, defaults the parent to the champion, and re-signs only with a key")
    func register() throws {
        let root = TestFiles.temporaryDirectory("register")
        let registry = ModelRegistry(root: root + "/models")
        try registry.add(Self.model(version: "2026Q2"))
        try registry.promote(name: "general", version: "2026Q2", to: "champion", at: "t")
        let trained = root + "/model.json"
        try Data(try Self.model(version: "2026Q4").canonicalBytes()).write(to: URL(fileURLWithPath: trained))
        let (model, path) = try registry.register(modelAt: trained, version: "2026Q3")
        #expect(model.identity.version == "2026Q3" && model.identity.parentVersion == "2026Q2")
        #expect(path == registry.modelPath(name: "general", version: "2026Q3"))

        let keys = ModelSignature.generateKeyPair()
        let signedPath = root + "/signed.json"
        let signed = try Self.model(version: "2026Q4").signed(privateKey: keys.privateKey)
        try Data(try signed.canonicalBytes()).write(to: URL(fileURLWithPath: signedPath))
        #expect(throws: ModelRegistryError.self) { try registry.register(modelAt: signedPath, version: "2026Q5") }
        let (resigned, _) = try registry.register(modelAt: signedPath, version: "2026Q5", privateKey: keys.privateKey)
        let trusted = TrustedKeys(publicKeys: [keys.publicKey])
        #expect(try ModelRegistry.load(registry.root + "/general@2026Q5", trustedKeys: trusted) == resigned)
    }

    @Test("keygen and sign: a signed file verifies with the public key; registered versions are not signed in place")
    func signing() throws {
        let root = TestFiles.temporaryDirectory("signing")
        let files = try ModelSigning.generateKeyFiles(prefix: root + "/bureau")
        let attributes = try FileManager.default.attributesOfItem(atPath: files.privateKey)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(throws: ModelRegistryError.self) { try ModelSigning.generateKeyFiles(prefix: root + "/bureau") }
        let path = root + "/model.json"
        try Data(try Self.model(version: "2026Q3").canonicalBytes()).write(to: URL(fileURLWithPath: path))
        try ModelSigning.sign(modelAt: path, keyPath: files.privateKey)
        let trusted = try TrustedKeys.read(path: files.publicKey)
        #expect(try RiskModel.load(path: path, trustedKeys: trusted).signature?.keyID == files.keyID)

        let registry = ModelRegistry(root: root + "/models")
        let registered = try registry.add(Self.model(version: "2026Q3"))
        let before = try Data(contentsOf: URL(fileURLWithPath: registered))
        #expect(throws: ModelRegistryError.self) {
            try ModelSigning.sign(modelAt: registered, keyPath: files.privateKey)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: registered)) == before)
    }
}
