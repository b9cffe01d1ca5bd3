import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

private func read(_ text: String, schema: DatasetSchema = .init(), chunkSize: Int? = nil) throws -> Dataset {
    try Dataset.read(from: CSVReader(bytes: Array(text.utf8), name: "table.csv", chunkSize: chunkSize), schema: schema)
}

private func thrown(_ body: () throws -> Void) -> CSVError? {
    do {
        try body()
        return nil
    } catch let error as CSVError {
        return error
    } catch {
        return nil
    }
}

@Suite("Dataset: reading and writing CSV")
struct DatasetCSVTests {
    @Test("types are inferred; empty fields are missing; text that looks numeric stays text when mixed")
    func inference() throws {
        let d = try read("id,score,region,code\n007,1.5,north,A\n008,,south,\n009,-2,,B\n", chunkSize: 4)
        #expect(d.rowCount == 3 && d.columnNames == ["id", "score", "region", "code"])
        #expect(try d.numeric("id") == [7, 8, 9])
        let score = try d.numeric("score")
        #expect(score[0] == 1.5 && score[1].isNaN && score[2] == -2)
        #expect(try d.categorical("region") == CategoricalColumn(codes: [0, 1, -1], vocabulary: ["north", "south"]))
        let mixed = try read("zip,n\n007,1\n,2\n0100,3\nABC,4\n007,5\n")
        #expect(
            try mixed.categorical("zip")
                == CategoricalColumn(codes: [0, -1, 1, 2, 0], vocabulary: ["007", "0100", "ABC"]))
    }

    @Test("a column inferred numeric for a while and text later is recovered from a file, in first-seen order")
    func inferenceRecoveryFromFile() throws {
        let directory = TestFiles.temporaryDirectory("data")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/mixed.csv"
        try Data("a,b\n1.50,x\n2,y\nn/a,z\n1.50,w\n".utf8).write(to: URL(fileURLWithPath: path))
        let d = try Dataset.read(csv: path)
        #expect(try d.categorical("a") == CategoricalColumn(codes: [0, 1, 2, 0], vocabulary: ["1.50", "2", "n/a"]))
    }

    @Test("rows with an empty field in the skip column are left out; later errors keep their line numbers")
    func skipRows() throws {
        let text = "id,code,hit\nA,007,1\nB,12,\nC,x,0\nD,5,\n"
        // `code` is inferred: numbers first, then text, so its first values are recovered by re-reading.
        let table = try read(text, schema: DatasetSchema(skipRowsWithEmpty: "hit"), chunkSize: 5)
        #expect(table.rowCount == 2)
        #expect(try table.categorical("id").vocabulary == ["A", "C"])
        let codes = try table.categorical("code")
        #expect((0..<2).map { codes[$0] } == ["007", "x"])
        #expect(try table.numeric("hit") == [1, 0])
        let bad = "id,n,hit\nA,1,\nB,n/a,1\n"
        #expect {
            try read(bad, schema: DatasetSchema(types: ["n": .numeric], skipRowsWithEmpty: "hit"))
        } throws: { String(describing: $0).contains("line 3") }
        #expect { try read("id,n\nA,1\n", schema: DatasetSchema(skipRowsWithEmpty: "hit")) } throws: {
            String(describing: $0).contains("\"hit\"")
        }
    }

    @Test("declared types, ignored columns and skipped undeclared columns")
    func schema() throws {
        let text = "id,amount,note,flag\n1,10,hello,7\n2,20,bye,8\n"
        let d = try read(text, schema: DatasetSchema(types: ["id": .categorical], ignored: ["note"]))
        #expect(d.columnNames == ["id", "amount", "flag"])
        #expect(try d.categorical("id").vocabulary == ["1", "2"])
        let only = try read(text, schema: DatasetSchema(types: ["amount": .numeric], inferUndeclared: false))
        #expect(only.columnNames == ["amount"])
    }

    @Test(
        "a non-number in a declared numeric column names file, line, column, header and the text",
        arguments: ["n/a", "NA", "abc", " 12", "inf"])
    func badNumber(found: String) {
        let text = "id,note,penalties_12m\n1,\"a\nb\",3\n2,x,\(found)\n"  // the bad field is on line 4
        let error = thrown { _ = try read(text, schema: DatasetSchema(types: ["penalties_12m": .numeric])) }
        #expect(
            error
                == CSVError(
                    .invalidNumber(found: found), file: "table.csv", line: 4, column: 3, columnName: "penalties_12m"))
        #expect(
            error?.description
                == "table.csv: line 4, column 3 (\"penalties_12m\"): expected a number, found \"\(found)\"; "
                + "write numbers like 12 or 0.5 and leave missing values empty")
    }

    @Test("rules: range and missing values are checked with the line number")
    func rules() {
        let schema = DatasetSchema(rules: ["p": ColumnRule(range: 0...1, allowsMissing: false)])
        let range = thrown { _ = try read("p\n0.5\n1.5\n", schema: schema) }
        #expect(range?.kind == .outOfRange(value: "1.5", range: "0.0...1.0") && range?.line == 3 && range?.column == 1)
        let missing = thrown { _ = try read("p\n0.5\n\n1\n", schema: schema) }
        #expect(missing == CSVError(.missingValue, file: "table.csv", line: 3, column: 1, columnName: "p"))
        let text = thrown {
            _ = try read("k,p\na,1\n,1\n", schema: DatasetSchema(rules: ["k": ColumnRule(allowsMissing: false)]))
        }
        #expect(text?.kind == .missingValue && text?.line == 3)
    }

    @Test("missing required columns are all listed with the header found")
    func required() {
        let error = thrown { _ = try read("a,b\n1,2\n", schema: DatasetSchema(required: ["a", "x", "y"])) }
        #expect(error?.kind == .missingColumns(missing: ["x", "y"], header: ["a", "b"]))
        #expect(
            error?.description.contains("required columns \"x\", \"y\" are missing (the header has \"a\", \"b\")")
                == true)
    }

    @Test("accessors throw DataError naming the column and the kinds")
    func accessors() throws {
        let d = Dataset(columns: [.numeric("x", [1, 2]), .categorical("k", ["a", nil])])
        #expect(throws: DataError.unknownColumn(name: "y", available: ["x", "k"])) { try d.numeric("y") }
        #expect(throws: DataError.wrongColumnKind(name: "k", expected: .numeric, found: .categorical)) {
            try d.numeric("k")
        }
        #expect(throws: DataError.wrongColumnKind(name: "x", expected: .categorical, found: .numeric)) {
            try d.categorical("x")
        }
        #expect(d.column(named: "k")?.type == .categorical && d.column(named: "z") == nil)
        #expect(DataError.unknownColumn(name: "y", available: ["x"]).description.contains("check the spelling"))
    }

    @Test("write then read gives an identical dataset, Float edge values and text included")
    func roundTrip() throws {
        let directory = TestFiles.temporaryDirectory("data")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let edge: [Float] = [
            0.1, 1e-7, 3.4e38, -0.0, 0, 42, -17, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
            1.1754944e-38, 16_777_217, 0.3, 123456.78,
        ]
        var g = TestRandom(state: 3)
        let rows = 20_000
        let numbers = (0..<rows).map { i in
            i < edge.count ? edge[i] : Float(bitPattern: UInt32(truncatingIfNeeded: g.next()))
        }
        let cleaned = numbers.map { $0.isFinite ? $0 : Float.nan }  // NaN payloads are not data
        let labels: [String?] = (0..<rows).map { i in
            [nil, "北京", "a,b", "say \"hi\"", "two\nlines", "007", " padded "][i % 7]
        }
        let original = Dataset(columns: [
            .numeric("x", cleaned), .categorical("label", labels), .numeric("y", cleaned.reversed()),
        ])
        let path = directory + "/round.csv"
        try original.write(csv: path)
        let back = try Dataset.read(csv: path, schema: original.schema)
        let identical = back.isIdentical(to: original)
        #expect(identical)
        let inferred = try Dataset.read(csv: path).isIdentical(to: original)
        #expect(inferred)  // "北京" makes the label column categorical anyway
    }

    @Test("a failed write leaves nothing at the path")
    func failedWrite() {
        let error = thrown { try Dataset(columns: [.numeric("x", [1])]).write(csv: "/nonexistent-dir/out.csv") }
        #expect(error != nil && !FileManager.default.fileExists(atPath: "/nonexistent-dir/out.csv"))
    }
}

/// A small deterministic generator so the tests see varied values without the system RNG.
private struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 16
    }
}
