extension RiskModel {
    /// The `body` object of a network (kind `network`), members in canonical order.
    func networkValue(_ network: NeuralNetwork, _ e: inout Encoder) throws(ModelFormatError) -> JSONValue {
        var inputs: [JSONValue] = []
        for (f, input) in network.inputs.enumerated() {
            let path = "body.inputs[\(f)]"
            switch input {
            case .standardized(let mean, let scale, let indicator, let share):
                inputs.append(
                    .object([
                        JSONMember("encoding", .string(input.name)),
                        JSONMember("mean", try e.number(mean, path + ".mean")),
                        JSONMember("scale", try e.number(scale, path + ".scale")),
                        JSONMember("missingIndicator", .bool(indicator)),
                        JSONMember("missingShare", try e.number(share, path + ".missingShare")),
                    ]))
            case .oneHot(let shares):
                inputs.append(
                    .object([
                        JSONMember("encoding", .string(input.name)),
                        JSONMember("shares", .array(try e.numbers(shares, path + ".shares"))),
                    ]))
            }
        }
        var layers: [JSONValue] = []
        for (l, layer) in network.layers.enumerated() {
            let path = "body.layers[\(l)]"
            layers.append(
                .object([
                    JSONMember("inputs", .number(String(layer.inputCount))),
                    JSONMember("outputs", .number(String(layer.outputCount))),
                    JSONMember("activation", .string(layer.activation.rawValue)),
                    JSONMember("weights", .array(try e.numbers(layer.weights, path + ".weights"))),
                    JSONMember("biases", .array(try e.numbers(layer.biases, path + ".biases"))),
                ]))
        }
        return .object([
            JSONMember("kind", .string(ModelBody.network(network).kind)),
            JSONMember("featureCount", .number(String(network.featureCount))),
            JSONMember("inputs", .array(inputs)),
            JSONMember("layers", .array(layers)),
        ])
    }

    /// Decodes a `network` body (the members of `body`) and checks its shapes and values.
    static func decodeNetwork(_ m: [JSONMember], _ d: ModelDecoder) throws(ModelFormatError) -> NeuralNetwork {
        let featureCount = try d.integer(
            try d.required(m, "featureCount", "body", expected: "the number of inputs"), "body.featureCount",
            in: 0...1_000_000)
        let inputValues = try d.array(
            try d.required(m, "inputs", "body", expected: "one input encoding per feature"), "body.inputs")
        guard inputValues.count == featureCount else {
            throw d.fail(
                .invalidValue(
                    path: "body.inputs", found: "\(inputValues.count) encodings",
                    expected: "one per feature (featureCount \(featureCount))"))
        }
        var inputs: [NeuralNetwork.InputEncoding] = []
        for (f, value) in inputValues.enumerated() {
            let path = "body.inputs[\(f)]"
            let n = try d.object(value, path)
            let encoding = try d.string(
                try d.required(n, "encoding", path, expected: "\"standardized\" or \"one_hot\""), path + ".encoding")
            switch encoding {
            case "standardized":
                func number(_ key: String) throws(ModelFormatError) -> Double {
                    try d.double(try d.required(n, key, path, expected: "a number"), path + "." + key)
                }
                inputs.append(
                    .standardized(
                        mean: try number("mean"), scale: try number("scale"),
                        missingIndicator: try d.bool(
                            try d.required(n, "missingIndicator", path, expected: "true or false"),
                            path + ".missingIndicator"),
                        missingShare: try number("missingShare")))
            case "one_hot":
                inputs.append(
                    .oneHot(
                        shares: try d.doubles(
                            try d.required(n, "shares", path, expected: "one share per category"), path + ".shares")))
            default:
                throw d.fail(
                    .invalidValue(
                        path: path + ".encoding", found: "\"\(encoding)\"", expected: "\"standardized\" or \"one_hot\"")
                )
            }
        }
        var layers: [NeuralNetwork.Layer] = []
        for (l, value) in try d.array(try d.required(m, "layers", "body", expected: "the layers"), "body.layers")
            .enumerated()
        {
            let path = "body.layers[\(l)]"
            let n = try d.object(value, path)
            func count(_ key: String) throws(ModelFormatError) -> Int {
                try d.integer(try d.required(n, key, path, expected: "a count"), path + "." + key, in: 1...1_000_000)
            }
            layers.append(
                NeuralNetwork.Layer(
                    inputCount: try count("inputs"), outputCount: try count("outputs"),
                    weights: try d.floats(
                        try d.required(n, "weights", path, expected: "inputs × outputs numbers"), path + ".weights"),
                    biases: try d.floats(
                        try d.required(n, "biases", path, expected: "one number per output"), path + ".biases"),
                    activation: try d.name(
                        try d.required(n, "activation", path, expected: "an activation"), path + ".activation",
                        as: NeuralNetwork.Activation.self)))
        }
        let network = NeuralNetwork(inputs: inputs, layers: layers)
        if let problem = network.problems().first {
            throw d.fail(.invalidValue(path: "body." + problem.path, found: problem.found, expected: problem.expected))
        }
        return network
    }

    /// Checks a network's input encodings against the features: one-hot blocks for categorical features, with
    /// one input per vocabulary entry; standardised values for the others.
    static func checkNetworkInputs(_ network: NeuralNetwork, _ features: [ModelFeature], _ d: ModelDecoder)
        throws(ModelFormatError)
    {
        for (f, (input, feature)) in zip(network.inputs, features).enumerated() {
            let path = "body.inputs[\(f)]"
            switch input {
            case .standardized:
                guard feature.kind != .categorical else {
                    throw d.fail(
                        .invalidValue(
                            path: path + ".encoding", found: "\"standardized\"",
                            expected: "\"one_hot\" for the categorical feature \"\(feature.name)\""))
                }
            case .oneHot(let shares):
                guard feature.kind == .categorical else {
                    throw d.fail(
                        .invalidValue(
                            path: path + ".encoding", found: "\"one_hot\"",
                            expected: "\"standardized\" for the \(feature.kind.rawValue) feature \"\(feature.name)\""))
                }
                guard shares.count == feature.vocabulary.count else {
                    throw d.fail(
                        .invalidValue(
                            path: path + ".shares", found: "\(shares.count) shares",
                            expected: "one per category of \"\(feature.name)\" (\(feature.vocabulary.count))"))
                }
            }
        }
    }
}
