import Foundation
import Testing

@testable import RiskScoring

@Suite("CSVReader: RFC 4180 parsing, line numbers and errors")
struct CSVReaderTests {
    @Test("quoted fields, doubled quotes, commas and empty fields", arguments: [nil, 1, 2, 3, 7] as [Int?])
    func quotes(chunkSize: Int?) throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\n,,\"\"\n\"\"\"\",plain,\"\"\n"
        let (header, rows) = try readAll(text, chunkSize: chunkSize)
        #expect(header == ["a", "b", "c"])
        #expect(rows == [["x, y", "say \"hi\"", ""], ["", "", ""], ["\"", "plain", ""]])
    }

    @Test("line breaks inside quotes keep later line numbers right", arguments: [nil, 1, 5, 7] as [Int?])
    func embeddedNewlines(chunkSize: Int?) throws {
        let text = "id,note\n1,\"two\nlines\"\n2,\"three\r\nlines\r\nhere\"\n3,ok\n4,5,6\n"
        let reader = try CSVReader(bytes: Array(text.utf8), name: "n.csv", chunkSize: chunkSize)
        var record = CSVRecord()
        var lines: [Int] = []
        var notes: [String] = []
        let error = csvError {
            while try reader.next(into: &record) {
                lines.append(record.line)
                notes.append(try record.string(1))
            }
        }
        #expect(lines == [2, 4, 7])
        #expect(notes == ["two\nlines", "three\r\nlines\r\nhere", "ok"])
        #expect(error == CSVError(.raggedRow(expected: 2, found: 3), file: "n.csv", line: 8))
    }

    @Test("a field's line is where it starts, after quoted line breaks in the same record")
    func fieldLine() throws {
        let reader = try CSVReader(bytes: Array("a,b,c\n\"x\ny\",\"p\r\nq\",z\n".utf8))
        var record = CSVRecord()
        #expect(try reader.next(into: &record))
        #expect(record.line == 2)
        #expect(record.line(ofField: 0) == 2)
        #expect(record.line(ofField: 1) == 3)
        #expect(record.line(ofField: 2) == 4)
    }

    @Test("CRLF, a byte order mark and no final line break", arguments: [nil, 1, 2, 4] as [Int?])
    func crlfAndBOM(chunkSize: Int?) throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("x,y\r\n1,2\r\n3,\"4\"".utf8)
        let (header, rows) = try readAll(bytes, chunkSize: chunkSize)
        #expect(header == ["x", "y"])
        #expect(rows == [["1", "2"], ["3", "4"]])
    }

    @Test("blank lines at the end are ignored; a final empty field is kept")
    func blankLines() throws {
        #expect(try readAll("a,b\n1,\n\n\r\n\n").rows == [["1", ""]])
        #expect(try readAll("a,b\n1,").rows == [["1", ""]])
        #expect(try readAll("a\n\n2\n").rows == [[""], ["2"]])
        #expect(try readAll("a,b\n").rows.isEmpty)
        #expect(try readAll("a,b").rows.isEmpty)
        #expect(csvError { _ = try readAll("a,b\n\n1,2\n") }?.kind == .raggedRow(expected: 2, found: 1))
    }

    @Test("Chinese header names and values")
    func chinese() throws {
        let (header, rows) = try readAll("企业名称,地区,罚款\n\"上海某某科技有限公司\",浦东新区,12.5\n北京公司,\"海淀,区\",\n", chunkSize: 5)
        #expect(header == ["企业名称", "地区", "罚款"])
        #expect(rows == [["上海某某科技有限公司", "浦东新区", "12.5"], ["北京公司", "海淀,区", ""]])
    }

    @Test("ragged rows, too few and too many fields, name the line and the counts")
    func ragged() {
        let few = csvError { _ = try readAll("a,b,c\n1,2,3\n4,5\n") }
        #expect(few == CSVError(.raggedRow(expected: 3, found: 2), file: "t.csv", line: 3))
        let many = csvError { _ = try readAll("a,b,c\n1,2,3,4,5\n") }
        #expect(many == CSVError(.raggedRow(expected: 3, found: 5), file: "t.csv", line: 2))
        #expect(many?.description.contains("t.csv: line 2: expected 3 fields as in the header, found 5") == true)
    }

    @Test("an unterminated quote at the end of the file names the line where the field starts")
    func unterminatedQuote() {
        let error = csvError { _ = try readAll("a,b\n1,2\n3,\"open\nstill open\n", chunkSize: 3) }
        #expect(error == CSVError(.unterminatedQuote, file: "t.csv", line: 3, column: 2, columnName: "b"))
    }

    @Test("a character after a closing quote is an error")
    func afterQuote() throws {
        let error = csvError { _ = try readAll("a,b\n\"x\"y,2\n") }
        #expect(error?.kind == .unexpectedCharacterAfterQuote(found: "y"))
        #expect(error?.line == 2 && error?.column == 1)
        #expect(try readAll("a\nx\"y\n").rows == [["x\"y"]])
    }

    @Test("invalid UTF-8 is an error when the field is read as text")
    func invalidUTF8() throws {
        let bytes = Array("a,b\n1,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let reader = try CSVReader(bytes: bytes, name: "u.csv")
        var record = CSVRecord()
        #expect(try reader.next(into: &record))
        #expect(try record.string(0) == "1")
        #expect(throws: CSVError(.invalidUTF8, file: "u.csv", line: 2, column: 2, columnName: "b")) {
            try record.string(1)
        }
        #expect(throws: CSVError.self) { _ = try readAll([0xFF, 0x2C, 0x61, 0x0A]) }
    }

    @Test("empty, duplicate and missing headers")
    func headers() {
        #expect(csvError { _ = try readAll("a,,c\n") } == CSVError(.emptyHeader, file: "t.csv", line: 1, column: 2))
        #expect(
            csvError { _ = try readAll("a,b,a\n") }
                == CSVError(.duplicateHeader(name: "a"), file: "t.csv", line: 1, column: 3, columnName: "a"))
        #expect(csvError { _ = try readAll("") }?.kind == .missingHeader)
        #expect(csvError { _ = try readAll("\n\n") }?.kind == .missingHeader)
    }

    @Test("a wide header is read whole")
    func wideHeader() throws {
        let names = (0..<100).map { "c\($0)" }
        let (header, rows) = try readAll(names.joined(separator: ",") + "\n" + names.joined(separator: ",") + "\n")
        #expect(header == names && rows == [names])
    }

    @Test("records spanning 7-byte chunks of a file, with quotes and CRLF split across chunks")
    func fileChunks() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = "id,name,value\r\n"
        var expected: [[String]] = []
        for i in 0..<300 {
            let name = i % 3 == 0 ? "\"n,\"\"\(i)\"\"\r\nx\"" : "n\(i)"
            let unquoted = i % 3 == 0 ? "n,\"\(i)\"\r\nx" : "n\(i)"
            text += "\(i),\(name),\(Double(i) / 8)\r\n"
            expected.append(["\(i)", unquoted, "\(Double(i) / 8)"])
        }
        let path = directory + "/chunks.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        for chunkSize in [1, 2, 7, 64, 1 << 20] {
            let reader = try CSVReader(path: path, chunkSize: chunkSize)
            var record = CSVRecord()
            var rows: [[String]] = []
            var lines: [Int] = []
            while try reader.next(into: &record) {
                rows.append(try (0..<record.count).map { try record.string($0) })
                lines.append(record.line)
            }
            #expect(reader.header == ["id", "name", "value"])
            #expect(rows == expected)
            #expect(lines[3] == 2 + 3 + 1 && lines.last == 2 + 299 + 100)  // rows 0, 3, 6, … each span two lines
        }
    }

    @Test("a missing file is a cannotOpen error that names the path")
    func missingFile() {
        let error = csvError { _ = try CSVReader(path: "/nonexistent/table.csv") }
        guard case .cannotOpen = error?.kind else {
            Issue.record("expected cannotOpen, got \(String(describing: error))")
            return
        }
        #expect(error?.description.hasPrefix("/nonexistent/table.csv: cannot open the file") == true)
    }

    @Test("rewind starts again at the first record")
    func rewind() throws {
        let reader = try CSVReader(bytes: Array("a\n1\n2\n".utf8), chunkSize: 2)
        var record = CSVRecord()
        while try reader.next(into: &record) {}
        try reader.rewind()
        #expect(try reader.next(into: &record))
        #expect(try record.string(0) == "1" && record.line == 2)
    }
}
