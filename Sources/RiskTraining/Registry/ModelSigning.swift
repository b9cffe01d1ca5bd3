import Foundation
import RiskScoring

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Key pairs and signatures for model files, as `riskgrade keygen` and `riskgrade sign` use them.
public enum ModelSigning {
    /// Writes a new Ed25519 key pair to `<prefix>.key` (private, mode 0600) and `<prefix>.pub`, refusing to
    /// replace either.
    ///
    /// - Returns: The two paths and the key's fingerprint.
    public static func generateKeyFiles(prefix: String) throws -> (privateKey: String, publicKey: String, keyID: String)
    {
        let privatePath = prefix + ".key", publicPath = prefix + ".pub"
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw ModelRegistryError.io(
                path: path, operation: "write a new key", reason: "the file exists and keys are never replaced")
        }
        let (privateKey, publicKey) = ModelSignature.generateKeyPair()
        let keyID = ModelSignature.keyID(publicKey)
        let secret = KeyFile.text(
            privateKey, kind: .privateKey, comment: "RiskGrade Ed25519 private key \(keyID): keep it secret")
        try AtomicFile.writeSynced(Array(secret.utf8), to: privatePath)
        guard chmod(privatePath, 0o600) == 0 else {
            throw ModelRegistryError.io(
                path: privatePath, operation: "restrict permissions", reason: AtomicFile.systemError())
        }
        try AtomicFile.write(
            Array(KeyFile.text(publicKey, kind: .publicKey, comment: "RiskGrade Ed25519 public key \(keyID)").utf8),
            to: publicPath)
        return (privatePath, publicPath, keyID)
    }

    /// The raw private key in a key file.
    public static func readPrivateKey(path: String) throws -> [UInt8] {
        let keys = try KeyFile.read(path: path, kind: .privateKey)
        guard keys.count == 1 else {
            throw KeyFileError(file: path, line: nil, problem: "it holds \(keys.count) private keys, expected one")
        }
        return keys[0]
    }

    /// Signs the model file at `path` with the private key in `keyPath` and writes it atomically to `output`
    /// (default: in place). A model filed in a registry (`<name>/<version>/model.json` with that identity) is
    /// never changed in place: registered versions are immutable.
    ///
    /// - Returns: The signed model.
    @discardableResult
    public static func sign(modelAt path: String, keyPath: String, output: String? = nil) throws -> RiskModel {
        let model = try RiskModel.load(path: path)
        let folder = (path as NSString).deletingLastPathComponent
        let isRegistered =
            (folder as NSString).lastPathComponent == model.identity.version
            && ((folder as NSString).deletingLastPathComponent as NSString).lastPathComponent == model.identity.name
        if output == nil && isRegistered {
            throw ModelRegistryError.versionExists(
                name: model.identity.name, version: model.identity.version, path: folder)
        }
        let signed = try model.signed(privateKey: try readPrivateKey(path: keyPath))
        let bytes = try signed.canonicalBytes()
        _ = try RiskModel.decode(Data(bytes), file: output ?? path)
        try AtomicFile.write(bytes, to: output ?? path)
        return signed
    }
}
