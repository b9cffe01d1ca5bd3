extension ModelBody {
    /// The body's own 0-1000 points of one row, for bodies that publish points (``WeightedScorecard``); nil
    /// for the others, whose score comes from the probability.
    public func points(_ row: [Float]) -> Double? {
        if case .weighted(let card) = self { return card.points(row) }
        return nil
    }
}

extension RiskModel {
    /// The `bins` members of one indicator: `edges` (numeric) or `categories` (category names per bin).
    private func binMembers(_ bins: IndicatorBins, feature: Int, path: String, _ e: inout Encoder)
        throws(ModelFormatError) -> JSONMember
    {
        switch bins.split {
        case .edges(let edges):
            return JSONMember("edges", .array(try e.numbers(edges, path + ".edges")))
        case .categories(let categories):
            let vocabulary = features[feature].vocabulary
            return JSONMember(
                "categories",
                .array(
                    categories.map { codes in
                        .array(codes.map { .string(vocabulary.indices.contains($0) ? vocabulary[$0] : "\($0)") })
                    }))
        }
    }

    /// The `body` object of a scorecard (kind `scorecard`).
    func scorecardValue(_ card: Scorecard, _ e: inout Encoder) throws(ModelFormatError) -> JSONValue {
        var indicators: [JSONValue] = []
        for (f, indicator) in card.indicators.enumerated() {
            let path = "body.indicators[\(f)]"
            indicators.append(
                .object([
                    try binMembers(indicator.bins, feature: f, path: path, &e),
                    JSONMember("woe", .array(try e.numbers(indicator.woe, path + ".woe"))),
                    JSONMember("coefficient", try e.number(indicator.coefficient, path + ".coefficient")),
                    JSONMember("points", .array(try e.numbers(indicator.points, path + ".points"))),
                ]))
        }
        return .object([
            JSONMember("kind", .string(ModelBody.scorecard(card).kind)),
            JSONMember("featureCount", .number(String(card.featureCount))),
            JSONMember("intercept", try e.number(card.intercept, "body.intercept")),
            JSONMember(
                "scaling",
                .object([
                    JSONMember("pdo", try e.number(card.scaling.pdo, "body.scaling.pdo")),
                    JSONMember("baseScore", try e.number(card.scaling.baseScore, "body.scaling.baseScore")),
                    JSONMember("baseOdds", try e.number(card.scaling.baseOdds, "body.scaling.baseOdds")),
                ])),
            JSONMember("indicators", .array(indicators)),
        ])
    }

    /// The `body` object of a weighted scorecard (kind `weighted`).
    func weightedValue(_ card: WeightedScorecard, _ e: inout Encoder) throws(ModelFormatError) -> JSONValue {
        var indicators: [JSONValue] = []
        for (f, indicator) in card.indicators.enumerated() {
            let path = "body.indicators[\(f)]"
            indicators.append(
                .object([
                    try binMembers(indicator.bins, feature: f, path: path, &e),
                    JSONMember("riskScores", .array(try e.numbers(indicator.riskScores, path + ".riskScores"))),
                    JSONMember("weight", try e.number(indicator.weight, path + ".weight")),
                ]))
        }
        return .object([
            JSONMember("kind", .string(ModelBody.weighted(card).kind)),
            JSONMember("featureCount", .number(String(card.featureCount))),
            JSONMember("intercept", try e.number(card.intercept, "body.intercept")),
            JSONMember("slope", try e.number(card.slope, "body.slope")),
            JSONMember("indicators", .array(indicators)),
        ])
    }

    /// The indicators of a scorecard body, checked against the features (count, kinds, vocabularies).
    private static func decodeIndicators(_ m: [JSONMember], _ features: [ModelFeature], _ d: ModelDecoder)
        throws(ModelFormatError) -> [(members: [JSONMember], bins: IndicatorBins, path: String)]
    {
        let featureCount = try d.integer(
            try d.required(m, "featureCount", "body", expected: "the number of inputs"), "body.featureCount",
            in: 0...1_000_000)
        guard featureCount == features.count else {
            throw d.fail(.featureCountMismatch(features: features.count, body: featureCount))
        }
        let values = try d.array(
            try d.required(m, "indicators", "body", expected: "one indicator per feature"), "body.indicators")
        guard values.count == featureCount else {
            throw d.fail(
                .invalidValue(
                    path: "body.indicators", found: "\(values.count) indicators",
                    expected: "one per feature (featureCount \(featureCount))"))
        }
        var result: [(members: [JSONMember], bins: IndicatorBins, path: String)] = []
        for (f, value) in values.enumerated() {
            let path = "body.indicators[\(f)]"
            let n = try d.object(value, path)
            let feature = features[f]
            let bins: IndicatorBins
            if feature.kind == .categorical {
                let lists = try d.array(
                    try d.required(
                        n, "categories", path,
                        expected: "the categories of each bin (\"\(feature.name)\" is categorical)"),
                    path + ".categories")
                var codes: [[Int]] = []
                for (j, list) in lists.enumerated() {
                    var bin: [Int] = []
                    for name in try d.strings(list, path + ".categories[\(j)]") {
                        guard let code = feature.vocabulary.firstIndex(of: name) else {
                            throw d.fail(
                                .invalidValue(
                                    path: path + ".categories[\(j)]", found: "\"\(name)\"",
                                    expected: "a category of \"\(feature.name)\"'s vocabulary"))
                        }
                        bin.append(code)
                    }
                    codes.append(bin)
                }
                bins = IndicatorBins(categories: codes)
            } else {
                bins = IndicatorBins(
                    edges: try d.floats(
                        try d.required(
                            n, "edges", path, expected: "the bins' upper edges (\"\(feature.name)\" is numeric)"),
                        path + ".edges"))
            }
            result.append((n, bins, path))
        }
        return result
    }

    /// Decodes a `scorecard` body (the members of `body`) and checks it against the features.
    static func decodeScorecard(_ m: [JSONMember], _ features: [ModelFeature], _ d: ModelDecoder)
        throws(ModelFormatError) -> Scorecard
    {
        let s = try d.object(
            try d.required(m, "scaling", "body", expected: "{pdo, baseScore, baseOdds}"), "body.scaling")
        func scaling(_ key: String) throws(ModelFormatError) -> Double {
            try d.double(try d.required(s, key, "body.scaling", expected: "a number"), "body.scaling." + key)
        }
        var indicators: [Scorecard.Indicator] = []
        for (n, bins, path) in try decodeIndicators(m, features, d) {
            indicators.append(
                Scorecard.Indicator(
                    bins: bins,
                    woe: try d.doubles(try d.required(n, "woe", path, expected: "one WOE per bin"), path + ".woe"),
                    coefficient: try d.double(
                        try d.required(n, "coefficient", path, expected: "a number"), path + ".coefficient"),
                    points: try d.doubles(
                        try d.required(n, "points", path, expected: "one number per bin"), path + ".points")))
        }
        let card = Scorecard(
            indicators: indicators,
            intercept: try d.double(try d.required(m, "intercept", "body", expected: "a number"), "body.intercept"),
            scaling: Scorecard.Scaling(
                pdo: try scaling("pdo"), baseScore: try scaling("baseScore"), baseOdds: try scaling("baseOdds")))
        if let problem = card.problems(vocabularySizes: features.map(\.vocabulary.count)) {
            throw d.fail(.invalidValue(path: "body." + problem.path, found: problem.found, expected: problem.expected))
        }
        return card
    }

    /// Decodes a `weighted` body (the members of `body`) and checks it against the features.
    static func decodeWeighted(_ m: [JSONMember], _ features: [ModelFeature], _ d: ModelDecoder)
        throws(ModelFormatError) -> WeightedScorecard
    {
        var indicators: [WeightedScorecard.Indicator] = []
        for (n, bins, path) in try decodeIndicators(m, features, d) {
            indicators.append(
                WeightedScorecard.Indicator(
                    bins: bins,
                    riskScores: try d.doubles(
                        try d.required(n, "riskScores", path, expected: "one risk score per bin"), path + ".riskScores"),
                    weight: try d.double(try d.required(n, "weight", path, expected: "a weight"), path + ".weight")))
        }
        let card = WeightedScorecard(
            indicators: indicators,
            intercept: try d.double(try d.required(m, "intercept", "body", expected: "a number"), "body.intercept"),
            slope: try d.double(try d.required(m, "slope", "body", expected: "a number"), "body.slope"))
        if let problem = card.problems(vocabularySizes: features.map(\.vocabulary.count)) {
            throw d.fail(.invalidValue(path: "body." + problem.path, found: problem.found, expected: problem.expected))
        }
        return card
    }

    /// Checks that the score scale and the body agree: `points` belongs to a weighted body and nothing else.
    static func checkScoreScale(_ scale: ScoreScale, _ body: ModelBody, _ d: ModelDecoder) throws(ModelFormatError) {
        let isWeighted: Bool
        if case .weighted = body { isWeighted = true } else { isWeighted = false }
        guard isWeighted == (scale == .points) else {
            throw d.fail(
                .invalidValue(
                    path: "scoreScale", found: "\"\(scale.rawValue)\" with a \(body.kind) body",
                    expected: isWeighted ? "\"points\" for a weighted body" : "\"probability_per_mille\""))
        }
    }
}
