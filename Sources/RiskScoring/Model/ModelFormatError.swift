/// Why a model file cannot be loaded: the file, and a problem from a closed set, each naming the field (as a
/// path such as `body.trees[3].threshold[5]`) and saying how to fix it.
public struct ModelFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Equatable {
        /// The file cannot be read.
        case unreadable(reason: String)
        /// The file is not JSON (truncated, corrupted, or not a model file).
        case invalidJSON(line: Int, column: Int, problem: String)
        /// The file's format version is missing or malformed.
        case invalidFormatVersion(found: String)
        /// The file's major format version is not one this toolkit reads.
        case unsupportedMajorVersion(found: FormatVersion, supported: FormatVersion)
        /// A required field is absent.
        case missingField(path: String, expected: String)
        /// A field holds the wrong JSON type.
        case wrongType(path: String, expected: String, found: String)
        /// A number is NaN, infinite, or too large for its type.
        case nonFinite(path: String, found: String)
        /// A field's value is outside what the format allows.
        case invalidValue(path: String, found: String, expected: String)
        /// `body.kind` names a body this toolkit does not know.
        case unknownBody(kind: String, known: [String])
        /// The feature list and the body disagree on the number of inputs.
        case featureCountMismatch(features: Int, body: Int)
        /// The trees break an invariant.
        case invalidTrees(path: String, TreeEnsembleError)
        /// The stored content digest differs from the content's.
        case digestMismatch(stored: String, computed: String)
        /// Trusted keys were given but the model carries no signature.
        case unsigned
        /// The model is signed by a key that is not trusted.
        case untrustedKey(keyID: String)
        /// The signature does not verify against the content digest.
        case badSignature(keyID: String)
        /// A golden vector's re-computed output differs from the stored one.
        case goldenVectorMismatch(row: Int, field: String, expected: Double, found: Double)
    }

    /// The model file (or `<model>` for bytes without a file).
    public var file: String
    /// What is wrong.
    public var problem: Problem

    /// An error about `file`.
    public init(_ problem: Problem, file: String) {
        self.problem = problem
        self.file = file
    }

    /// The field path at fault, if the problem is one field's.
    public var path: String? {
        switch problem {
        case .missingField(let path, _), .wrongType(let path, _, _), .nonFinite(let path, _),
            .invalidValue(let path, _, _), .invalidTrees(let path, _):
            path
        case .invalidFormatVersion, .unsupportedMajorVersion: "format"
        case .unknownBody: "body.kind"
        case .featureCountMismatch: "body.featureCount"
        case .digestMismatch: "integrity.sha256"
        case .unsigned, .untrustedKey, .badSignature: "integrity.signature"
        case .goldenVectorMismatch(let row, let field, _, _): "goldenVectors[\(row)].\(field)"
        case .unreadable, .invalidJSON: nil
        }
    }

    public var description: String {
        let damaged = "the file is damaged or was edited by hand; restore it from the registry or train it again"
        let text: String
        switch problem {
        case .unreadable(let reason):
            text = "cannot read the model file: \(reason); check the path and permissions"
        case .invalidJSON(let line, let column, let problem):
            text = "line \(line), column \(column): not valid JSON: \(problem); \(damaged)"
        case .invalidFormatVersion(let found):
            text =
                "format: expected a version \"major.minor\" such as \"\(FormatVersion.current)\", found \(found); "
                + "this is not a RiskGrade model file, or \(damaged)"
        case .unsupportedMajorVersion(let found, let supported):
            text =
                "the model is in format \(found), but this toolkit (RiskGrade \(Toolkit.version)) reads format "
                + "\(supported.major).x only; "
                + (found.major > supported.major
                    ? "upgrade RiskGrade to a release that reads format \(found.major).x"
                    : "export the model again with a RiskGrade release that writes format \(supported.major).x")
        case .missingField(let path, let expected):
            text = "\(path): missing; expected \(expected); \(damaged)"
        case .wrongType(let path, let expected, let found):
            text = "\(path): expected \(expected), found \(found); \(damaged)"
        case .nonFinite(let path, let found):
            text = "\(path): expected a finite number, found \(found); \(damaged)"
        case .invalidValue(let path, let found, let expected):
            text = "\(path): found \(found), expected \(expected); \(damaged)"
        case .unknownBody(let kind, let known):
            text =
                "body.kind: \"\(kind)\" is not a body this toolkit (RiskGrade \(Toolkit.version)) knows "
                + "(it knows \(known.joined(separator: ", "))); upgrade RiskGrade to a release that scores it"
        case .featureCountMismatch(let features, let body):
            text = "features lists \(features) features but body.featureCount is \(body); \(damaged)"
        case .invalidTrees(let path, let error):
            text = "\(path): \(error)"
        case .digestMismatch(let stored, let computed):
            text =
                "integrity.sha256: the stored content digest \(stored) differs from the content's \(computed); "
                + "the model was changed after it was written: \(damaged)"
        case .unsigned:
            text =
                "integrity.signature: the model is not signed, but trusted keys were given; sign it with "
                + "`riskgrade sign MODEL --key FILE` using a trusted key"
        case .untrustedKey(let keyID):
            text =
                "integrity.signature: signed by key \(keyID), which is not among the trusted keys; sign it with "
                + "a trusted key, or add the signer's public key to the trusted keys"
        case .badSignature(let keyID):
            text =
                "integrity.signature: the signature by key \(keyID) does not match the content; the model was "
                + "changed after it was signed: restore it and sign it again"
        case .goldenVectorMismatch(let row, let field, let expected, let found):
            text =
                "goldenVectors[\(row)].\(field): stored \(expected), re-scored \(found); this toolkit does not "
                + "reproduce the trainer's predictions: do not score with it, and report the model and toolkit "
                + "versions"
        }
        return "\(file): \(text)"
    }
}
