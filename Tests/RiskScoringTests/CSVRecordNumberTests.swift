import Foundation
import Testing

@testable import RiskScoring

/// Parses `text` as one field and returns the record.
private func record(_ text: String) throws -> CSVRecord {
    let reader = try CSVReader(bytes: Array("x\n\"\(text)\"\n".utf8))
    var record = CSVRecord()
    _ = try reader.next(into: &record)
    return record
}

@Suite("CSVRecord numbers: strict syntax, correctly rounded")
struct CSVRecordNumberTests {
    @Test(
        "accepted numbers",
        arguments: ["0", "-0", "+1", "12", "-12.345", "1e-3", "1E+5", ".5", "5.", "007", "0.000001", "3.4e38", "1e-45"])
    func accepted(text: String) throws {
        let r = try record(text)
        #expect(r.float(0)?.bitPattern == Float(text)?.bitPattern)
        #expect(r.double(0)?.bitPattern == Double(text)?.bitPattern)
    }

    @Test(
        "rejected numbers",
        arguments: [
            "", " 1", "1 ", "n/a", "NA", "abc", "inf", "-inf", "nan", "NaN", "1e", "e5", "-", ".", "1.2.3",
            "0x10", "1,5", "1_000", "1e+", "--1", "3.5e39",
        ])
    func rejected(text: String) throws {
        let r = try record(text)
        #expect(r.float(0) == nil)
        #expect(r.int(0) == nil)
    }

    @Test("integers")
    func integers() throws {
        #expect(try record("42").int(0) == 42)
        #expect(try record("-9223372036854775808").int(0) == Int.min)
        #expect(try record("9223372036854775807").int(0) == Int.max)
        #expect(try record("9223372036854775808").int(0) == nil)
        #expect(try record("1.0").int(0) == nil)
    }

    @Test("Float and Double parsing agree with Float(String) and Double(String) on random texts")
    func randomAgreement() throws {
        var g = TestGenerator(state: 11)
        var texts: [String] = []
        for _ in 0..<4000 {
            var t = g.below(4) == 0 ? "-" : ""
            let digits = 1 + g.below(g.below(4) == 0 ? 25 : 9)
            for i in 0..<digits { t += String(g.below(10)); if i == g.below(digits + 1) { t += "." } }
            if g.below(3) == 0 { t += "e" + String(g.below(80) - 40) }
            if !t.contains(".") || !t.hasSuffix(".") { texts.append(t) }
        }
        // Values near Float midpoints, where double rounding would go wrong.
        texts += [
            "1.00000005960464477539062", "1.000000059604644775390625", "16777217", "0.1", "3.4028235e38",
            "1.17549435e-38", "1.4e-45", "7.038531e-26", "8.589973e9",
        ]
        let reader = try CSVReader(bytes: Array(("x\n" + texts.joined(separator: "\n") + "\n").utf8))
        var record = CSVRecord()
        var i = 0
        while try reader.next(into: &record) {
            let text = texts[i]
            let expectedFloat = Float(text).flatMap { $0.isFinite ? $0 : nil }
            #expect(record.float(0)?.bitPattern == expectedFloat?.bitPattern, "\(text)")
            let expectedDouble = Double(text).flatMap { $0.isFinite ? $0 : nil }
            #expect(record.double(0)?.bitPattern == expectedDouble?.bitPattern, "\(text)")
            i += 1
        }
        #expect(i == texts.count)
    }
}
