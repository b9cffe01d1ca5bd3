import RiskScoring

print("riskscore \(Toolkit.version)")
