import ArgumentParser
import RiskScoring

@main
struct RiskGrade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "riskgrade",
        abstract: "Learn, validate, version and ship enterprise credit-risk grading models.",
        version: Toolkit.version,
        subcommands: [
            Synth.self, Features.self, Train.self, Refit.self, Weights.self, Validate.self, Compare.self, Retrain.self,
            Models.self,
            Sign.self,
            Keygen.self,
            Bench.self,
        ]
    )
}
