import ArgumentParser
import Foundation
import RiskScoring
import RiskTraining

/// `riskgrade bench`: named benchmarks whose figures a speed-up quotes.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a named benchmark and print its figures.",
        subcommands: [BenchCSV.self, BenchSynth.self, BenchPredict.self, BenchNetwork.self])
}

/// `riskgrade bench csv`: reads a generated CSV with `Dataset.read`.
struct BenchCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv", abstract: "Time Dataset.read on a generated CSV (deleted afterwards).")

    @Option(help: "Rows of the generated CSV.")
    var rows: Int = 1_000_000

    @Option(help: "Columns of the generated CSV (at least 3).")
    var columns: Int = 50

    @Option(help: "Folder for the temporary CSV.")
    var dir: String = NSTemporaryDirectory()

    func validate() throws {
        guard rows >= 0 else { throw ValidationError("--rows must be 0 or more, got \(rows)") }
        guard columns >= 3 else { throw ValidationError("--columns must be at least 3, got \(columns)") }
    }

    func run() throws {
        print(try DataBenchmark.readCSV(rows: rows, columns: columns, directory: dir))
        print("BLAS core: \(BLAS.coreName)")
    }
}

/// `riskgrade bench synth`: times `SyntheticProvince.generate`.
struct BenchSynth: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Time generating a synthetic province into a temporary folder (deleted afterwards).")

    @Option(help: "Number of enterprises.")
    var enterprises: Int = 50_000

    @Option(help: "Number of quarterly snapshots.")
    var quarters: Int = 8

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(help: "Worker threads (0 = all cores).")
    var threads: Int = 0

    @Option(help: "Parent folder of the temporary output folder.")
    var dir: String = NSTemporaryDirectory()

    func run() throws {
        let out = (dir as NSString).appendingPathComponent("riskgrade-bench-synth-\(getpid())")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let parameters = SyntheticProvince.Parameters(
            enterprises: enterprises, quarters: quarters, seed: seed, threads: threads)
        let (_, seconds) = try ResourceUsage.timed { try SyntheticProvince.generate(parameters, into: out) }
        let rows = enterprises * quarters
        let peak = ResourceUsage.peakResidentBytes().map { String(format: "%.0f MB", Double($0) / 1_000_000) } ?? "n/a"
        print(
            String(
                format: "synth: %d enterprises, %d enterprise-quarters in %.2f s: %.0f rows/s, peak RSS %@, %d threads",
                enterprises, rows, seconds, Double(rows) / max(seconds, 1e-9), peak,
                ResourceUsage.workerThreads(threads)))
    }
}

/// `riskgrade bench predict`: scoring speed of a trained model, as `../shared/bench/peers predict` measures
/// its peers.
struct BenchPredict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Time loading a trained model and scoring a CSV: batch rows/s, single-row latency, TreeSHAP.")

    @Option(help: "The model.json (or interim ensemble.json) written by riskgrade train.")
    var model: String

    @Option(help: "CSV with the model's feature columns.")
    var data: String

    @Option(help: "Rows per batch run (the file's rows repeated or truncated).")
    var rows: Int = 1_000_000

    @Option(help: "Comma-separated thread counts of the batch runs.")
    var threads: String = "1,2"

    @Option(name: .customLong("shap-rows"), help: "Rows explained by the TreeSHAP runs.")
    var shapRows: Int = 2_000

    func validate() throws {
        guard rows > 0 else { throw ValidationError("--rows must be positive, got \(rows)") }
        guard shapRows > 0 else { throw ValidationError("--shap-rows must be positive, got \(shapRows)") }
        _ = try threadCounts()
    }

    func threadCounts() throws -> [Int] {
        let counts = threads.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty, counts.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ValidationError(
                "--threads takes positive thread counts separated by commas, like 1,2; got \(threads)")
        }
        return counts.compactMap { $0 }
    }

    func run() throws {
        print(
            try ScoringBenchmark.predict(
                model: model, data: data, rows: rows, threads: try threadCounts(), shapRows: shapRows))
    }
}
