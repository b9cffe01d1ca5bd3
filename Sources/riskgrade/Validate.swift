import ArgumentParser
import Foundation
import RiskScoring
import RiskTraining

/// `riskgrade validate`: a model's grades against discovery rates on random inspections.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a model's grades against discovery rates on random inspections.",
        discussion: """
            Scores the rows of the validated quarters through the runtime (what production scores), then reports \
            on random inspections only: per grade the inspections, hits, discovery rate with Wilson and \
            Clopper-Pearson 95% intervals, lift and the steps between adjacent grades; AUC with DeLong's interval, \
            KS, Gini, Brier, log loss; calibration and gains tables; breakdowns by region and industry; the \
            inspection-efficiency simulation. Targeted inspections are reported apart. Writes validation.json, \
            validation.md and validation.html (charts inline, opens offline) into --out.
            """)

    @Argument(help: "The model: a train output folder, its model.json, or NAME@ALIAS / NAME@VERSION.")
    var model: String

    @OptionGroup var options: ReportOptions

    @Option(name: .customLong("by"), help: "Breakdown columns, comma-separated.")
    var breakdown: String = "region,industry"

    @Option(
        help: ArgumentHelp(
            "Sampling ratio per grade for the efficiency simulation, e.g. A=0.01,B=0.02,C=0.1,D=0.3 "
                + "(default: the config's grading.sampling_ratios)."))
    var sampling: String?

    func run() throws {
        let language = try options.language()
        let given = try sampling.map(Self.parseSampling)
        let parsedQuarters = try options.parsedQuarters()
        let frozen = try options.load(model)
        let experiment = try options.experiment(of: frozen, reference: model)
        let ratios =
            given
            ?? Dictionary(
                uniqueKeysWithValues: Grade.allCases.map {
                    ($0, experiment.grading.samplingRatios[$0])
                })
        let data = options.data
        options.log("validate: reading \(data)")
        let table = try Dataset.read(csv: data, schema: experiment.tableSchema)
        options.log("validate: scoring \(table.rowCount) rows with \(frozen.identity.name)@\(frozen.identity.version)")
        let columns = breakdown.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let validation = try ModelValidation.run(
            model: frozen, modelName: "\(frozen.identity.name)@\(frozen.identity.version)", table: table,
            file: data, config: experiment, quarters: parsedQuarters, groupColumns: columns, sampling: ratios,
            threads: options.threadCount)
        let out = options.out
        try validation.write(to: out, language: language)
        let r = validation.random
        print(
            "wrote \(out): validation.json, validation.md, validation.html (quarters \(validation.quarters.joined(separator: ", ")))"
        )
        print(
            "  random inspections: \(r.inspections), hits \(r.hits); discovery rate by grade "
                + r.grades.map { "\($0.grade.rawValue) " + String(format: "%.3f", $0.discoveryRate) }.joined(
                    separator: ", ") + "; " + (r.monotone ? "rising A<B<C<D" : "NOT rising A<B<C<D")
                + String(format: ", D/A %.1f", r.dOverA))
        if let figures = validation.figures {
            print(
                String(
                    format: "  AUC %.4f [%.4f, %.4f], KS %.4f", figures.auc.auc, figures.auc.interval.lower,
                    figures.auc.interval.upper, figures.kolmogorovSmirnov.statistic))
        }
        for breakdown in validation.breakdowns {
            let broken = breakdown.groups.filter { !$0.breaks.isEmpty }.map(\.value)
            let noisy = breakdown.groups.filter { $0.breaks.isEmpty && !$0.falls.isEmpty }.count
            var line =
                "  by \(breakdown.column): \(breakdown.groups.count) groups; the grade order breaks significantly in "
            line += broken.isEmpty ? "none" : broken.joined(separator: ", ")
            if noisy > 0 { line += "; rates fall within noise in \(noisy)" }
            print(line)
        }
    }

    /// Parses `A=0.01,B=0.02,...`: every grade once, each ratio in (0, 1].
    static func parseSampling(_ text: String) throws -> [Grade: Double] {
        var ratios: [Grade: Double] = [:]
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let grade = Grade(rawValue: pieces[0].uppercased()),
                let ratio = Double(pieces[1]), ratio > 0, ratio <= 1
            else {
                throw ValidationError(
                    "--sampling \"\(part)\" is not GRADE=RATIO with a grade A-D and a ratio in (0, 1]")
            }
            ratios[grade] = ratio
        }
        let missing = Grade.allCases.filter { ratios[$0] == nil }
        guard missing.isEmpty else {
            throw ValidationError("--sampling lacks \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        return ratios
    }
}
