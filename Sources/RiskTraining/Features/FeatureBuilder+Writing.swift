import Foundation
import RiskScoring

/// Row and label counts of a written feature table, per quarter.
public struct FeatureTableSummary: Sendable, Equatable {
    /// Counts for one snapshot quarter.
    public struct QuarterCounts: Sendable, Equatable {
        public var quarter: Quarter
        public var rows = 0
        public var randomLabels = 0
        public var randomHits = 0
        public var targetedLabels = 0
        public var targetedHits = 0

        /// Hits per random inspection (nil without random labels): the unbiased discovery rate.
        public var randomDiscoveryRate: Double? { randomLabels == 0 ? nil : Double(randomHits) / Double(randomLabels) }
    }

    /// Per quarter, ascending.
    public var quarters: [QuarterCounts]

    /// Rows over all quarters.
    public var rows: Int { quarters.reduce(0) { $0 + $1.rows } }
    /// Totals over all quarters.
    public var total: QuarterCounts {
        quarters.reduce(into: QuarterCounts(quarter: quarters.first?.quarter ?? Quarter(year: 2000, number: 1))) {
            $0.rows += $1.rows
            $0.randomLabels += $1.randomLabels
            $0.randomHits += $1.randomHits
            $0.targetedLabels += $1.targetedLabels
            $0.targetedHits += $1.targetedHits
        }
    }
}

extension FeatureBuilder {
    /// Writes the whole feature table to `path` atomically, quarter by quarter.
    /// - Complexity: memory holds one quarter's table at a time.
    public func write(to path: String, progress: (String) -> Void = { _ in }) throws -> FeatureTableSummary {
        let writer = try CSVWriter(path: path, header: header)
        var summary = FeatureTableSummary(quarters: [])
        for index in panel.quarters.indices {
            let table = self.table(quarterAt: index)
            try table.appendRows(to: writer)
            var counts = FeatureTableSummary.QuarterCounts(quarter: panel.quarters[index], rows: table.rowCount)
            let kinds = try table.categorical("inspection_kind")
            let hits = try table.numeric("hit")
            for row in 0..<table.rowCount where kinds.codes[row] >= 0 {
                let hit = hits[row] == 1 ? 1 : 0
                if kinds.vocabulary[Int(kinds.codes[row])] == InspectionKind.random.rawValue {
                    counts.randomLabels += 1
                    counts.randomHits += hit
                } else {
                    counts.targetedLabels += 1
                    counts.targetedHits += hit
                }
            }
            summary.quarters.append(counts)
            progress(
                "features: \(panel.quarters[index]): \(table.rowCount) rows, \(counts.randomLabels) random and \(counts.targetedLabels) targeted labels"
            )
        }
        try writer.close()
        return summary
    }
}
