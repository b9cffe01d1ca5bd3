/// Formats scored rows for a scoring job's output, with nothing allocated per row.
///
/// CSV columns: the id, `probability` (8 decimals), `score` (0-1000, 2 decimals), `grade` (`A`-`D`, or
/// `excluded`), `hard_rule` (`indicator:action` of the last hard rule that applied, else empty), then per
/// reason code `reason_k` (the indicator), `value_k` (the value as read; empty when missing) and
/// `contribution_k` (its TreeSHAP contribution to the log-odds, 4 decimals). JSON lines carry the same
/// fields, the reasons as an array of `{"indicator", "value", "contribution"}` objects.
struct RowFormatter: Sendable {
    let scorer: Scorer
    let format: ScoringJob.OutputFormat
    let ruleNames: [String]

    static let probabilityDecimals = 8
    static let scoreDecimals = 2
    static let contributionDecimals = 4

    /// Formats rows `range` of `rows` (ids and values from `chunk`) into `block`, replacing its contents.
    func format(rows: ScoredRows, chunk: ScoringChunk, range: Range<Int>, into block: inout OutputBlock) {
        switch format {
        case .csv:
            block.csv.removeAll()
            for row in range { csv(rows, chunk, row, &block.csv) }
        case .jsonl:
            block.json.removeAll(keepingCapacity: true)
            for row in range { json(rows, chunk, row, &block) }
        }
    }

    private func gradeText(_ rows: ScoredRows, _ row: Int) -> String { rows.grades[row]?.rawValue ?? "excluded" }

    private func csv(_ rows: ScoredRows, _ chunk: ScoringChunk, _ row: Int, _ out: inout CSVRowEncoder) {
        out.field(chunk.ids[row])
        out.field(rows.probabilities[row], decimals: Self.probabilityDecimals)
        out.field(rows.scores[row], decimals: Self.scoreDecimals)
        out.field(gradeText(rows, row))
        let rule = Int(rows.hardRules[row])
        if rule >= 0 { out.field(ruleNames[rule]) } else { out.emptyField() }
        let count = rows.reasonCount(row: row)
        for k in 0..<rows.reasonLimit {
            guard k < count else {
                out.emptyField()
                out.emptyField()
                out.emptyField()
                continue
            }
            let (feature, contribution) = rows.reason(row: row, k)
            out.field(scorer.model.features[feature].name)
            value(chunk.values[row * chunk.width + feature], feature: feature, into: &out)
            out.field(contribution, decimals: Self.contributionDecimals)
        }
        out.endRecord()
    }

    /// A value as the model read it: a category's name, a number's shortest text, empty when missing.
    private func value(_ value: Float, feature: Int, into out: inout CSVRowEncoder) {
        let described = scorer.model.features[feature]
        if described.kind == .categorical {
            if value.isNaN { out.emptyField() } else { out.field(described.vocabulary[Int(value)]) }
        } else {
            out.field(value)
        }
    }

    private func json(_ rows: ScoredRows, _ chunk: ScoringChunk, _ row: Int, _ block: inout OutputBlock) {
        func raw(_ text: String) { block.json.append(contentsOf: text.utf8) }
        func number(_ value: Double, _ decimals: Int) {
            block.scratch.removeAll()
            block.scratch.field(value, decimals: decimals)
            block.json.append(contentsOf: block.scratch.bytes)
        }
        raw("{\"id\":")
        Self.string(chunk.ids[row], into: &block.json)
        raw(",\"probability\":")
        number(rows.probabilities[row], Self.probabilityDecimals)
        raw(",\"score\":")
        number(rows.scores[row], Self.scoreDecimals)
        raw(",\"grade\":\"")
        raw(gradeText(rows, row))
        raw("\",\"hard_rule\":")
        let rule = Int(rows.hardRules[row])
        if rule >= 0 { Self.string(ruleNames[rule], into: &block.json) } else { raw("null") }
        raw(",\"reasons\":[")
        for k in 0..<rows.reasonCount(row: row) {
            let (feature, contribution) = rows.reason(row: row, k)
            raw(k == 0 ? "{\"indicator\":" : ",{\"indicator\":")
            Self.string(scorer.model.features[feature].name, into: &block.json)
            raw(",\"value\":")
            let x = chunk.values[row * chunk.width + feature]
            let described = scorer.model.features[feature]
            if x.isNaN {
                raw("null")
            } else if described.kind == .categorical {
                Self.string(described.vocabulary[Int(x)], into: &block.json)
            } else {
                // A number's text needs no escaping.
                block.scratch.removeAll()
                block.scratch.field(x)
                block.json.append(UInt8(ascii: "\""))
                block.json.append(contentsOf: block.scratch.bytes)
                block.json.append(UInt8(ascii: "\""))
            }
            raw(",\"contribution\":")
            number(contribution, Self.contributionDecimals)
            raw("}")
        }
        raw("]}\n")
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
                out += [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
