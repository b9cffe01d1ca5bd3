import Crypto
import Foundation

extension RiskModel {
    /// Reads and checks the model file at `path`.
    ///
    /// Checks, in order: the JSON syntax; the format version (an unknown major version is refused, a newer
    /// minor version loads and its unknown fields are ignored); the content digest; the signature (when
    /// `trustedKeys` is given, an unsigned model, a model signed by another key or a bad signature is refused;
    /// without trusted keys a signature present must still verify); every field; the body's invariants; and the
    /// golden vectors, re-scored through both the single-row and the batch evaluator and compared bit for bit.
    ///
    /// - Throws: `ModelFormatError` naming the file, the field path and the fix.
    /// - Complexity: O(file size + golden vectors × trees × depth).
    public static func load(path: String, trustedKeys: TrustedKeys? = nil) throws(ModelFormatError) -> RiskModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelFormatError(.unreadable(reason: (error as NSError).localizedDescription), file: path)
        }
        return try decode(data, file: path, trustedKeys: trustedKeys)
    }

    /// Reads and checks a model from the bytes of a model file; `file` names it in errors. Checks as
    /// ``load(path:trustedKeys:)``.
    public static func decode(_ data: Data, file: String = "<model>", trustedKeys: TrustedKeys? = nil)
        throws(ModelFormatError) -> RiskModel
    {
        let bytes = [UInt8](data)
        return try bytes.withUnsafeBufferPointer { source throws(ModelFormatError) in
            let d = ModelDecoder(source: source, file: file)
            let root: JSONValue
            do throws(JSONParser.SyntaxError) {
                root = try JSONParser.parse(source)
            } catch {
                let (line, column) = Self.lineAndColumn(of: error.offset, in: source)
                throw d.fail(.invalidJSON(line: line, column: column, problem: error.problem))
            }
            let members = try d.object(root, "the document")
            let format = try checkFormat(members, d)
            let digest = try checkDigest(members, source: source, d)
            let model = try RiskModel(document: members, format: format, decoder: d)
            try model.checkSignature(digest: digest, trustedKeys: trustedKeys, d)
            try model.checkGoldenVectors(d)
            return model
        }
    }

    /// The format version, checked before anything else so an unknown major version is named as such.
    private static func checkFormat(_ members: [JSONMember], _ d: ModelDecoder) throws(ModelFormatError)
        -> FormatVersion
    {
        guard let value = d.optional(members, "format") else {
            throw d.fail(.invalidFormatVersion(found: "no \"format\" field"))
        }
        guard case .string(let text) = value, let format = FormatVersion(text) else {
            throw d.fail(.invalidFormatVersion(found: d.text(of: value)))
        }
        guard format.major == FormatVersion.current.major else {
            throw d.fail(.unsupportedMajorVersion(found: format, supported: .current))
        }
        return format
    }

    /// Compares the stored content digest with the content's; returns it.
    private static func checkDigest(_ members: [JSONMember], source: UnsafeBufferPointer<UInt8>, _ d: ModelDecoder)
        throws(ModelFormatError) -> String
    {
        let integrity = try d.object(
            try d.required(members, "integrity", "", expected: "the content digest"), "integrity")
        let stored = try d.string(
            try d.required(integrity, "sha256", "integrity", expected: "64 hex digits"), "integrity.sha256")
        guard isHexDigest(stored) else {
            throw d.fail(.invalidValue(path: "integrity.sha256", found: "\"\(stored)\"", expected: "64 hex digits"))
        }
        let content = JSONValue.object(members.filter { $0.key != "integrity" })
        let computed = sha256Hex(CanonicalJSON.compact(content, source: source))
        guard computed == stored else { throw d.fail(.digestMismatch(stored: stored, computed: computed)) }
        return computed
    }

    private func checkSignature(digest: String, trustedKeys: TrustedKeys?, _ d: ModelDecoder) throws(ModelFormatError) {
        guard let signature else {
            if trustedKeys != nil { throw d.fail(.unsigned) }
            return
        }
        if let trustedKeys, !trustedKeys.publicKeys.contains(signature.publicKey) {
            throw d.fail(.untrustedKey(keyID: signature.keyID))
        }
        guard signature.isValid(digest: digest) else { throw d.fail(.badSignature(keyID: signature.keyID)) }
    }

    /// Re-scores every golden vector through the single-row and the batch evaluator.
    private func checkGoldenVectors(_ d: ModelDecoder) throws(ModelFormatError) {
        let width = features.count
        var rows: [Float] = []
        rows.reserveCapacity(goldenVectors.count * width)
        for vector in goldenVectors { rows.append(contentsOf: vector.inputs) }
        let batch =
            width == 0 ? [Double](repeating: margin([]), count: goldenVectors.count) : body.margins(rowMajor: rows)
        for (i, vector) in goldenVectors.enumerated() {
            let single = margin(vector.inputs)
            guard single.bitPattern == vector.margin.bitPattern else {
                throw d.fail(.goldenVectorMismatch(row: i, field: "margin", expected: vector.margin, found: single))
            }
            guard batch[i].bitPattern == vector.margin.bitPattern else {
                throw d.fail(
                    .goldenVectorMismatch(
                        row: i, field: "margin (batch evaluator)", expected: vector.margin, found: batch[i]))
            }
            let p = probability(margin: single)
            guard p.bitPattern == vector.probability.bitPattern else {
                throw d.fail(
                    .goldenVectorMismatch(row: i, field: "probability", expected: vector.probability, found: p))
            }
        }
    }

    /// SHA-256 of `bytes` as 64 lowercase hex digits (also what the registry's audit log chains its lines with).
    public static func sha256Hex(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).hexString }

    /// 1-based line and column (in bytes) of a byte offset.
    private static func lineAndColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }
}
