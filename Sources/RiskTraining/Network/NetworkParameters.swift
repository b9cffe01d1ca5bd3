/// Settings of the small neural network (`model.learner: network`). Each is documented here once, with its
/// default and valid range; the config key (under `model.network`) is the snake_case name, and
/// docs/ConfigFormat.md lists the same.
public struct NetworkParameters: Equatable, Sendable, Codable {
    /// Widths of the hidden ReLU layers, 1 to 3 of them, each `[1, 4096]`. Default: `[64, 32]`. YAML: `layers`.
    public var layers: [Int]
    /// Passes over the training rows, `[1, 10000]`. Default: `20`. YAML: `epochs`.
    public var epochs: Int
    /// Rows per mini-batch, `[1, 1000000]`. Default: `512`. YAML: `batch`.
    public var batchSize: Int
    /// Adam's step size, `(0, 1]`. Default: `0.001`. YAML: `learning_rate`.
    public var learningRate: Double
    /// Decoupled weight decay λ (AdamW) on the layer weights (not the biases), `[0, 1]`. Default: `0.0001`.
    /// YAML: `weight_decay`.
    ///
    /// ```
    /// θ ← θ − η·(m̂ / (√v̂ + ε) + λ·θ)
    /// ```
    public var weightDecay: Double
    /// Stop when the validation log loss has not improved for this many epochs and keep the best epoch's
    /// weights, `[0, 10000]`; 0 trains every epoch and keeps the last. Default: `5`. YAML: `patience`.
    public var patience: Int
    /// Worker threads for validation scoring and attributions, `[0, 1024]`; 0 uses every core. The training
    /// steps run on one thread, so results do not depend on it. Default: `0`. YAML: `threads`.
    public var threads: Int

    /// Network parameters; the defaults are the documented ones. Values built in code are not range-checked
    /// (the loader checks files).
    public init(
        layers: [Int] = [64, 32], epochs: Int = 20, batchSize: Int = 512, learningRate: Double = 1e-3,
        weightDecay: Double = 1e-4, patience: Int = 5, threads: Int = 0
    ) {
        self.layers = layers
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.patience = patience
        self.threads = threads
    }

    /// Valid range of a hidden layer's width.
    static let layerWidth = ValidRange.closed(1, 4096)
    /// Valid number of hidden layers.
    static let layerCount = 1...3

    /// The YAML key and valid range of every scalar parameter, in declaration order.
    static let ranges: [(key: String, range: ValidRange)] = [
        ("epochs", .closed(1, 10_000)),
        ("batch", .closed(1, 1_000_000)),
        ("learning_rate", .openClosed(0, 1)),
        ("weight_decay", .closed(0, 1)),
        ("patience", .closed(0, 10_000)),
        ("threads", .closed(0, 1024)),
    ]

    /// Each scalar parameter's value, in the order of ``ranges``.
    var values: [Double] {
        [Double(epochs), Double(batchSize), learningRate, weightDecay, Double(patience), Double(threads)]
    }

    /// Reads and range-checks the `model.network` section; an absent section or key takes the default.
    init(parsing node: ConfigNode?) throws {
        self.init()
        guard let node else { return }
        let map = try node.mapping(keys: ["layers"] + NetworkParameters.ranges.map(\.key))
        if let list = map.optional("layers") {
            let items = try list.sequence()
            guard Self.layerCount.contains(items.count) else {
                throw ConfigError.outOfRange(
                    list.location, value: Double(items.count), validRange: "1 to 3 hidden layers")
            }
            layers = try items.map { try $0.int(in: Self.layerWidth) }
        }
        for (key, range) in NetworkParameters.ranges {
            guard let value = map.optional(key) else { continue }
            switch key {
            case "epochs": epochs = try value.int(in: range)
            case "batch": batchSize = try value.int(in: range)
            case "learning_rate": learningRate = try value.double(in: range)
            case "weight_decay": weightDecay = try value.double(in: range)
            case "patience": patience = try value.int(in: range)
            case "threads": threads = try value.int(in: range)
            default: preconditionFailure("NetworkParameters.ranges lists \(key) but the loader does not read it")
            }
        }
    }

    /// Checks every parameter against its valid range (values set in code or on the command line).
    ///
    /// - Throws: `ConfigError.outOfRange` at `model.network.<key>`.
    public func validate(file: String = "command line") throws {
        let location = { (key: String) in ConfigLocation(file: file, keyPath: "model.network.\(key)") }
        guard Self.layerCount.contains(layers.count) else {
            throw ConfigError.outOfRange(
                location("layers"), value: Double(layers.count), validRange: "1 to 3 hidden layers")
        }
        for (i, width) in layers.enumerated() where !Self.layerWidth.contains(Double(width)) {
            throw ConfigError.outOfRange(
                location("layers[\(i)]"), value: Double(width), validRange: Self.layerWidth.description)
        }
        for ((key, range), value) in zip(Self.ranges, values) where !range.contains(value) {
            throw ConfigError.outOfRange(location(key), value: value, validRange: range.description)
        }
    }
}

extension ModelParameters {
    /// Replaces the given network parameters (command-line overrides), checking each against its valid range.
    /// On an error nothing changes.
    ///
    /// - Throws: `ConfigError` naming the parameter and its valid range.
    public mutating func overrideNetwork(
        layers: [Int]? = nil, epochs: Int? = nil, batchSize: Int? = nil, learningRate: Double? = nil,
        weightDecay: Double? = nil, patience: Int? = nil, threads: Int? = nil
    ) throws {
        var changed = network
        if let layers { changed.layers = layers }
        if let epochs { changed.epochs = epochs }
        if let batchSize { changed.batchSize = batchSize }
        if let learningRate { changed.learningRate = learningRate }
        if let weightDecay { changed.weightDecay = weightDecay }
        if let patience { changed.patience = patience }
        if let threads { changed.threads = threads }
        try changed.validate()
        network = changed
    }
}
