extension WeightsTable {
    /// How well one column recovers a known ranking.
    public struct Recovery: Sendable, Equatable {
        /// The column's name.
        public var column: String
        /// Spearman's ρ between the column's indicator weights and the true importances.
        public var indicators: Double
        /// Spearman's ρ over the dimensions.
        public var dimensions: Double
    }

    /// Spearman's ρ between each column and the true importances of a synthetic province, over the indicators
    /// (and dimensions) both list; an indicator a column gives no weight counts 0.
    public func recovery(truth: GroundTruth) -> [Recovery] {
        func pairs(_ rows: [Row], _ truth: [GroundTruth.Importance], _ column: String) -> ([Double], [Double]) {
            var byName: [String: Double] = [:]
            for item in truth { byName[item.name] = item.importance }
            let matched = rows.filter { byName[$0.name] != nil }
            return (matched.map { $0.weights[column] ?? 0 }, matched.compactMap { byName[$0.name] })
        }
        return columns.map { column in
            let (x, y) = pairs(indicators, truth.indicators, column.name)
            let (dx, dy) = pairs(dimensions, truth.dimensions, column.name)
            return Recovery(
                column: column.name, indicators: RankCorrelation.spearman(x, y),
                dimensions: RankCorrelation.spearman(dx, dy))
        }
    }
}
