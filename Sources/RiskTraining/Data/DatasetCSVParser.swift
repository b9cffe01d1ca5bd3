import RiskScoring

/// Builds a ``Dataset`` from a ``CSVReader`` record by record: the hot loop of `Dataset.read`.
///
/// Each header column gets a plan (skip, numeric, categorical, or inferred). An inferred column is parsed as
/// numeric until its first non-number; it then becomes categorical, and if numbers had already been read
/// into it, the reader is rewound once at the end to recover their exact text (so `"007"` stays `"007"`).
struct DatasetCSVParser {
    private enum Kind {
        case skip, numeric, categorical, inferred
    }

    private struct Plan {
        var kind: Kind
        var slot = -1
        var range: ClosedRange<Float>?
        var allowsMissing = true
        var missingValue: Float = .nan
    }

    private let reader: CSVReader
    /// The column whose empty fields skip a row, if any.
    private let skipColumn: Int?
    /// The column whose value must be one of `keepValues` for a row to be read, if any.
    private let keepColumn: Int?
    private let keepValues: Set<String>
    private var plans: [Plan] = []
    // Columns in blocks while the file is read (see ``ColumnBuffer``); `codes` become arrays before recovery.
    private var numbers: [ColumnBuffer<Float>] = []
    private var codes: [ColumnBuffer<Int32>] = []
    private var vocabularies: [[String]] = []
    private var indices: [[String: Int32]] = []
    /// Categorical slots whose first `rows` codes must be recovered by reading the file again.
    private var recover: [(slot: Int, column: Int, rows: Int)] = []

    init(reader: CSVReader, schema: DatasetSchema) throws(CSVError) {
        self.reader = reader
        let header = reader.header
        var needed = schema.required
        if let column = schema.skipRowsWithEmpty, !needed.contains(column) { needed.append(column) }
        if let column = schema.onlyRowsWith?.column, !needed.contains(column) { needed.append(column) }
        keepColumn = schema.onlyRowsWith.flatMap { header.firstIndex(of: $0.column) }
        keepValues = schema.onlyRowsWith?.values ?? []
        let missing = needed.filter { !header.contains($0) }
        skipColumn = schema.skipRowsWithEmpty.flatMap { header.firstIndex(of: $0) }
        guard missing.isEmpty else {
            throw CSVError(.missingColumns(missing: missing, header: header), file: reader.name, line: 1)
        }
        for name in header {
            var plan = Plan(kind: .skip)
            if !schema.ignored.contains(name) {
                switch schema.types[name] {
                case .numeric: plan.kind = .numeric
                case .categorical: plan.kind = .categorical
                case nil: plan.kind = schema.inferUndeclared ? .inferred : .skip
                }
            }
            if let rule = schema.rules[name] {
                plan.range = rule.range
                plan.allowsMissing = rule.allowsMissing
                plan.missingValue = rule.missingValue ?? .nan
            }
            switch plan.kind {
            case .skip: break
            case .numeric, .inferred:
                plan.slot = numbers.count
                numbers.append(ColumnBuffer())
            case .categorical:
                plan.slot = addCategorical(rows: 0)
            }
            plans.append(plan)
        }
    }

    /// Whether `record` is left out by the schema's row filters.
    @inline(__always)
    private func skipsRow(_ record: CSVRecord) -> Bool {
        if let skipColumn, record.isEmpty(skipColumn) { return true }
        if let keepColumn, !keepValues.contains(record.lossyString(keepColumn)) { return true }
        return false
    }

    /// Reads every record and returns the dataset.
    mutating func parse() throws(CSVError) -> Dataset {
        var record = CSVRecord()
        var rows = 0
        while try reader.next(into: &record) {
            if skipsRow(record) { continue }
            for column in 0..<plans.count {
                try parse(field: column, of: record, row: rows)
            }
            rows += 1
        }
        // Each column is joined into its exact array while its blocks are released, one column at a time.
        var codeArrays: [[Int32]] = []
        for slot in codes.indices { codeArrays.append(codes[slot].finish()) }
        codes = []
        if !recover.isEmpty { try recoverText(codes: &codeArrays) }
        var columns: [Column] = []
        for (name, plan) in zip(reader.header, plans) {
            switch plan.kind {
            case .skip:
                continue
            case .numeric, .inferred:
                columns.append(Column(name: name, storage: .numeric(numbers[plan.slot].finish())))
            case .categorical:
                let column = CategoricalColumn(codes: codeArrays[plan.slot], vocabulary: vocabularies[plan.slot])
                codeArrays[plan.slot] = []
                columns.append(Column(name: name, storage: .categorical(column)))
            }
        }
        return Dataset(columns: columns)
    }

    @inline(__always)
    private mutating func parse(field column: Int, of record: CSVRecord, row: Int) throws(CSVError) {
        let plan = plans[column]
        switch plan.kind {
        case .skip:
            return
        case .numeric, .inferred:
            if record.isEmpty(column) {
                guard plan.allowsMissing else { throw record.error(.missingValue, field: column) }
                numbers[plan.slot].append(plan.missingValue)
            } else if let value = record.float(column) {
                if let range = plan.range, !range.contains(value) {
                    throw record.error(
                        .outOfRange(value: record.lossyString(column), range: "\(range)"), field: column)
                }
                numbers[plan.slot].append(value)
            } else if plan.kind == .inferred {
                try becomeCategorical(column, row: row)
                try parse(field: column, of: record, row: row)
            } else if record.double(column) != nil {
                throw record.error(
                    .outOfRange(value: record.lossyString(column), range: "of Float (±3.4028235e+38)"), field: column)
            } else {
                throw record.error(.invalidNumber(found: record.lossyString(column)), field: column)
            }
        case .categorical:
            if record.isEmpty(column) {
                guard plan.allowsMissing else { throw record.error(.missingValue, field: column) }
                codes[plan.slot].append(CategoricalColumn.missing)
                return
            }
            let text = try record.string(column)
            if let code = indices[plan.slot][text] {
                codes[plan.slot].append(code)
            } else {
                let code = Int32(vocabularies[plan.slot].count)
                indices[plan.slot][text] = code
                vocabularies[plan.slot].append(text)
                codes[plan.slot].append(code)
            }
        }
    }

    private mutating func addCategorical(rows: Int) -> Int {
        codes.append(ColumnBuffer(repeating: CategoricalColumn.missing, count: rows))
        vocabularies.append([])
        indices.append([:])
        return codes.count - 1
    }

    /// Turns inferred column `column` categorical at `row`; earlier numbers are recovered later as text.
    private mutating func becomeCategorical(_ column: Int, row: Int) throws(CSVError) {
        let numericSlot = plans[column].slot
        let hadNumbers = numbers[numericSlot].contains { !$0.isNaN }
        numbers[numericSlot] = ColumnBuffer()
        let slot = addCategorical(rows: row)
        plans[column].kind = .categorical
        plans[column].slot = slot
        if hadNumbers { recover.append((slot: slot, column: column, rows: row)) }
    }

    /// Reads the first rows again to get the exact text of numbers read before their column turned out
    /// categorical, then re-encodes those columns in first-seen order.
    private mutating func recoverText(codes: inout [[Int32]]) throws(CSVError) {
        try reader.rewind()
        let rows = recover.map(\.rows).max() ?? 0
        var prefixCodes = recover.map { [Int32](repeating: CategoricalColumn.missing, count: $0.rows) }
        var prefixVocabularies = [[String]](repeating: [], count: recover.count)
        var prefixIndices = [[String: Int32]](repeating: [:], count: recover.count)
        var record = CSVRecord()
        var row = 0
        while row < rows, try reader.next(into: &record) {
            if skipsRow(record) { continue }
            for (k, item) in recover.enumerated() where row < item.rows && !record.isEmpty(item.column) {
                let text = try record.string(item.column)
                if let code = prefixIndices[k][text] {
                    prefixCodes[k][row] = code
                } else {
                    let code = Int32(prefixVocabularies[k].count)
                    prefixIndices[k][text] = code
                    prefixVocabularies[k].append(text)
                    prefixCodes[k][row] = code
                }
            }
            row += 1
        }
        for (k, item) in recover.enumerated() {
            // First-seen order: the recovered prefix's values, then the rest in their order.
            var vocabulary = prefixVocabularies[k]
            var index = prefixIndices[k]
            var remap: [Int32] = []
            for text in vocabularies[item.slot] {
                if let code = index[text] {
                    remap.append(code)
                } else {
                    let code = Int32(vocabulary.count)
                    index[text] = code
                    vocabulary.append(text)
                    remap.append(code)
                }
            }
            var merged = prefixCodes[k]
            merged.reserveCapacity(codes[item.slot].count)
            for code in codes[item.slot][item.rows...] {
                merged.append(code < 0 ? code : remap[Int(code)])
            }
            codes[item.slot] = merged
            vocabularies[item.slot] = vocabulary
        }
    }
}
