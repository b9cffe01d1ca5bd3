extension ModelParameters {
    /// Replaces the given parameters (command-line overrides), checking each against its valid range. On an
    /// error nothing changes.
    ///
    /// - Throws: `ConfigError` naming the parameter and its valid range.
    public mutating func override(
        rounds: Int? = nil, maxLeaves: Int? = nil, learningRate: Double? = nil, bins: Int? = nil,
        threads: Int? = nil, seed: UInt64? = nil, earlyStoppingRounds: Int? = nil
    ) throws {
        var changed = boosting
        if let rounds { changed.rounds = rounds }
        if let maxLeaves { changed.maxLeaves = maxLeaves }
        if let learningRate { changed.learningRate = learningRate }
        if let bins { changed.bins = bins }
        if let threads { changed.threads = threads }
        if let earlyStoppingRounds { changed.earlyStoppingRounds = earlyStoppingRounds }
        try changed.validate()
        boosting = changed
        if let seed { self.seed = seed }
    }
}

extension BoostingParameters {
    /// Each parameter's value, in the order of ``ranges``.
    var values: [Double] {
        [
            Double(rounds), Double(maxLeaves), Double(maxDepth), learningRate, Double(bins), Double(minSamplesPerLeaf),
            minHessianPerLeaf, l1Regularization, l2Regularization, minSplitGain, rowSubsample, featureFraction,
            Double(earlyStoppingRounds), Double(threads), positiveClassWeight,
        ]
    }

    /// Checks every parameter against its valid range (values set in code or on the command line).
    ///
    /// - Throws: `ConfigError.outOfRange` at `model.boosting.<key>`.
    public func validate(file: String = "command line") throws {
        for ((key, range), value) in zip(Self.ranges, values) where !range.contains(value) {
            throw ConfigError.outOfRange(
                ConfigLocation(file: file, keyPath: "model.boosting.\(key)"), value: value,
                validRange: range.description)
        }
    }
}
