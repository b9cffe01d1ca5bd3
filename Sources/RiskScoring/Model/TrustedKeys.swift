import Foundation

/// The Ed25519 public keys a scorer trusts: given to ``RiskModel/load(path:trustedKeys:)``, they make the
/// loader refuse unsigned models and models signed by any other key.
public struct TrustedKeys: Sendable, Equatable {
    /// Raw 32-byte Ed25519 public keys.
    public var publicKeys: [[UInt8]]

    /// Trusted keys from raw 32-byte public keys.
    public init(publicKeys: [[UInt8]]) { self.publicKeys = publicKeys }

    /// Reads a public-key file written by `riskgrade keygen` (one or more `ed25519-public-key BASE64` lines;
    /// blank lines and `#` comments are skipped).
    public static func read(path: String) throws(KeyFileError) -> TrustedKeys {
        TrustedKeys(publicKeys: try KeyFile.read(path: path, kind: .publicKey))
    }
}

/// The one-line-per-key text files `riskgrade keygen` writes.
///
/// ```
/// # RiskGrade Ed25519 public key 3f2a9c0d1e2b4a5c
/// ed25519-public-key <32 bytes in base64>
/// ```
/// A private-key file has one `ed25519-private-key <32 bytes in base64>` line.
public enum KeyFile {
    /// Which key a line holds.
    public enum Kind: String, Sendable {
        /// `ed25519-public-key`.
        case publicKey = "ed25519-public-key"
        /// `ed25519-private-key`.
        case privateKey = "ed25519-private-key"
    }

    /// The text of a key file holding `key`.
    public static func text(_ key: [UInt8], kind: Kind, comment: String) -> String {
        "# \(comment)\n\(kind.rawValue) \(Data(key).base64EncodedString())\n"
    }

    /// The raw 32-byte keys of `kind` in the file at `path`: at least one.
    public static func read(path: String, kind: Kind) throws(KeyFileError) -> [[UInt8]] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KeyFileError(file: path, line: nil, problem: "cannot read it (\(error.localizedDescription))")
        }
        var keys: [[UInt8]] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0] == kind.rawValue else {
                throw KeyFileError(
                    file: path, line: index + 1,
                    problem: "expected \"\(kind.rawValue) BASE64\", found \"\(line.prefix(40))\"")
            }
            guard let data = Data(base64Encoded: String(parts[1])), data.count == 32 else {
                throw KeyFileError(file: path, line: index + 1, problem: "the key is not 32 bytes in base64")
            }
            keys.append([UInt8](data))
        }
        guard !keys.isEmpty else { throw KeyFileError(file: path, line: nil, problem: "it holds no \(kind.rawValue)") }
        return keys
    }
}

/// A key file that cannot be used.
public struct KeyFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key file.
    public var file: String
    /// The 1-based line at fault, if one is.
    public var line: Int?
    /// What is wrong.
    public var problem: String

    /// An error about `file`, at `line` if one line is at fault.
    public init(file: String, line: Int?, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        let at = line.map { ": line \($0)" } ?? ""
        return "\(file)\(at): \(problem); write key files with `riskgrade keygen`"
    }
}
