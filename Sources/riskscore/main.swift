import Foundation
import RiskScoring

exit(RiskScoreCommand.main(Array(CommandLine.arguments.dropFirst())))
