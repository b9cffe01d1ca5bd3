import Yams

extension ExperimentConfig {
    /// Applies settings on top of the config's text, each `key.path=value` with the value in YAML (a scalar or
    /// a flow collection, e.g. `model.boosting.rounds=600`, `model.network.layers=[64, 32]`), and records them
    /// in ``settings`` so a frozen model carries them beside its config snapshot.
    ///
    /// The config is read again from ``yaml`` with every setting so far placed in the document, so each is
    /// checked exactly as the same key in the file would be (range, type, unknown keys with a suggestion). On
    /// an error nothing changes.
    ///
    /// - Throws: `ConfigError` naming the key path; for a setting not written `key.path=value`, how to write it.
    public mutating func apply(settings new: [String], file: String = "command line") throws {
        guard !new.isEmpty else { return }
        let all = settings + new
        self = try ExperimentConfig.load(yaml: yaml, file: file, settings: all)
    }

    /// Reads a config from YAML text with `settings` placed in the document before it is checked (see
    /// ``apply(settings:file:)``).
    ///
    /// - Throws: `ConfigError`, as ``load(yaml:file:)``, and for a malformed setting.
    public static func load(yaml: String, file: String = "<config>", settings: [String]) throws -> ExperimentConfig {
        guard !settings.isEmpty else { return try load(yaml: yaml, file: file) }
        var root = try document(yaml: yaml, file: file)
        for setting in settings {
            guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
                throw ConfigError.inconsistent(
                    ConfigLocation(file: file, keyPath: setting), problem: "the setting \"\(setting)\" has no key",
                    fix: "write it key.path=value, e.g. model.boosting.rounds=600")
            }
            let keyPath = String(setting[..<equals])
            let path = keyPath.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let location = ConfigLocation(file: file, keyPath: keyPath)
            guard !path.contains(where: \.isEmpty) else {
                throw ConfigError.inconsistent(
                    location, problem: "the setting \"\(setting)\" has an empty key",
                    fix: "name the key with dots between its parts, e.g. model.boosting.rounds=600")
            }
            let text = String(setting[setting.index(after: equals)...])
            let value: Node
            do {
                value = try Yams.compose(yaml: text) ?? Node("", Tag(.null))
            } catch {
                throw ConfigError.inconsistent(
                    location, problem: "the value \"\(text)\" is not YAML",
                    fix: "write a number, a word or a flow list such as [64, 32]")
            }
            root = try place(Self.unmarked(value), at: path[...], in: root, location: location)
        }
        let rootNode = ConfigNode(node: root, keyPath: "", file: file)
        var config = try ExperimentConfig(parsing: rootNode)
        config.yaml = yaml
        config.settings = settings
        return config
    }

    /// `node` with `value` at `path`, creating the mappings on the way; a scalar or list on the way is an error.
    private static func place(_ value: Node, at path: ArraySlice<String>, in node: Node, location: ConfigLocation)
        throws -> Node
    {
        guard var mapping = node.mapping else {
            throw ConfigError.typeMismatch(location, expected: "a mapping on the way to the key", found: "a value")
        }
        guard let key = path.first else { return value }
        if path.count == 1 {
            mapping[key] = value
        } else {
            let child = mapping[key] ?? Node.mapping(Node.Mapping([]))
            mapping[key] = try place(value, at: path.dropFirst(), in: child, location: location)
        }
        return .mapping(mapping)
    }

    /// `node` without source marks: a setting has no line in the file, and errors should not point at one.
    private static func unmarked(_ node: Node) -> Node {
        switch node {
        case .scalar(var scalar):
            scalar.mark = nil
            return .scalar(scalar)
        case .sequence(var sequence):
            sequence = Node.Sequence(sequence.map(unmarked), sequence.tag, sequence.style, nil)
            return .sequence(sequence)
        case .mapping(let mapping):
            return .mapping(
                Node.Mapping(mapping.map { (unmarked($0.key), unmarked($0.value)) }, mapping.tag, mapping.style, nil))
        case .alias:
            return node
        }
    }
}
