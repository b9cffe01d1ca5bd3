/// Why `riskgrade retrain` cannot run; each case names the file, model or option and the fix.
public enum RetrainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The registry holds no champion under the reference.
    case noChampion(reference: String, registry: String, reason: String)
    /// The champion carries no training config and none was given.
    case noConfig(champion: String)
    /// `--warm-start` with a champion or a challenger that is not gradient boosting.
    case warmStartNeedsTrees(champion: String, championLearner: String, learner: String)
    /// The table lacks columns the config or the champion reads.
    case missingColumns(file: String, champion: String, missing: [String])
    /// The table holds no random inspection to validate a challenger on.
    case noRandomInspections(file: String, column: String)
    /// The test quarter leaves nothing to train on before it.
    case nothingBefore(file: String, quarter: String, first: String)
    /// A quarter to compare on comes before the held-out quarter, so the challenger trained or validated on it.
    case quarterNotHeldOut(quarter: String, heldOut: String)
    /// The champion's version (its validation quarter) is the held-out quarter or later.
    case championSawQuarter(champion: String, version: String, heldOut: String)
    /// The challenger's version is registered already; `challenger` is its trained model file, nil when the
    /// version was given and checked before training.
    case versionTaken(name: String, version: String, challenger: String?)

    public var description: String {
        switch self {
        case .noChampion(let reference, let registry, let reason):
            return "\(registry): no champion \(reference) (\(reason)); train a first model, then register and "
                + "promote it: `riskgrade models add out/gbdt/model.json --registry \(registry)` and "
                + "`riskgrade models promote NAME@VERSION champion --registry \(registry)`, or name the champion "
                + "with --champion NAME@ALIAS"
        case .noConfig(let champion):
            return "\(champion) carries no training config; pass --config with the experiment config to train the "
                + "challenger with"
        case .warmStartNeedsTrees(let champion, let championLearner, let learner):
            return
                "--warm-start continues a gradient-boosting champion's trees, but \(champion) is a \(championLearner) "
                + "model and the challenger a \(learner) one; retrain without --warm-start"
        case .missingColumns(let file, let champion, let missing):
            return "\(file): the header lacks \(missing.map { "\"\($0)\"" }.joined(separator: ", ")), which the "
                + "champion \(champion) and its config read; rebuild the table with `riskgrade features` and the "
                + "champion's config (riskgrade models show \(champion))"
        case .noRandomInspections(let file, let column):
            return "\(file): no row has a random inspection (\(column) = random) to validate a challenger on; retrain "
                + "on a table whose latest quarters carry inspection outcomes, or name the quarter with --test-quarter"
        case .nothingBefore(let file, let quarter, let first):
            return "\(file): the held-out quarter \(quarter) leaves no quarter to train on (the table starts at "
                + "\(first)); pass a later --test-quarter"
        case .quarterNotHeldOut(let quarter, let heldOut):
            return "--quarter \(quarter) comes before the held-out quarter \(heldOut), so the challenger would be "
                + "trained or validated on it; compare on \(heldOut) or later, or hold out \(quarter) with "
                + "--test-quarter \(quarter)"
        case .championSawQuarter(let champion, let version, let heldOut):
            return "the champion \(champion) was validated on \(version), which is not before the held-out quarter "
                + "\(heldOut), so the comparison would not be out of time for it; hold out a quarter after \(version) "
                + "with --test-quarter (on a table that holds one)"
        case .versionTaken(let name, let version, let challenger):
            let text = "\(name)@\(version) is already registered, and a registered version never changes; "
            guard let challenger else { return text + "pass another --version (e.g. \(version)b)" }
            return text + "the challenger is kept at \(challenger): rerun with --version \(version)b (or another free "
                + "version), or register it by hand with `riskgrade models add \(challenger) --version …`"
        }
    }
}
