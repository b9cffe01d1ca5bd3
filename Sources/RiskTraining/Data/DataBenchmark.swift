import RiskScoring

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Benchmarks of the data layer, for the `riskgrade` CLI; not run by the tests.
public enum DataBenchmark {
    /// Writes a generated `rows` × `columns` CSV into `directory`, times `Dataset.read` on it and returns a
    /// one-line report (rows, columns, MB, seconds, MB/s, rows/s). The file is deleted afterwards.
    ///
    /// The table is mostly numeric (values like `-1234.567`, about 2% empty) with two categorical columns
    /// (`region`, 32 values, and `sector`, 200 values); the generator is seeded, so the file is the same
    /// on every run.
    ///
    /// - Precondition: `rows >= 0` and `columns >= 3`.
    /// - Throws: `CSVError` when the file cannot be written or read.
    public static func readCSV(rows: Int, columns: Int, directory: String) throws(CSVError) -> String {
        precondition(rows >= 0 && columns >= 3, "the benchmark needs rows >= 0 and columns >= 3")
        let path = directory + "/riskgrade-bench-\(rows)x\(columns).csv"
        defer { _ = unlink(path) }
        let header = ["region", "sector"] + (2..<columns).map { "x\($0)" }
        let writer = try CSVWriter(path: path, header: header)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        var encoder = CSVRowEncoder(capacity: 1 << 20)
        for _ in 0..<rows {
            encoder.field("R\(next() % 32)")
            encoder.field("sector-\(next() % 200)")
            for _ in 2..<columns {
                let r = next()
                if r % 50 == 0 {
                    encoder.emptyField()
                } else {
                    encoder.field((Double(r % 2_000_000) - 1_000_000) / 1000, decimals: 3)
                }
            }
            encoder.endRecord()
            if encoder.bytes.count >= 1 << 20 {
                try writer.write(encoder)
                encoder.removeAll()
            }
        }
        try writer.write(encoder)
        try writer.close()

        var info = stat()
        let megabytes = stat(path, &info) == 0 ? Double(info.st_size) / 1_000_000 : 0
        let clock = ContinuousClock()
        let started = clock.now
        let dataset = try Dataset.read(csv: path)
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        precondition(dataset.rowCount == rows, "benchmark read \(dataset.rowCount) rows, wrote \(rows)")
        func fixed(_ x: Double, _ decimals: Int) -> String {
            var e = CSVRowEncoder(capacity: 32)
            e.field(x, decimals: decimals)
            return String(decoding: e.bytes, as: UTF8.self)
        }
        return "Dataset.read: \(rows) rows × \(columns) columns, \(fixed(megabytes, 1)) MB in \(fixed(seconds, 3)) s: "
            + "\(fixed(megabytes / max(seconds, 1e-9), 1)) MB/s, \(fixed(Double(rows) / max(seconds, 1e-9), 0)) rows/s"
    }
}
