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
            models/<name>/aliases.json). add, promote and riskgrade retrain append an entry to the registry's \
            audit log (audit.jsonl), which audit verifies and prints.
            """,
        subcommands: [List.self, Show.self, Add.self, Promote.self, Verify.self, Audit.self])

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
        @Option(help: "Who registers it, for the audit log (default: $USER).") var user: String?
        @OptionGroup var options: RegistryOption

        func run() throws {
            let privateKey = try key.map { try ModelSigning.readPrivateKey(path: $0) }
            let registry = ModelRegistry(root: options.registry)
            let log = AuditLog(registry: registry)
            _ = try log.verify()
            let (registered, path) = try registry.register(
                modelAt: model, name: name, version: version, parent: parent, privateKey: privateKey)
            let signed = registered.signature.map { ", signed by \($0.keyID)" } ?? ""
            print("registered \(registered.identity.name)@\(registered.identity.version) at \(path)\(signed)")
            var entry = AuditLogEntry.now(.add, user: user)
            entry.model = try AuditLogEntry.ModelReference(registered)
            try log.append(entry)
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
        @Option(help: "Who promotes it, for the audit log (default: $USER).") var user: String?
        @OptionGroup var options: RegistryOption

        func run() throws {
            let registry = ModelRegistry(root: options.registry)
            let log = AuditLog(registry: registry)
            _ = try log.verify()
            let (name, version) = try registry.registeredVersion(of: model)
            let previous = try registry.promote(
                name: name, version: version, to: alias, at: ModelIdentity.timestamp(Date()))
            print("\(name)@\(alias): \(previous ?? "(none)") → \(version)")
            var entry = AuditLogEntry.now(.promote, user: user)
            entry.model = try AuditLogEntry.ModelReference(
                ModelRegistry.load("\(name)@\(version)", defaultRoot: options.registry))
            entry.alias = alias
            entry.replaced = previous
            try log.append(entry)
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

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the registry's audit log (audit.jsonl) and print it.",
            discussion: """
                Checks every line's own SHA-256, its number and the previous line's SHA-256 it records, then prints \
                one line per entry and the head: the last line's SHA-256. Keep the head elsewhere; --head checks \
                later that the log still holds that line (not cut back or rewritten). A broken log is reported with \
                the line number and a non-zero exit status.
                """)
        @Option(help: "A head printed earlier: the log must still hold that line.") var head: String?
        @OptionGroup var options: RegistryOption

        func run() throws {
            let log = AuditLog(registry: ModelRegistry(root: options.registry))
            let lines = try log.verify(head: head)
            for line in lines { print(AuditLogEntry.summary(line.entry)) }
            print(
                "\(log.path): \(lines.count) entries, chain verified"
                    + (lines.last.map { "; head sha256 \($0.digest)" } ?? ""))
        }
    }
}
