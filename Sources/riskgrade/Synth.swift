import ArgumentParser
import Foundation
import RiskTraining

/// `riskgrade synth`: generates a synthetic province with a known ground truth.
struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Generate a synthetic province: enterprises, relations, quarterly snapshots, inspections and the ground truth.",
        discussion: """
            Writes enterprises.csv, relations.csv, snapshots.csv, inspections.csv, true_risk.csv and \
            ground_truth.json into --out. The same options give the same bytes, whatever --threads.
            """)

    @Option(help: "Number of enterprises on the register (at least 1).")
    var enterprises: Int

    @Option(help: "Number of quarterly snapshots (1...40).")
    var quarters: Int = 8

    @Option(help: "Random seed; the same seed gives the same files.")
    var seed: UInt64 = 42

    @Option(name: .customLong("first-quarter"), help: "First snapshot quarter, e.g. 2025Q1.")
    var firstQuarter: String = "2025Q1"

    @Option(name: .customLong("random-rate"), help: "Random inspections per enterprise-year (0, 4].")
    var randomRate: Double = 0.05

    @Option(
        name: .customLong("targeted-rate"), help: "About this many targeted inspections per enterprise-year [0, 4].")
    var targetedRate: Double = 0.02

    @Option(help: "Worker threads (0 = all cores); the output does not depend on it.")
    var threads: Int = 0

    @Option(help: "Output folder (created if missing).")
    var out: String

    func run() throws {
        guard let first = Quarter(firstQuarter) else {
            throw ValidationError("--first-quarter expects a quarter like 2025Q1, got \"\(firstQuarter)\"")
        }
        let parameters = SyntheticProvince.Parameters(
            enterprises: enterprises, quarters: quarters, seed: seed, firstQuarter: first,
            randomInspectionRate: randomRate, targetedInspectionRate: targetedRate, threads: threads)
        let truth = try SyntheticProvince.generate(parameters, into: out) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        print(
            "wrote \(out): \(SyntheticProvince.File.enterprises), \(SyntheticProvince.File.relations), \(SyntheticProvince.File.snapshots), \(SyntheticProvince.File.inspections), \(SyntheticProvince.File.trueRisk), \(SyntheticProvince.File.groundTruth)"
        )
        let d = truth.discovery
        print(
            String(
                format: "random inspections %d, hits %d, discovery rate %.3f; targeted %d, hits %d, rate %.3f",
                d.randomInspections, d.randomHits, d.randomDiscoveryRate, d.targetedInspections, d.targetedHits,
                d.targetedDiscoveryRate))
        for g in d.byTrueRiskGrade {
            print(
                String(
                    format: "  true-risk grade %@ (%.0f%%): expected discovery %.3f, observed %d/%d = %.3f", g.grade,
                    g.share * 100, g.expectedDiscoveryRate, g.randomHits, g.randomInspections, g.discoveryRate))
        }
        print(String(format: "  expected D/A %.1f", d.expectedDOverA))
    }
}
