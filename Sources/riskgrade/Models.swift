import ArgumentParser
import Foundation
import RiskScoring
import RiskTraining

/// `riskgrade models`: the model registry.
struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, register, promote and verify models in the registry.",
        discussion: """
            The registry holds models/<name>/<version>/model.json; a registered version never changes. Models are \
            named NAME@VERSION or NAME@ALIAS (aliases such as champion and challenger live in \
            models/<name>/aliases.json).
            """,
        subcommands: [List.self, Show.self, Add.self, Promote.self, Verify.self])

    struct RegistryOption: ParsableArguments {
        @Option(help: "Registry folder.") var registry: String = "models"
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every name, version and alias.")
        @OptionGroup var options: RegistryOption

        func run() throws { print(try ModelRegistry(root: options.registry).listing()) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Describe one model (NAME@VERSION, NAME@ALIAS or a file).")
        @Argument(help: "The model.") var model: String
        @OptionGroup var options: RegistryOption

        func run() throws {
            print(try ModelRegistry.load(model, defaultRoot: options.registry).summary())
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a trained model.json under its name and version (or those given).")
        @Argument(help: "The model file (e.g. out/gbdt/model.json).") var model: String
        @Option(help: "Name to register under (default: the model's).") var name: String?
        @Option(help: "Version to register under (default: the model's).") var version: String?
        @Option(help: "The version it replaces (default: the champion's, if any).") var parent: String?
        @Option(help: "Private key file to sign with (from riskgrade keygen).") var key: String?
        @OptionGroup var options: RegistryOption

        func run() throws {
            let privateKey = try key.map { try ModelSigning.readPrivateKey(path: $0) }
            let (registered, path) = try ModelRegistry(root: options.registry).register(
                modelAt: model, name: name, version: version, parent: parent, privateKey: privateKey)
            let signed = registered.signature.map { ", signed by \($0.keyID)" } ?? ""
            print("registered \(registered.identity.name)@\(registered.identity.version) at \(path)\(signed)")
        }
    }

    struct Promote: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Point an alias at a registered version.",
            discussion: """
                MODEL is NAME@VERSION, NAME@ALIAS (the alias's version), or a model file, whose name and version \
                are then looked up in the registry.
                """)
        @Argument(help: "The version to promote.") var model: String
        @Argument(help: "The alias, e.g. champion or challenger.") var alias: String
        @OptionGroup var options: RegistryOption

        func run() throws {
            let registry = ModelRegistry(root: options.registry)
            let (name, version) = try registry.registeredVersion(of: model)
            let previous = try registry.promote(
                name: name, version: version, to: alias, at: ModelIdentity.timestamp(Date()))
            print("\(name)@\(alias): \(previous ?? "(none)") → \(version)")
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-check a model: content digest, fields, trees, golden vectors, signature.")
        @Argument(help: "The model.") var model: String
        @Option(name: .customLong("trusted-keys"), help: "Public key file; the model must be signed by one of them.")
        var trustedKeys: String?
        @OptionGroup var options: RegistryOption

        func run() throws {
            let keys = try trustedKeys.map { try TrustedKeys.read(path: $0) }
            let loaded = try ModelRegistry.load(model, defaultRoot: options.registry, trustedKeys: keys)
            let signature =
                loaded.signature.map { "signature by \($0.keyID) valid" + (keys == nil ? "" : " and trusted") }
                ?? "unsigned"
            print(
                "ok: \(loaded.identity.name)@\(loaded.identity.version): sha256 \(try loaded.contentDigest()), "
                    + "\(loaded.goldenVectors.count) golden vectors re-scored bit for bit, \(signature)")
        }
    }
}
