/// How the scorer reads one feature's raw value into the number the model's body sees, with the checks the
/// trainer applied to its table (the same number parser, the same `Float` range check, the same missing
/// policy), so a field scores as it would have trained.
///
/// ```
/// empty               → missing policy: allowed → NaN (the tree's default direction), zero → 0, error → rejected
/// categorical text    → its code in the vocabulary; a category outside the vocabulary → NaN
/// numeric text        → the correctly rounded Float; not a number → rejected; outside the valid range → rejected
/// ```
struct FeatureReader: Sendable {
    /// The feature's kind.
    let kind: IndicatorKind
    /// The missing policy.
    let missing: MissingPolicy
    /// The valid range, as the trainer checks it: both bounds rounded to `Float`.
    let range: ClosedRange<Float>?
    /// The valid range as written in the model, for messages.
    let rangeText: String?
    /// The vocabulary of a categorical feature.
    let vocabulary: VocabularyIndex?

    init(_ feature: ModelFeature) {
        kind = feature.kind
        missing = feature.missing
        range = feature.validRange.map { Float($0.lowerBound)...Float($0.upperBound) }
        rangeText = feature.validRange.map { "[\(Self.text($0.lowerBound)), \(Self.text($0.upperBound))]" }
        vocabulary = feature.kind == .categorical ? VocabularyIndex(feature.vocabulary) : nil
    }

    /// The value of an empty field, by the missing policy.
    @inline(__always)
    func missingValue() throws(RowRejection.Reason) -> Float {
        switch missing {
        case .allowed: return .nan
        case .zero: return 0
        case .error: throw .missingValue
        }
    }

    /// The value of a field given as UTF-8 bytes (an empty field is a missing value). Allocates nothing
    /// unless the field is rejected.
    @inline(__always)
    func value(of field: UnsafeBufferPointer<UInt8>) throws(RowRejection.Reason) -> Float {
        if field.isEmpty { return try missingValue() }
        if let vocabulary {
            // Unseen categories score as missing whatever the policy: the value is present, only unknown.
            return vocabulary.code(of: field).map { Float($0) } ?? .nan
        }
        guard let value = CSVNumberParser.float(field) else {
            let text = String(decoding: field, as: UTF8.self)
            if CSVNumberParser.double(field) != nil {
                throw .outOfRange(found: text, range: "of Float (±3.4028235e+38)")
            }
            throw .invalidNumber(found: text)
        }
        if let range, !range.contains(value) {
            throw .outOfRange(found: String(decoding: field, as: UTF8.self), range: rangeText ?? "\(range)")
        }
        return value
    }

    /// The value of a field given as text (an empty text is a missing value).
    func value(of text: String) throws(RowRejection.Reason) -> Float {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(RowRejection.Reason) -> Float in try value(of: bytes) }
        }
        return try result.get()
    }

    /// The value of a number given directly: NaN is a missing value. For a categorical feature the number
    /// is a category code (a whole number below the vocabulary's size, else missing).
    func value(of number: Float) throws(RowRejection.Reason) -> Float {
        if number.isNaN { return try missingValue() }
        guard number.isFinite else { throw .invalidNumber(found: "\(number)") }
        if let vocabulary {
            let isCode = number >= 0 && number == number.rounded(.towardZero) && number < Float(vocabulary.count)
            return isCode ? number : .nan
        }
        if let range, !range.contains(number) {
            throw .outOfRange(found: Self.text(Double(number)), range: rangeText ?? "\(range)")
        }
        return number
    }

    /// The value of a `Double`, rounded to `Float` first (as the trainer stores values); NaN is missing.
    func value(of number: Double) throws(RowRejection.Reason) -> Float {
        if number.isFinite, !Float(number).isFinite {
            throw .outOfRange(found: "\(number)", range: "of Float (±3.4028235e+38)")
        }
        return try value(of: Float(number))
    }

    /// A bound or value without a needless `.0`.
    static func text(_ value: Double) -> String {
        value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : "\(Float(value))"
    }
}
