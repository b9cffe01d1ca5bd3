/// A dictionary-encoded text column: one code per row into a vocabulary of distinct values.
public struct CategoricalColumn: Sendable, Equatable {
    /// The code of each row: an index into `vocabulary`, or -1 for a missing value.
    public var codes: [Int32]
    /// The distinct values, in the order they were first seen.
    public var vocabulary: [String]

    /// The code of a missing value.
    public static let missing: Int32 = -1

    /// Creates a column from codes and a vocabulary.
    ///
    /// - Precondition: every code is -1 or a valid index into `vocabulary`.
    public init(codes: [Int32], vocabulary: [String]) {
        precondition(
            codes.allSatisfy { $0 >= -1 && Int($0) < vocabulary.count }, "categorical code outside the vocabulary")
        self.codes = codes
        self.vocabulary = vocabulary
    }

    /// Encodes values in first-seen order; nil is missing.
    public init(values: [String?]) {
        var index: [String: Int32] = [:]
        var vocabulary: [String] = []
        codes = values.map { value in
            guard let value else { return Self.missing }
            if let code = index[value] { return code }
            let code = Int32(vocabulary.count)
            index[value] = code
            vocabulary.append(value)
            return code
        }
        self.vocabulary = vocabulary
    }

    /// The number of rows.
    public var count: Int { codes.count }

    /// The value of row `row`, or nil when it is missing.
    public subscript(row: Int) -> String? {
        let code = codes[row]
        return code < 0 ? nil : vocabulary[Int(code)]
    }
}
