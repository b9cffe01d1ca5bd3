import ArgumentParser
import Foundation
import RiskTraining

/// `riskgrade features`: the flat feature table from a panel folder.
struct Features: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Build the feature table: one row per enterprise and quarter, labelled by the next quarter's inspections.",
        discussion: """
            Columns: enterprise_id, quarter, region, industry, the config's indicators in its order, \
            inspection_kind (random, targeted or empty) and hit (1, 0 or empty). See README.md.
            """)

    @Option(help: "Experiment config naming the indicators (YAML).")
    var config: String = "experiments/general.yaml"

    @Option(help: "Panel folder with enterprises.csv, relations.csv, snapshots.csv and inspections.csv.")
    var panel: String

    @Option(help: "Output CSV file.")
    var out: String

    func run() throws {
        let experiment = try ExperimentConfig.load(path: config)
        let data = try Panel.load(directory: panel)
        let builder = try FeatureBuilder(panel: data, indicatorColumns: experiment.featureColumns)
        let summary = try builder.write(to: out) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        print(
            "wrote \(out): \(summary.rows) rows × \(builder.header.count) columns, quarters \(data.quarters.first?.description ?? "-")..\(data.quarters.last?.description ?? "-")"
        )
        for q in summary.quarters {
            let rate = q.randomDiscoveryRate.map { String(format: "%.3f", $0) } ?? "-"
            print(
                "  \(q.quarter): \(q.rows) rows, random labels \(q.randomLabels) (discovery rate \(rate)), targeted labels \(q.targetedLabels)"
            )
        }
        let total = summary.total
        let rate = total.randomDiscoveryRate.map { String(format: "%.3f", $0) } ?? "-"
        print(
            "  all: random discovery rate \(rate) over \(total.randomLabels) random inspections; targeted \(total.targetedHits)/\(total.targetedLabels)"
        )
    }
}
