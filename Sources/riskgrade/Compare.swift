import ArgumentParser
import Foundation
import RiskScoring
import RiskTraining

/// `riskgrade compare`: a champion and a challenger on the same random inspections, and the verdict.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a champion and a challenger on the same enterprises and random inspections.",
        discussion: """
            Scores the rows of the compared quarters with both models through the runtime, then reports AUC, KS, \
            Gini, Brier and log loss side by side with the paired DeLong test of the AUC difference; discovery \
            rates by grade with Newcombe's interval of each difference; the grade migration matrix; PSI of scores \
            and grades and CSI per indicator; learned weight changes; the enterprises whose grade moved most with \
            their reason codes; and the verdict of the config's compare gates. Writes comparison.json and \
            comparison.md and comparison.html into --out. The exit status is 0 whatever the verdict.
            """)

    @Argument(help: "The champion (model A): a train output folder, its model.json, or NAME@ALIAS / NAME@VERSION.")
    var champion: String

    @Argument(help: "The challenger (model B), named the same ways.")
    var challenger: String

    @OptionGroup var options: ReportOptions

    func run() throws {
        let language = try options.language()
        let parsedQuarters = try options.parsedQuarters()
        let first = try options.load(champion)
        let second = try options.load(challenger)
        let experiment = try options.experiment(of: first, reference: champion)
        let name = { (model: RiskModel) in "\(model.identity.name)@\(model.identity.version)" }
        var names = (name(first), name(second))
        if names.0 == names.1 { names = ("A " + names.0, "B " + names.1) }
        let data = options.data, out = options.out
        options.log("compare: reading \(data)")
        let table = try ModelComparison.readTable(
            path: data, config: experiment, models: [(names.0, first), (names.1, second)])
        options.log("compare: scoring \(table.rowCount) rows with \(names.0) and \(names.1)")
        let comparison = try ModelComparison.run(
            champion: (names.0, first), challenger: (names.1, second), table: table, file: data, config: experiment,
            quarters: parsedQuarters, threads: options.threadCount)
        try comparison.write(to: out, language: language)
        print(
            "wrote \(out): comparison.json, comparison.md, comparison.html (quarters \(comparison.quarters.joined(separator: ", ")))"
        )
        print("  rows \(comparison.rows), random inspections \(comparison.inspections), hits \(comparison.hits)")
        if let metrics = comparison.metrics {
            let d = metrics.aucDifference
            print(
                String(
                    format: "  AUC %.4f → %.4f, difference %+.4f [%.4f, %.4f], p %.3g", metrics.champion.auc.auc,
                    metrics.challenger.auc.auc, d.difference, d.interval.lower, d.interval.upper, d.pValue))
        }
        for (label, side) in [(names.0, comparison.discovery.champion), (names.1, comparison.discovery.challenger)] {
            print(
                "  \(label): discovery rate by grade "
                    + side.grades.map { "\($0.grade.rawValue) " + String(format: "%.3f", $0.discoveryRate) }
                    .joined(separator: ", ") + "; " + (side.monotone ? "rising A<B<C<D" : "NOT rising A<B<C<D"))
        }
        let s = comparison.stability
        print(
            String(
                format: "  same grade %d of %d (%.1f%%); score PSI %.4f, grade PSI %.4f", s.sameGrade, comparison.rows,
                100 * s.migration.stableShare, s.score.index, s.grade.index))
        for gate in comparison.verdict.gates {
            let text: String
            if gate.name == "require_monotone" {
                text =
                    (gate.value == 1 ? "rising" : "not rising")
                    + (gate.threshold == 1 ? " (required)" : " (not required)")
            } else {
                text =
                    (gate.value.map { String(format: "%.4f", $0) } ?? "n/a")
                    + " (threshold \(String(format: "%g", gate.threshold)))"
            }
            print("  gate \(gate.name): \(text) " + (gate.passed ? "pass" : "FAIL"))
        }
        print("verdict: promote: \(comparison.verdict.promote)")
    }
}
