import Foundation

extension RiskModel {
    /// Decodes every field of a parsed model document (everything but `integrity.sha256`, which the loader
    /// checks) and checks the fields against each other; the body's invariants and the golden vectors are
    /// checked by the loader.
    init(document root: [JSONMember], format: FormatVersion, decoder d: ModelDecoder) throws(ModelFormatError) {
        let identityValue = try d.required(root, "identity", "", expected: "the model's name and version")
        let features = try Self.decodeFeatures(
            try d.required(root, "features", "", expected: "the list of input features"), d)
        let body = try Self.decodeBody(try d.required(root, "body", "", expected: "the model body"), features, d)
        guard body.featureCount == features.count else {
            throw d.fail(.featureCountMismatch(features: features.count, body: body.featureCount))
        }
        if case .network(let network) = body { try Self.checkNetworkInputs(network, features, d) }
        let link = try d.name(try d.required(root, "link", "", expected: "\"logistic\""), "link", as: Link.self)
        let calibration = try d.optional(root, "calibration").map { v throws(ModelFormatError) in
            try Self.decodeCalibration(v, d)
        }
        let scale = try d.name(
            try d.required(root, "scoreScale", "", expected: "\"probability_per_mille\" or \"points\""), "scoreScale",
            as: ScoreScale.self)
        try Self.checkScoreScale(scale, body, d)
        let grading = try Self.decodeGrading(
            try d.required(root, "grading", "", expected: "the grade cut-offs and hard rules"), features, d)
        var weights: [String: [String: Double]] = [:]
        if let table = d.optional(root, "indicatorWeights") {
            for member in try d.object(table, "indicatorWeights") {
                let path = "indicatorWeights." + member.key
                guard features.contains(where: { $0.name == member.key }) else {
                    throw d.fail(.invalidValue(path: path, found: "\"\(member.key)\"", expected: "a feature's name"))
                }
                var bySource: [String: Double] = [:]
                for source in try d.object(member.value, path) {
                    bySource[source.key] = try d.double(source.value, path + "." + source.key)
                }
                weights[member.key] = bySource
            }
        }
        let training = try Self.decodeTraining(
            try d.required(root, "training", "", expected: "the training record"), d)
        let golden = try d.array(
            try d.required(root, "goldenVectors", "", expected: "at least \(GoldenVector.minimumCount) golden vectors"),
            "goldenVectors")
        guard golden.count >= GoldenVector.minimumCount else {
            throw d.fail(
                .invalidValue(
                    path: "goldenVectors", found: "\(golden.count) vectors",
                    expected: "at least \(GoldenVector.minimumCount)"))
        }
        var goldenVectors: [GoldenVector] = []
        for (i, value) in golden.enumerated() {
            let path = "goldenVectors[\(i)]"
            let members = try d.object(value, path)
            let inputs = try d.floatsOrMissing(
                try d.required(members, "inputs", path, expected: "one value per feature"), path + ".inputs")
            guard inputs.count == features.count else {
                throw d.fail(
                    .invalidValue(
                        path: path + ".inputs", found: "\(inputs.count) values",
                        expected: "one value per feature (\(features.count))"))
            }
            goldenVectors.append(
                GoldenVector(
                    inputs: inputs,
                    margin: try d.double(
                        try d.required(members, "margin", path, expected: "a number"), path + ".margin"),
                    probability: try d.double(
                        try d.required(members, "probability", path, expected: "a number"), path + ".probability")))
        }
        var signature: ModelSignature?
        if let integrity = d.optional(root, "integrity"),
            let value = d.optional(try d.object(integrity, "integrity"), "signature")
        {
            signature = try Self.decodeSignature(value, d)
        }
        self.init(
            identity: try Self.decodeIdentity(identityValue, d), features: features, body: body, link: link,
            calibration: calibration ?? .identity, scoreScale: scale, grading: grading, indicatorWeights: weights,
            training: training, goldenVectors: goldenVectors, signature: signature)
        self.format = format
    }

    private static func decodeIdentity(_ value: JSONValue, _ d: ModelDecoder) throws(ModelFormatError) -> ModelIdentity
    {
        let members = try d.object(value, "identity")
        func name(_ key: String) throws(ModelFormatError) -> String {
            let text = try d.string(try d.required(members, key, "identity", expected: "a name"), "identity." + key)
            guard ModelIdentity.isValidName(text) else {
                throw d.fail(
                    .invalidValue(
                        path: "identity." + key, found: "\"\(text)\"",
                        expected: "1-100 letters, digits, \"_\", \"-\" or \".\", not starting with \".\""))
            }
            return text
        }
        let parent = try d.optional(members, "parentVersion").map { v throws(ModelFormatError) in
            try d.string(v, "identity.parentVersion")
        }
        return ModelIdentity(
            name: try name("name"), version: try name("version"),
            createdAt: try d.string(
                try d.required(members, "createdAt", "identity", expected: "an ISO 8601 time"), "identity.createdAt"),
            toolkitVersion: try d.string(
                try d.required(members, "toolkitVersion", "identity", expected: "a version"),
                "identity.toolkitVersion"),
            parentVersion: parent)
    }

    private static func decodeFeatures(_ value: JSONValue, _ d: ModelDecoder) throws(ModelFormatError) -> [ModelFeature]
    {
        var features: [ModelFeature] = []
        var seen = Set<String>()
        for (i, element) in try d.array(value, "features").enumerated() {
            let path = "features[\(i)]"
            let m = try d.object(element, path)
            let name = try d.string(try d.required(m, "name", path, expected: "the indicator's name"), path + ".name")
            guard !name.isEmpty, seen.insert(name).inserted else {
                throw d.fail(
                    .invalidValue(path: path + ".name", found: "\"\(name)\"", expected: "a unique, non-empty name"))
            }
            let kind = try d.name(
                try d.required(m, "kind", path, expected: "a kind"), path + ".kind", as: IndicatorKind.self)
            var range: ClosedRange<Double>?
            if let rangeValue = d.optional(m, "validRange") {
                let bounds = try d.doubles(rangeValue, path + ".validRange")
                guard bounds.count == 2, bounds[0] < bounds[1] else {
                    throw d.fail(
                        .invalidValue(
                            path: path + ".validRange", found: "\(bounds)", expected: "[min, max] with min < max"))
                }
                range = bounds[0]...bounds[1]
            }
            let vocabulary =
                try d.optional(m, "vocabulary").map { v throws(ModelFormatError) in
                    try d.strings(v, path + ".vocabulary")
                } ?? []
            guard vocabulary.isEmpty || kind == .categorical else {
                throw d.fail(
                    .invalidValue(
                        path: path + ".vocabulary", found: "\(vocabulary.count) categories",
                        expected: "no vocabulary for a \(kind.rawValue) feature"))
            }
            guard Set(vocabulary).count == vocabulary.count else {
                throw d.fail(
                    .invalidValue(
                        path: path + ".vocabulary", found: "a category listed twice", expected: "distinct categories"))
            }
            features.append(
                ModelFeature(
                    name: name,
                    column: try d.optional(m, "column").map { v throws(ModelFormatError) in
                        try d.string(v, path + ".column")
                    },
                    dimension: try d.string(
                        try d.required(m, "dimension", path, expected: "a dimension name"), path + ".dimension"),
                    kind: kind,
                    direction: try d.name(
                        try d.required(m, "direction", path, expected: "a risk direction"), path + ".direction",
                        as: RiskDirection.self),
                    unit: try d.optional(m, "unit").map { v throws(ModelFormatError) in try d.string(v, path + ".unit")
                    },
                    validRange: range,
                    missing: try d.name(
                        try d.required(m, "missing", path, expected: "a missing policy"), path + ".missing",
                        as: MissingPolicy.self),
                    vocabulary: vocabulary))
        }
        return features
    }

    private static func decodeBody(_ value: JSONValue, _ features: [ModelFeature], _ d: ModelDecoder)
        throws(ModelFormatError) -> ModelBody
    {
        let m = try d.object(value, "body")
        let kind = try d.string(try d.required(m, "kind", "body", expected: "the body's kind"), "body.kind")
        if kind == "network" { return .network(try Self.decodeNetwork(m, d)) }
        if kind == "scorecard" { return .scorecard(try Self.decodeScorecard(m, features, d)) }
        if kind == "weighted" { return .weighted(try Self.decodeWeighted(m, features, d)) }
        guard kind == "trees" else { throw d.fail(.unknownBody(kind: kind, known: ModelBody.kinds)) }
        let featureCount = try d.integer(
            try d.required(m, "featureCount", "body", expected: "the number of inputs"), "body.featureCount",
            in: 0...1_000_000)
        let baseScore = try d.double(
            try d.required(m, "baseScore", "body", expected: "the margin before any tree"), "body.baseScore")
        var trees: [DecisionTree] = []
        let treeValues = try d.array(try d.required(m, "trees", "body", expected: "the list of trees"), "body.trees")
        trees.reserveCapacity(treeValues.count)
        for (t, treeValue) in treeValues.enumerated() {
            let path = "body.trees[\(t)]"
            let n = try d.object(treeValue, path)
            func field(_ key: String) throws(ModelFormatError) -> JSONValue {
                try d.required(n, key, path, expected: "an array")
            }
            // Assigning the arrays one by one bypasses `init`'s shape preconditions: a malformed file must
            // reach `checkInvariants` and become an error, never a trap.
            var tree = DecisionTree(constant: 0)
            tree.splitFeature = try d.int32s(try field("splitFeature"), path + ".splitFeature")
            tree.threshold = try d.floats(try field("threshold"), path + ".threshold")
            tree.defaultLeft = try d.bools(try field("defaultLeft"), path + ".defaultLeft")
            tree.categorySet = try d.int32s(try field("categorySet"), path + ".categorySet")
            tree.left = try d.int32s(try field("left"), path + ".left")
            tree.right = try d.int32s(try field("right"), path + ".right")
            tree.splitGain = try d.floats(try field("splitGain"), path + ".splitGain")
            tree.internalCover = try d.doubles(try field("internalCover"), path + ".internalCover")
            tree.leafValue = try d.doubles(try field("leafValue"), path + ".leafValue")
            tree.leafCover = try d.doubles(try field("leafCover"), path + ".leafCover")
            tree.categoryOffsets = try d.int32s(try field("categoryOffsets"), path + ".categoryOffsets")
            tree.categoryWords = try d.uint32s(try field("categoryWords"), path + ".categoryWords")
            trees.append(tree)
        }
        let ensemble = TreeEnsemble(featureCount: featureCount, baseScore: baseScore, trees: trees)
        do {
            try ensemble.checkInvariants()
        } catch {
            var path = "body"
            if let tree = error.tree {
                path = "body.trees[\(tree)].\(error.field)"
                if let node = error.node { path += "[\(node)]" }
            } else {
                path += "." + error.field
            }
            throw d.fail(.invalidTrees(path: path, error))
        }
        return .trees(ensemble)
    }

    private static func decodeGrading(_ value: JSONValue, _ features: [ModelFeature], _ d: ModelDecoder)
        throws(ModelFormatError) -> GradingRules
    {
        let m = try d.object(value, "grading")
        let c = try d.object(try d.required(m, "cutoffs", "grading", expected: "{B, C, D}"), "grading.cutoffs")
        func cutoff(_ key: String) throws(ModelFormatError) -> Double {
            try d.double(try d.required(c, key, "grading.cutoffs", expected: "a score"), "grading.cutoffs." + key)
        }
        let cutoffs = GradeCutoffs(b: try cutoff("B"), c: try cutoff("C"), d: try cutoff("D"))
        guard cutoffs.isValid else {
            throw d.fail(
                .invalidValue(
                    path: "grading.cutoffs", found: "B \(cutoffs.b), C \(cutoffs.c), D \(cutoffs.d)",
                    expected: "0 ≤ B < C < D ≤ 1000"))
        }
        var rules: [HardRule] = []
        if let list = d.optional(m, "hardRules") {
            for (i, element) in try d.array(list, "grading.hardRules").enumerated() {
                let path = "grading.hardRules[\(i)]"
                let r = try d.object(element, path)
                let indicator = try d.string(
                    try d.required(r, "indicator", path, expected: "a feature's name"), path + ".indicator")
                guard features.contains(where: { $0.name == indicator }) else {
                    throw d.fail(
                        .invalidValue(
                            path: path + ".indicator", found: "\"\(indicator)\"", expected: "a feature's name"))
                }
                let cm = try d.object(
                    try d.required(r, "condition", path, expected: "a condition"), path + ".condition")
                let kind = try d.string(
                    try d.required(cm, "kind", path + ".condition", expected: "a condition kind"),
                    path + ".condition.kind")
                func threshold() throws(ModelFormatError) -> Double {
                    try d.double(
                        try d.required(cm, "threshold", path + ".condition", expected: "a number"),
                        path + ".condition.threshold")
                }
                let condition: HardRuleCondition
                switch kind {
                case "is_set": condition = .isSet
                case "greater_than": condition = .greaterThan(try threshold())
                case "at_least": condition = .atLeast(try threshold())
                case "in":
                    let categories = try d.strings(
                        try d.required(cm, "categories", path + ".condition", expected: "a list of categories"),
                        path + ".condition.categories")
                    guard !categories.isEmpty, Set(categories).count == categories.count else {
                        throw d.fail(
                            .invalidValue(
                                path: path + ".condition.categories", found: "\(categories)",
                                expected: "one or more distinct categories"))
                    }
                    condition = .oneOf(categories)
                default:
                    throw d.fail(
                        .invalidValue(
                            path: path + ".condition.kind", found: "\"\(kind)\"",
                            expected: "one of " + HardRuleCondition.names.map { "\"\($0)\"" }.joined(separator: ", ")))
                }
                let isCategorical = features.first { $0.name == indicator }?.kind == .categorical
                guard isCategorical == (condition.categories != nil) else {
                    throw d.fail(
                        .invalidValue(
                            path: path + ".condition.kind", found: "\"\(kind)\" on \"\(indicator)\"",
                            expected: isCategorical
                                ? "\"in\" for a categorical feature" : "a numeric condition, not \"in\""))
                }
                let action = try d.name(
                    try d.required(r, "action", path, expected: "an action"), path + ".action", as: HardRuleAction.self)
                rules.append(HardRule(indicator: indicator, condition: condition, action: action))
            }
        }
        let policy = try d.optional(m, "policy").map { v throws(ModelFormatError) in
            try GradePolicyRecord(decoding: v, d)
        }
        return GradingRules(cutoffs: cutoffs, hardRules: rules, policy: policy)
    }

    private static func decodeTraining(_ value: JSONValue, _ d: ModelDecoder) throws(ModelFormatError) -> TrainingRecord
    {
        let m = try d.object(value, "training")
        var files: [TrainingRecord.InputFile] = []
        if let list = d.optional(m, "data") {
            for (i, element) in try d.array(list, "training.data").enumerated() {
                let path = "training.data[\(i)]"
                let f = try d.object(element, path)
                let digest = try d.string(try d.required(f, "sha256", path, expected: "a SHA-256"), path + ".sha256")
                guard Self.isHexDigest(digest) else {
                    throw d.fail(
                        .invalidValue(path: path + ".sha256", found: "\"\(digest)\"", expected: "64 hex digits"))
                }
                files.append(
                    TrainingRecord.InputFile(
                        file: try d.string(try d.required(f, "file", path, expected: "a file name"), path + ".file"),
                        sha256: digest,
                        bytes: try d.integer(
                            try d.required(f, "bytes", path, expected: "a size"), path + ".bytes", in: 0...Int.max)))
            }
        }
        var validation: [TrainingRecord.Validation] = []
        if let list = d.optional(m, "validation") {
            for (i, element) in try d.array(list, "training.validation").enumerated() {
                let path = "training.validation[\(i)]"
                let v = try d.object(element, path)
                func number(_ key: String) throws(ModelFormatError) -> Double {
                    try d.double(try d.required(v, key, path, expected: "a number"), path + "." + key)
                }
                func count(_ key: String) throws(ModelFormatError) -> Int {
                    try d.integer(try d.required(v, key, path, expected: "a count"), path + "." + key, in: 0...Int.max)
                }
                validation.append(
                    TrainingRecord.Validation(
                        set: try d.string(try d.required(v, "set", path, expected: "a name"), path + ".set"),
                        rows: try count("rows"), positives: try count("positives"), auc: try number("auc"),
                        logLoss: try number("logLoss")))
            }
        }
        let config = try d.optional(m, "config").map { v throws(ModelFormatError) in try d.string(v, "training.config")
        }
        let settings = try d.optional(m, "settings").map { v throws(ModelFormatError) in
            try d.strings(v, "training.settings")
        }
        return TrainingRecord(data: files, config: config ?? "", settings: settings ?? [], validation: validation)
    }

    private static func decodeSignature(_ value: JSONValue, _ d: ModelDecoder) throws(ModelFormatError)
        -> ModelSignature
    {
        let path = "integrity.signature"
        let m = try d.object(value, path)
        let algorithm = try d.string(try d.required(m, "algorithm", path, expected: "\"ed25519\""), path + ".algorithm")
        guard algorithm == "ed25519" else {
            throw d.fail(.invalidValue(path: path + ".algorithm", found: "\"\(algorithm)\"", expected: "\"ed25519\""))
        }
        func bytes(_ key: String, count: Int) throws(ModelFormatError) -> [UInt8] {
            let text = try d.string(try d.required(m, key, path, expected: "base64"), path + "." + key)
            guard let data = Data(base64Encoded: text), data.count == count else {
                throw d.fail(
                    .invalidValue(
                        path: path + "." + key, found: "\"\(text.prefix(20))…\"", expected: "\(count) bytes in base64"))
            }
            return [UInt8](data)
        }
        return ModelSignature(
            algorithm: algorithm, publicKey: try bytes("publicKey", count: 32), value: try bytes("value", count: 64))
    }

    /// Whether `text` is 64 lowercase hex digits.
    static func isHexDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
