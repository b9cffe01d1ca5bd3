import Crypto
import Foundation

extension RiskModel {
    /// The model with an Ed25519 signature of its content digest by `privateKey` (raw 32 bytes), replacing
    /// any earlier signature.
    ///
    /// - Throws: `ModelFormatError` when the key is not a raw Ed25519 private key or a number cannot be written.
    public func signed(privateKey: [UInt8]) throws(ModelFormatError) -> RiskModel {
        let key: Curve25519.Signing.PrivateKey
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)
        } catch {
            throw ModelFormatError(
                .invalidValue(path: "integrity.signature", found: "a malformed private key", expected: "32 raw bytes"),
                file: "<key>")
        }
        let digest = try contentDigest()
        let value: Data
        do {
            value = try key.signature(for: ModelSignature.message(digest: digest))
        } catch {
            throw ModelFormatError(
                .invalidValue(path: "integrity.signature", found: "\(error)", expected: "a signature"), file: "<key>")
        }
        var copy = self
        copy.signature = ModelSignature(publicKey: [UInt8](key.publicKey.rawRepresentation), value: [UInt8](value))
        return copy
    }
}

extension ModelSignature {
    /// A new Ed25519 key pair from the system's secure random source, as raw bytes.
    public static func generateKeyPair() -> (privateKey: [UInt8], publicKey: [UInt8]) {
        let key = Curve25519.Signing.PrivateKey()
        return ([UInt8](key.rawRepresentation), [UInt8](key.publicKey.rawRepresentation))
    }

    /// The raw public key of a raw private key, or nil when the bytes are not one.
    public static func publicKey(ofPrivateKey privateKey: [UInt8]) -> [UInt8]? {
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)).map {
            [UInt8]($0.publicKey.rawRepresentation)
        }
    }
}

extension TrainingRecord.InputFile {
    /// The SHA-256 and size of the file at `path`, read in 1 MiB blocks; `name` is what the record stores.
    public static func digest(of path: String, name: String? = nil) throws -> TrainingRecord.InputFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ModelFormatError(.unreadable(reason: "cannot open it"), file: path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes = 0
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            hasher.update(data: block)
            bytes += block.count
        }
        return TrainingRecord.InputFile(file: name ?? path, sha256: hasher.finalize().hexString, bytes: bytes)
    }
}
