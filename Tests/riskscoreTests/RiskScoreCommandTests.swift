import Foundation
import RiskScoring
import Testing

@testable import riskscore

/// The `riskscore` command: argument parsing, exit statuses and what it prints, run through its entry point.
@Suite("riskscore: arguments, exit statuses, registry references")
struct RiskScoreCommandTests {
    /// A two-feature model of one tree: `penalties_1y ≤ 2` → −2, else +1 (missing goes right).
    static func model(version: String = "2026Q4") -> RiskModel {
        let tree = DecisionTree(
            splitFeature: [0], threshold: [2], defaultLeft: [false], categorySet: [-1], left: [-1], right: [-2],
            splitGain: [1], internalCover: [10], leafValue: [-2, 1], leafCover: [6, 4])
        var model = RiskModel(
            identity: ModelIdentity(
                name: "general", version: version, createdAt: "2026-10-01T00:00:00Z", toolkitVersion: Toolkit.version),
            features: [
                ModelFeature(
                    name: "penalties_1y", dimension: "supervision", kind: .count, direction: .increasing,
                    validRange: 0...100, missing: .allowed),
                ModelFeature(name: "region", dimension: "basic", kind: .categorical, vocabulary: ["3201", "3202"]),
            ],
            body: .trees(TreeEnsemble(featureCount: 2, baseScore: 0, trees: [tree])))
        model.goldenVectors = model.goldenVectors(for: (0..<24).map { [Float($0 % 5), Float($0 % 2)] })
        return model
    }

    /// A registry in a fresh folder holding `general@2026Q4` with the alias `champion`, and an input file.
    static func workspace(input: String) throws -> String {
        let directory = NSTemporaryDirectory() + "riskscore-\(UUID().uuidString)"
        let registry = ModelRegistry(root: directory + "/models")
        let path = registry.modelPath(name: "general", version: "2026Q4")
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(try model().canonicalBytes()).write(to: URL(fileURLWithPath: path))
        try Data(AliasIndex(aliases: ["champion": "2026Q4"]).encoded()).write(
            to: URL(fileURLWithPath: registry.aliasPath(of: "general")))
        try Data(input.utf8).write(to: URL(fileURLWithPath: directory + "/in.csv"))
        return directory
    }

    /// Runs the command; returns the status and what it printed.
    static func run(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
        var output: [String] = []
        var errors: [String] = []
        let status = RiskScoreCommand.main(
            arguments, standardOutput: { output.append($0) }, standardError: { errors.append($0) })
        return (status, output.joined(separator: "\n"), errors.joined(separator: "\n"))
    }

    @Test("scores through name@alias from the registry folder, prints the summary, exits 0 with rows rejected")
    func scoresThroughTheAlias() throws {
        let directory = try Self.workspace(input: "id,penalties_1y,region\nA,1,3201\nB,3,3202\nC,x,3201\nD,,9\n")
        let result = Self.run([
            "--model", directory + "/models/general@champion", "--input", directory + "/in.csv",
            "--output", directory + "/out.csv", "--threads", "2", "--reasons=1",
        ])
        #expect(result.status == RiskScoreCommand.success, "\(result.errors)")
        #expect(result.output.contains("model general@2026Q4"))
        #expect(result.output.contains("scored 3 of 4 rows, rejected 1"))
        let scores = try String(contentsOfFile: directory + "/out.csv", encoding: .utf8)
        // Margins −2, +1, +1 (missing goes right): probabilities 1/(1+e²) and 1/(1+e⁻¹); the expected margin is
        // (6·(−2) + 4·1)/10 = −0.8, so the right leaf's contribution is 1.8.
        #expect(
            scores == """
                id,probability,score,grade,hard_rule,reason_1,value_1,contribution_1
                A,0.11920292,119.2,A,,,,
                B,0.73105858,731.06,C,,penalties_1y,3,1.8
                D,0.73105858,731.06,C,,penalties_1y,,1.8

                """)
        let errors = try String(contentsOfFile: directory + "/out.errors.csv", encoding: .utf8)
        #expect(errors.hasPrefix("line,id,column,field,reason\n4,C,2,penalties_1y,"))
    }

    @Test("an input that lacks model columns exits 1 naming them")
    func schemaMismatch() throws {
        let directory = try Self.workspace(input: "id,region,quarter\nA,3201,2026Q4\n")
        let result = Self.run([
            "--model", directory + "/models/general@2026Q4", "--input", directory + "/in.csv", "--output",
            directory + "/out.csv",
        ])
        #expect(result.status == RiskScoreCommand.failure)
        #expect(result.errors.contains("the model needs column \"penalties_1y\", missing from the header"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/out.csv"))
    }

    @Test("an unknown alias, a missing file and an untrusted key each exit 1 with the reason")
    func modelErrors() throws {
        let directory = try Self.workspace(input: "id,penalties_1y,region\nA,1,3201\n")
        let common = ["--input", directory + "/in.csv", "--output", directory + "/out.csv"]
        let unknown = Self.run(["--model", directory + "/models/general@nope"] + common)
        #expect(unknown.status == RiskScoreCommand.failure && unknown.errors.contains("nope"))
        let keyFile = directory + "/trusted.pub"
        try Data(KeyFile.text([UInt8](repeating: 7, count: 32), kind: .publicKey, comment: "test").utf8).write(
            to: URL(fileURLWithPath: keyFile))
        let unsigned = Self.run(["--model", directory + "/models/general@champion", "--public-key", keyFile] + common)
        #expect(unsigned.status == RiskScoreCommand.failure && !unsigned.errors.isEmpty)
        let missingInput = Self.run([
            "--model", directory + "/models/general@champion", "--input", directory + "/none.csv", "--output",
            directory + "/out.csv",
        ])
        #expect(missingInput.status == RiskScoreCommand.failure && missingInput.errors.contains("none.csv"))
    }

    @Test(
        "usage errors exit 2 and say what is wrong",
        arguments: [
            ([String](), "missing --model, --input, --output"),
            (["--model", "m", "--input", "i"], "missing --output"),
            (
                ["--model", "m", "--input", "i", "--output", "o", "--reasons", "-1"],
                "--reasons takes a whole number ≥ 0"
            ),
            (["--model", "m", "--input", "i", "--output", "o", "--reasons", "two"], "--reasons takes a whole number"),
            (["--model", "m", "--input", "i", "--output", "o", "--format", "xml"], "--format is csv or jsonl"),
            (["--model", "m", "--input", "i", "--output", "o", "--bogus"], "unknown option --bogus"),
            (["--model", "m", "--input", "i", "--output", "o.csv", "--errors", "o.csv"], "must differ"),
            (["--model", "m", "--input", "t.csv", "--output", "t.csv"], "must differ from --input"),
            (["--model"], "--model needs a value"),
            (["stray"], "unexpected argument \"stray\""),
        ])
    func usageErrors(arguments: [String], message: String) {
        let result = Self.run(arguments)
        #expect(result.status == RiskScoreCommand.usageError)
        #expect(result.errors.contains(message), "\(result.errors)")
        #expect(result.errors.contains("usage: riskscore"))
    }

    @Test("parsing fills the job's options")
    func parsing() throws {
        let parsed = try RiskScoreCommand.parse([
            "--model", "models/general@champion", "--input", "in.csv", "--output", "out.jsonl", "--reasons", "0",
            "--format", "jsonl", "--threads", "2", "--id", "enterprise_id", "--public-key", "a.pub",
            "--public-key=b.pub",
        ])
        #expect(parsed.model == "models/general@champion")
        #expect(parsed.options.input == "in.csv" && parsed.options.output == "out.jsonl")
        #expect(parsed.options.reasons == 0 && parsed.options.format == .jsonl && parsed.options.threads == 2)
        #expect(parsed.options.idColumn == "enterprise_id" && parsed.publicKeys == ["a.pub", "b.pub"])
        #expect(parsed.options.errorsPath == "out.errors.csv")
        #expect(Self.run(["--help"]).status == 0 && Self.run(["--help"]).output.contains("--public-key"))
    }
}
