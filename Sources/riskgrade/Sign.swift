import ArgumentParser
import RiskTraining

/// `riskgrade sign`: an Ed25519 signature in a model file.
struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign a model file with an Ed25519 private key.",
        discussion: """
            Signs the model's content digest and writes the signature into its integrity block, in place or to \
            --out. Registered versions never change: sign before `riskgrade models add`, or use its --key.
            """)

    @Argument(help: "The model file.") var model: String
    @Option(help: "Private key file (from riskgrade keygen).") var key: String
    @Option(help: "Write the signed model here instead of in place.") var out: String?

    func run() throws {
        let signed = try ModelSigning.sign(modelAt: model, keyPath: key, output: out)
        print(
            "signed \(out ?? model) (\(signed.identity.name)@\(signed.identity.version)) with key \(signed.signature?.keyID ?? "?")"
        )
    }
}

/// `riskgrade keygen`: a new Ed25519 key pair.
struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make an Ed25519 key pair: PREFIX.key (private, mode 0600) and PREFIX.pub.")

    @Option(help: "Path prefix of the two key files.") var out: String

    func run() throws {
        let files = try ModelSigning.generateKeyFiles(prefix: out)
        print("wrote \(files.privateKey) (keep it secret) and \(files.publicKey); key \(files.keyID)")
    }
}
