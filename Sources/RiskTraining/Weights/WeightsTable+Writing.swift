import Foundation
import RiskScoring

extension WeightsTable {
    /// The files `riskgrade weights` writes into its output folder.
    public enum File {
        /// Indicator rows, then dimension rows, one column per source.
        public static let csv = "weights.csv"
        /// The whole ``WeightsTable``: rows, columns' legend, expert levels with their AHP figures, notes.
        public static let json = "weights.json"
        /// The tables and notes for people.
        public static let markdown = "weights.md"
    }

    /// Writes the table as CSV, JSON and Markdown into `directory` (created if needed), each file atomically.
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        try ReportFile.write(Data(csv()), to: path(File.csv))
        try ReportFile.writeJSON(self, to: path(File.json))
        try ReportFile.write(Data(markdown().utf8), to: path(File.markdown))
    }

    /// The table as CSV: indicator rows, then dimension rows (`level` tells them apart), one column per source;
    /// an empty field where a source gives no weight.
    public func csv() -> [UInt8] {
        var encoder = CSVRowEncoder()
        encoder.record(["level", "name", "label", "dimension", "expert_basis"] + columns.map(\.name))
        for (level, rows) in [("indicator", indicators), ("dimension", dimensions)] {
            for row in rows {
                encoder.field(level)
                encoder.field(row.name)
                encoder.field(row.label)
                encoder.field(row.dimension ?? "")
                encoder.field(row.expertBasis.rawValue)
                for column in columns { encoder.field(row.weights[column.name] ?? .nan, decimals: 6) }
                encoder.endRecord()
            }
        }
        return encoder.bytes
    }

    /// The table as Markdown: the columns' legend, indicators, dimensions, the expert levels and the notes.
    public func markdown() -> String {
        func cell(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "–" }
        let header = columns.map(\.name).joined(separator: " | ")
        let alignment = String(repeating: "---:|", count: columns.count)
        var lines = ["# Indicator weights: \(experiment)", "", "Columns:", ""]
        lines += columns.map { "- `\($0.name)`: \($0.summary)" }
        lines += ["", "## Indicators", "", "| Indicator | Label | Dimension | Expert basis | \(header) |"]
        lines.append("|---|---|---|---|" + alignment)
        for row in indicators {
            let cells = columns.map { cell(row.weights[$0.name]) }.joined(separator: " | ")
            lines.append(
                "| \(row.name) | \(row.label) | \(row.dimension ?? "") | \(row.expertBasis.rawValue) | \(cells) |")
        }
        lines += [
            "", "## Dimensions", "", "| Dimension | Label | Expert basis | \(header) |", "|---|---|---|" + alignment,
        ]
        for row in dimensions {
            let cells = columns.map { cell(row.weights[$0.name]) }.joined(separator: " | ")
            lines.append("| \(row.name) | \(row.label) | \(row.expertBasis.rawValue) | \(cells) |")
        }
        lines += [
            "", "## Expert levels", "", "| Level | Config key | Basis | n | λmax | CI | RI | CR |",
            "|---|---|---|---:|---:|---:|---:|---:|",
        ]
        for level in expertLevels {
            let ahp = level.ahp
            let figures = [
                ahp.map { String(format: "%.4f", $0.principalEigenvalue) },
                ahp.map { String(format: "%.4f", $0.consistencyIndex) },
                ahp.map { String(format: "%.2f", $0.randomIndex) },
                ahp.map { String(format: "%.4f", $0.consistencyRatio) },
            ].map { $0 ?? "–" }
            lines.append(
                "| \(level.name) | \(level.keyPath) | \(level.basis.rawValue) | \(level.children.count) | "
                    + figures.joined(separator: " | ") + " |")
        }
        lines += ["", "## Notes", ""] + notes.map { "- \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
