import Foundation
import Testing

@testable import RiskScoring

@Suite("CSVWriter: atomic replacement")
struct CSVWriterTests {
    @Test("nothing appears at the path before close; close renames the complete file")
    func atomic() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.csv"
        let writer = try CSVWriter(path: path, header: ["a", "b"])
        var rows = CSVRowEncoder()
        rows.field("x,y")
        rows.field(1.5, decimals: 3)
        rows.endRecord()
        try writer.write(rows)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: writer.temporaryPath))
        try writer.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n\"x,y\",1.5\n")
        #expect(!FileManager.default.fileExists(atPath: writer.temporaryPath))
    }

    @Test("a writer dropped without close removes its temporary file and leaves the old file alone")
    func dropped() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.csv"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        var temporary = ""
        do {
            let writer = try CSVWriter(path: path, header: ["new"])
            temporary = writer.temporaryPath
            var rows = CSVRowEncoder()
            rows.record(["partial"])
            try writer.write(rows)
        }
        #expect(!temporary.isEmpty && !FileManager.default.fileExists(atPath: temporary))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.csv"])
    }

    @Test("a directory that does not exist is a cannotWrite error")
    func badDirectory() {
        let error = csvError { _ = try CSVWriter(path: "/nonexistent-dir/out.csv", header: ["a"]) }
        guard case .cannotWrite = error?.kind else {
            Issue.record("expected cannotWrite, got \(String(describing: error))")
            return
        }
    }

    @Test("writes larger than the buffer arrive in order")
    func largeWrites() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/big.csv"
        let writer = try CSVWriter(path: path, header: ["i"], bufferSize: 16)
        var expected = "i\n"
        for block in 0..<20 {
            var rows = CSVRowEncoder()
            for i in 0..<(block % 4) * 5 {
                rows.field(block * 100 + i); rows.endRecord(); expected += "\(block * 100 + i)\n"
            }
            try writer.write(rows)
        }
        try writer.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }
}
