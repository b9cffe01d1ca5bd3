import Foundation
import Testing

@testable import RiskScoring

@Suite("ScoringJob: streaming a CSV through the scorer, bad rows to the error file")
struct ScoringJobTests {
    /// The fixture model with `years_established` required, so an empty value is an error.
    static let model: RiskModel = {
        var model = ScoringFixtures.model
        model.features[0].missing = .error
        return model
    }()
    let scorer = Scorer(model: ScoringJobTests.model)

    static let header = "enterprise_id,years_established,penalties_1y,serious_dishonesty,region_code,quarter\n"

    /// Good rows from the fixtures, with ids `E<i>` and a pass-through quarter column.
    static func goodRows(_ count: Int, seed: UInt64 = 5) -> [(id: String, record: [String: String], line: String)] {
        ScoringFixtures.records(count, seed: seed).enumerated().map { i, record in
            var record = record
            if record["years_established"] == "" { record["years_established"] = "0.5" }
            let fields = ["years_established", "penalties_1y", "serious_dishonesty", "region_code"].map {
                record[$0] ?? ""
            }
            return ("E\(i)", record, (["E\(i)"] + fields + ["2026Q4"]).joined(separator: ",") + "\n")
        }
    }

    func write(_ text: String, in directory: String, name: String = "in.csv") throws -> String {
        let path = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test("each bad row is reported with its line, column and reason; every other row is scored, in order")
    func badRows() throws {
        let directory = try temporaryDirectory()
        let good = Self.goodRows(6)
        var text = Self.header
        text += good[0].line  // line 2
        text += "E-bad-number,0.5,abc,0,3201,2026Q4\n"  // line 3
        text += good[1].line  // line 4
        text += "E-range,0.5,150,0,3201,2026Q4\n"  // line 5
        text += "\"E-multi\nline\",0.5,0.1,0,3201,2026Q4\n"  // lines 6-7: scored, id with a line break
        text += "E-missing,,0.1,0,3201,2026Q4\n"  // line 8
        text += good[2].line  // line 9
        text += "E-short,0.5,0.1,0\n"  // line 10
        text += good[3].line + good[4].line + good[5].line  // lines 11-13
        var options = ScoringJob.Options(input: try write(text, in: directory), output: directory + "/scores.csv")
        options.threads = 2
        options.chunkRows = 4
        options.reasons = 3
        let summary = try ScoringJob.run(scorer: scorer, options: options)
        #expect(summary.rowsRead == 11 && summary.scored == 7 && summary.rejected == 4 && summary.stopped == nil)
        #expect(summary.gradeCounts.reduce(0, +) + summary.excluded == 7)
        #expect(summary.errors == directory + "/scores.errors.csv")

        let errors = try lines(summary.errors)
        #expect(errors.count == 5)
        #expect(errors[0] == "line,enterprise_id,column,field,reason")
        #expect(errors[1].hasPrefix("3,E-bad-number,3,penalties_1y,\"expected a number, found \"\"abc\"\""))
        #expect(
            errors[2].hasPrefix(
                "5,E-range,3,penalties_1y,\"the value 150 is outside the indicator's valid range [0, 100]"))
        #expect(errors[3].hasPrefix("8,E-missing,2,years_established,the field is empty but the model does not allow"))
        #expect(errors[4].hasPrefix("10,E-short,,,\"expected 6 fields as in the header, found 4"))

        let reader = try CSVReader(path: options.output)
        #expect(
            reader.header == [
                "enterprise_id", "probability", "score", "grade", "hard_rule", "reason_1", "value_1", "contribution_1",
                "reason_2", "value_2", "contribution_2", "reason_3", "value_3", "contribution_3",
            ])
        var record = CSVRecord()
        var scoredIDs: [String] = []
        let expected: [String: [String: String]] = Dictionary(
            uniqueKeysWithValues: good.map { ($0.id, $0.record) } + [
                (
                    "E-multi\nline",
                    [
                        "years_established": "0.5", "penalties_1y": "0.1", "serious_dishonesty": "0",
                        "region_code": "3201",
                    ]
                )
            ])
        while try reader.next(into: &record) {
            let id = try record.string(0)
            scoredIDs.append(id)
            let oracle = try scorer.score(try #require(expected[id]), reasons: 3)
            #expect(abs(try #require(record.double(1)) - oracle.probability) <= 5e-9)
            #expect(abs(try #require(record.double(2)) - oracle.score) <= 5e-3)
            #expect(try record.string(3) == (oracle.grade?.rawValue ?? "excluded"))
            #expect(try record.string(4) == (oracle.hardRule.map { "\($0.indicator):\($0.action.rawValue)" } ?? ""))
            for (k, reason) in oracle.reasons.enumerated() {
                #expect(try record.string(5 + 3 * k) == reason.indicator)
                #expect(try record.string(6 + 3 * k) == (reason.value ?? ""))
                #expect(abs(try #require(record.double(7 + 3 * k)) - reason.contribution) <= 5e-5)
            }
            for k in oracle.reasons.count..<3 { #expect(record.isEmpty(5 + 3 * k)) }
        }
        #expect(scoredIDs == ["E0", "E1", "E-multi\nline", "E2", "E3", "E4", "E5"])
    }

    @Test("outputs are byte-identical whatever the thread count and chunk size, in CSV and JSON lines")
    func deterministic() throws {
        let directory = try temporaryDirectory()
        var text = Self.header
        for (i, row) in Self.goodRows(700, seed: 17).enumerated() {
            text += i % 97 == 5 ? "E\(i),0.5,x,0,3201,2026Q4\n" : row.line
        }
        let input = try write(text, in: directory)
        for format in ScoringJob.OutputFormat.allCases {
            var outputs: [Data] = []
            for (threads, chunk) in [(1, 10_000), (2, 64), (3, 1), (0, 333)] {
                var options = ScoringJob.Options(input: input, output: directory + "/out-\(threads).\(format)")
                options.format = format
                options.threads = threads
                options.chunkRows = chunk
                options.reasons = 3
                let summary = try ScoringJob.run(scorer: scorer, options: options)
                #expect(summary.rejected == 8 && summary.scored == 692)
                outputs.append(try Data(contentsOf: URL(fileURLWithPath: options.output)))
                outputs.append(try Data(contentsOf: URL(fileURLWithPath: summary.errors)))
            }
            for i in stride(from: 2, to: outputs.count, by: 2) {
                #expect(outputs[i] == outputs[0] && outputs[i + 1] == outputs[1], "\(format) run \(i / 2)")
            }
        }
    }

    @Test("JSON lines hold the CSV's fields, one object a row")
    func jsonLines() throws {
        let directory = try temporaryDirectory()
        var text = Self.header
        for row in Self.goodRows(40, seed: 2) { text += row.line }
        let input = try write(text, in: directory)
        var csv = ScoringJob.Options(input: input, output: directory + "/s.csv")
        csv.reasons = 2
        var json = csv
        json.output = directory + "/s.jsonl"
        json.format = .jsonl
        _ = try ScoringJob.run(scorer: scorer, options: csv)
        _ = try ScoringJob.run(scorer: scorer, options: json)
        let csvRows = try readAll(String(contentsOfFile: csv.output, encoding: .utf8)).rows
        let jsonRows = try lines(json.output)
        #expect(csvRows.count == 40 && jsonRows.count == 40)
        for (row, line) in zip(csvRows, jsonRows) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["id"] as? String == row[0])
            #expect((object["probability"] as? NSNumber)?.doubleValue == Double(row[1]))
            #expect((object["score"] as? NSNumber)?.doubleValue == Double(row[2]))
            #expect(object["grade"] as? String == row[3])
            #expect((object["hard_rule"] as? String ?? "") == row[4])
            let reasons = try #require(object["reasons"] as? [[String: Any]])
            #expect(reasons.map { $0["indicator"] as? String ?? "" } == [row[5], row[8]].filter { !$0.isEmpty })
            for (k, reason) in reasons.enumerated() {
                #expect((reason["value"] as? String ?? "") == row[6 + 3 * k])
                #expect((reason["contribution"] as? NSNumber)?.doubleValue == Double(row[7 + 3 * k]))
            }
        }
    }

    @Test("an input without the model's columns is refused, naming them, and writes nothing")
    func schemaMismatch() throws {
        let directory = try temporaryDirectory()
        let input = try write("enterprise_id,years_established,serious_dishonesty\nE1,3,0\n", in: directory)
        let options = ScoringJob.Options(input: input, output: directory + "/scores.csv")
        #expect(
            throws: ScoringJob.Failure.missingColumns(
                file: input, missing: ["penalties_1y", "region_code"],
                header: ["enterprise_id", "years_established", "serious_dishonesty"])
        ) { try ScoringJob.run(scorer: scorer, options: options) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["in.csv"])
        var unknownID = options
        unknownID.idColumn = "nope"
        let full = try write(Self.header + Self.goodRows(1)[0].line, in: directory)
        unknownID.input = full
        #expect(throws: ScoringJob.Failure.self) { try ScoringJob.run(scorer: scorer, options: unknownID) }
    }

    @Test("a quote left open stops reading there: reported, the rows before it scored, the run marked stopped")
    func unterminatedQuote() throws {
        let directory = try temporaryDirectory()
        let rows = Self.goodRows(3)
        let input = try write(
            Self.header + rows[0].line + rows[1].line + "\"E-open,0.5,0.1,0,3201,2026Q4\n", in: directory)
        let summary = try ScoringJob.run(
            scorer: scorer, options: ScoringJob.Options(input: input, output: directory + "/scores.csv"))
        #expect(summary.scored == 2 && summary.rejected == 1)
        #expect(summary.stopped?.hasPrefix("line 4:") == true)
        let errors = try lines(summary.errors)
        #expect(errors.count == 2 && errors[1].hasPrefix("4,,1,enterprise_id,"))
    }

    @Test("ids: --id picks the column; without a non-feature column the line number is the id")
    func ids() throws {
        let directory = try temporaryDirectory()
        let rows = Self.goodRows(2)
        var options = ScoringJob.Options(
            input: try write(Self.header + rows[0].line + rows[1].line, in: directory), output: directory + "/a.csv")
        options.idColumn = "quarter"
        options.reasons = 0
        _ = try ScoringJob.run(scorer: scorer, options: options)
        #expect(try lines(options.output)[0] == "quarter,probability,score,grade,hard_rule")
        #expect(try lines(options.output)[1].hasPrefix("2026Q4,"))
        let bare = "years_established,penalties_1y,serious_dishonesty,region_code\n0.5,0.1,0,3201\n0.5,0.1,0,3201\n"
        options = ScoringJob.Options(input: try write(bare, in: directory, name: "bare.csv"), output: directory + "/b")
        options.reasons = 0
        let summary = try ScoringJob.run(scorer: scorer, options: options)
        #expect(summary.errors == directory + "/b.errors.csv")
        #expect(try lines(options.output).map { $0.prefix(2) } == ["li", "2,", "3,"])
    }
}
