import Foundation

/// Scoring speed of a trained model on a CSV file, measured the way `../shared/bench/peers predict` measures
/// LightGBM, XGBoost and ONNX Runtime, so the figures compare as ratios: model load time, batch rows/s on
/// data already in memory (the file's rows repeated or truncated to `rows`, best of 3 per thread count),
/// single-row latency (p50/p99 over 2000 calls of one row each) and TreeSHAP milliseconds per row.
public enum ScoringBenchmark {
    /// What went wrong loading the model or the data.
    public enum Failure: Error, CustomStringConvertible, Sendable {
        /// The model file could not be read or decoded.
        case unreadableModel(file: String, reason: String)
        /// The model decoded but breaks an invariant.
        case invalidModel(file: String, error: TreeEnsembleError)
        /// The data file has none of its rows, or lacks model features.
        case unusableData(file: String, reason: String)

        public var description: String {
            switch self {
            case .unreadableModel(let file, let reason):
                "\(file): cannot load the model: \(reason); pass the model.json (or ensemble.json) that riskgrade train wrote"
            case .invalidModel(let file, let error):
                "\(file): \(error)"
            case .unusableData(let file, let reason):
                "\(file): \(reason)"
            }
        }
    }

    /// The `ensemble.json` that `riskgrade train` writes: feature names in model order, the vocabulary of
    /// each categorical feature (code `i` is `vocabulary[i]`), and the trees.
    struct ModelFile: Decodable {
        var features: [String]
        var categoricalVocabularies: [String: [String]]
        var ensemble: TreeEnsemble
    }

    /// A model as the benchmark scores it.
    struct LoadedModel {
        var file: ModelFile
        var compiled: CompiledTreeEnsemble
    }

    /// Reads, decodes, checks and compiles the model at `path`: a frozen model (`model.json`, loaded with every
    /// check the runtime makes: digest, invariants, golden vectors) or an interim `ensemble.json`.
    static func load(model path: String) throws -> LoadedModel {
        let data: Data
        var file: ModelFile
        if (path as NSString).lastPathComponent != "ensemble.json" {
            let model: RiskModel
            do {
                model = try RiskModel.load(path: path)
            } catch {
                throw Failure.unreadableModel(file: path, reason: error.description)
            }
            switch model.body {
            case .network, .scorecard, .weighted:
                throw Failure.unreadableModel(
                    file: path, reason: "its body is a \(model.body.kind) body; this benchmark times trees")
            case .trees(let ensemble):
                file = ModelFile(
                    features: model.features.map(\.column), categoricalVocabularies: [:], ensemble: ensemble)
                for feature in model.features where feature.kind == .categorical {
                    file.categoricalVocabularies[feature.column] = feature.vocabulary
                }
            }
            return LoadedModel(file: file, compiled: file.ensemble.compiled())
        }
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
            file = try JSONDecoder().decode(ModelFile.self, from: data)
        } catch {
            throw Failure.unreadableModel(file: path, reason: "\(error)")
        }
        guard file.features.count == file.ensemble.featureCount else {
            throw Failure.unreadableModel(
                file: path,
                reason: "\(file.features.count) feature names for an ensemble of \(file.ensemble.featureCount) features"
            )
        }
        do {
            try file.ensemble.checkInvariants()
        } catch {
            throw Failure.invalidModel(file: path, error: error)
        }
        return LoadedModel(file: file, compiled: file.ensemble.compiled())
    }

    /// The rows of the CSV at `path` as model inputs, row-major: numeric features parsed as `Float` (empty
    /// is NaN), categorical ones as codes into the model's vocabulary (empty or unseen is NaN).
    ///
    /// - Throws: `CSVError` for an unreadable file, a missing feature column or a malformed number.
    static func readRows(csv path: String, model: ModelFile) throws -> (rows: [Float], count: Int) {
        let reader = try CSVReader(path: path)
        let missingColumns = model.features.filter { !reader.header.contains($0) }
        guard missingColumns.isEmpty else {
            throw CSVError(.missingColumns(missing: missingColumns, header: reader.header), file: path)
        }
        let columnOf = model.features.map { name in reader.header.firstIndex(of: name) ?? 0 }
        let codes: [[String: Float]?] = model.features.map { name in
            model.categoricalVocabularies[name].map { vocabulary in
                Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, Float($0)) })
            }
        }
        var rows: [Float] = []
        var record = CSVRecord()
        var count = 0
        while try reader.next(into: &record) {
            for (feature, column) in columnOf.enumerated() {
                if record.isEmpty(column) {
                    rows.append(.nan)
                } else if let vocabulary = codes[feature] {
                    rows.append(vocabulary[try record.string(column)] ?? .nan)
                } else {
                    guard let value = record.float(column) else {
                        throw record.error(.invalidNumber(found: record.lossyString(column)), field: column)
                    }
                    rows.append(value)
                }
            }
            count += 1
        }
        return (rows, count)
    }

    /// Runs the benchmark and returns its report, one figure a line.
    ///
    /// - Parameters:
    ///   - model: an `ensemble.json` written by `riskgrade train`.
    ///   - data: a CSV holding the model's feature columns (others are ignored).
    ///   - rows: rows scored per batch run (the file's rows repeated or truncated).
    ///   - threads: thread counts of the batch runs.
    ///   - shapRows: rows explained by the TreeSHAP runs.
    /// - Throws: `Failure` or `CSVError` for an unusable model or data file.
    public static func predict(
        model modelPath: String, data dataPath: String, rows: Int = 1_000_000, threads: [Int] = [1, 2],
        shapRows: Int = 2_000
    ) throws -> String {
        precondition(rows > 0 && shapRows > 0 && !threads.isEmpty, "benchmark sizes must be positive")
        var loadSeconds: [Double] = []
        var loaded = try load(model: modelPath)
        for _ in 0..<3 {
            let clock = ContinuousClock()
            var again: LoadedModel?
            loadSeconds.append(seconds(clock.measure { again = try? load(model: modelPath) }))
            if let again { loaded = again }
        }
        let ensemble = loaded.file.ensemble
        let compiled = loaded.compiled
        let (data, dataRows) = try readRows(csv: dataPath, model: loaded.file)
        guard dataRows > 0 else { throw Failure.unusableData(file: dataPath, reason: "the file has no rows") }
        let features = ensemble.featureCount
        var input = [Float](repeating: 0, count: rows * features)
        for row in 0..<rows {
            let source = (row % dataRows) * features
            for f in 0..<features { input[row * features + f] = data[source + f] }
        }
        let leaves = ensemble.trees.map(\.leafCount)
        let depths = ensemble.trees.map(\.depth)
        var lines = [
            "model \(modelPath): \(ensemble.trees.count) trees, \(leaves.max() ?? 0) leaves at most, depth "
                + "\(depths.min() ?? 0)-\(depths.max() ?? 0) (mean \(format(mean(depths), 1))), \(features) features",
            "data \(dataPath): \(dataRows) rows scored as \(rows) rows",
            "load (read, decode, check, compile), best of 3: \(format(milliseconds(loadSeconds.min() ?? 0), 1)) ms",
        ]

        // Parity first: the compiled scorer against the plain tree walk on every distinct row (up to 100k).
        let checked = min(dataRows, rows, 100_000)
        var batch = [Double](repeating: 0, count: rows)
        compiled.margins(rowMajor: input, into: &batch, threads: threads.max() ?? 1)
        var differing = 0
        for row in 0..<checked {
            let walk = ensemble.margin(Array(input[row * features..<(row + 1) * features]))
            if walk.bitPattern != batch[row].bitPattern { differing += 1 }
        }
        lines.append("parity: \(checked - differing) of \(checked) margins bitwise equal to TreeEnsemble.margin(_:)")

        var probabilities = [Double](repeating: 0, count: rows)
        let fallback = CompiledTreeEnsemble(ensemble, kernel: .flatOnly)
        lines.append("batch (probabilities, data in memory, best of 3):")
        for count in threads {
            let compiledBest = best { compiled.probabilities(rowMajor: input, into: &probabilities, threads: count) }
            let fallbackBest = best { fallback.probabilities(rowMajor: input, into: &probabilities, threads: count) }
            lines.append(
                "  \(count) thread\(count == 1 ? " " : "s"): \(rate(rows, compiledBest)) rows/s "
                    + "(\(format(compiledBest, 4)) s); level-by-level kernel \(rate(rows, fallbackBest)) rows/s")
        }

        let calls = 2_000
        let singleRows = (0..<calls).map { call in
            let row = call % min(dataRows, rows)
            return Array(input[row * features..<(row + 1) * features])
        }
        let doubleRows = singleRows.map { $0.map(Double.init) }
        var checksum = 0.0
        let floatLatency = latencies(calls) { checksum += compiled.probability(singleRows[$0]) }
        let doubleLatency = latencies(calls) { checksum += TreeEnsemble.logistic(compiled.margin(doubleRows[$0])) }
        let walkLatency = latencies(calls) { checksum += ensemble.probability(singleRows[$0]) }
        lines.append("single row (1 thread, \(calls) calls), p50 / p99:")
        lines.append("  CompiledTreeEnsemble [Float]:  " + percentiles(floatLatency))
        lines.append("  CompiledTreeEnsemble [Double]: " + percentiles(doubleLatency))
        lines.append("  TreeEnsemble.margin (walk):    " + percentiles(walkLatency))

        let explained = min(shapRows, rows)
        let shapInput = Array(input[0..<explained * features])
        var phi = [Double](repeating: 0, count: explained * features)
        lines.append("TreeSHAP, \(explained) rows (best of 3):")
        for count in threads {
            let batchBest = best { checksum += ensemble.contributions(rowMajor: shapInput, into: &phi, threads: count) }
            lines.append(
                "  batch, \(count) thread\(count == 1 ? ": " : "s:") "
                    + "\(format(milliseconds(batchBest) / Double(explained), 4)) ms/row")
        }
        // Before the batch form: the recursion of `contributions(_:into:)`, prepared once, row after row.
        let recursionRows = min(explained, 300)
        let recursion = FlatTreeSHAP(ensemble)
        var scratch = recursion.makeScratch()
        var rowPhi = [Double](repeating: 0, count: features)
        let recursionBest = best {
            shapInput.withUnsafeBufferPointer { input in
                rowPhi.withUnsafeMutableBufferPointer { phi in
                    for row in 0..<recursionRows {
                        recursion.contributions(
                            row: UnsafeBufferPointer(rebasing: input[row * features..<(row + 1) * features]), into: phi,
                            scratch: &scratch)
                        checksum += phi[0]
                    }
                }
            }
        }
        lines.append(
            "  recursion (FlatTreeSHAP prepared once), 1 thread (\(recursionRows) rows): "
                + "\(format(milliseconds(recursionBest) / Double(recursionRows), 4)) ms/row")
        let lookups = min(explained, 50)
        let lookup = best {
            for row in 0..<lookups {
                checksum += ensemble.contributions(
                    Array(shapInput[row * features..<(row + 1) * features]), into: &rowPhi)
            }
        }
        lines.append(
            "  contributions(_:into:), one row a call, 1 thread (\(lookups) calls): "
                + "\(format(milliseconds(lookup) / Double(lookups), 4)) ms/row")
        lines.append("(checksum \(format(checksum + probabilities.reduce(0, +), 3)))")
        return lines.joined(separator: "\n")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func best(_ body: () -> Void) -> Double {
        (0..<3).map { _ in seconds(ContinuousClock().measure(body)) }.min() ?? 0
    }

    /// Seconds of each of `calls` calls of `body(call)`, after 50 warm-up calls.
    static func latencies(_ calls: Int, _ body: (Int) -> Void) -> [Double] {
        for call in 0..<min(50, calls) { body(call) }
        let clock = ContinuousClock()
        return (0..<calls).map { call in seconds(clock.measure { body(call) }) }.sorted()
    }

    static func percentiles(_ sorted: [Double]) -> String {
        let p50 = sorted[sorted.count / 2]
        let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        return "\(format(p50 * 1e6, 2)) µs / \(format(p99 * 1e6, 2)) µs"
    }

    static func rate(_ count: Int, _ seconds: Double) -> String {
        var digits = String(Int((Double(count) / max(seconds, 1e-12)).rounded()))
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped
    }

    static func mean(_ values: [Int]) -> Double {
        values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count)
    }
    static func milliseconds(_ seconds: Double) -> Double { seconds * 1e3 }
    static func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
