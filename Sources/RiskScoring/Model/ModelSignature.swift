import Crypto
import Foundation

/// An Ed25519 signature of a model's content digest, and the public key that made it.
///
/// The signed message is the ASCII text `riskgrade-model-sha256:` followed by the 64 lowercase hex digits
/// of the content digest, so a signature covers everything the digest covers.
public struct ModelSignature: Sendable, Equatable {
    /// The signature algorithm; `ed25519` is the only one.
    public var algorithm: String
    /// The signer's raw 32-byte public key.
    public var publicKey: [UInt8]
    /// The 64-byte signature.
    public var value: [UInt8]

    /// A signature from its parts.
    public init(algorithm: String = "ed25519", publicKey: [UInt8], value: [UInt8]) {
        self.algorithm = algorithm
        self.publicKey = publicKey
        self.value = value
    }

    /// The message a signature signs for a content digest (64 hex digits).
    public static func message(digest: String) -> [UInt8] { Array("riskgrade-model-sha256:\(digest)".utf8) }

    /// The public key's fingerprint: the first 16 hex digits of its SHA-256, for messages and listings.
    public var keyID: String { Self.keyID(publicKey) }

    /// The fingerprint of a raw public key.
    public static func keyID(_ publicKey: [UInt8]) -> String {
        String(SHA256.hash(data: publicKey).hexString.prefix(16))
    }

    /// Whether the signature is a valid Ed25519 signature of `digest` by ``publicKey``.
    public func isValid(digest: String) -> Bool {
        guard algorithm == "ed25519", let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
        else { return false }
        return key.isValidSignature(value, for: Self.message(digest: digest))
    }
}

extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hex digits.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
