import Foundation
import Yams

/// One experiment: the indicator system, the label, the time split, the model and the grading, read from YAML.
///
/// The file format, every key with its type, default and valid range, is specified in docs/ConfigFormat.md;
/// experiments/general.yaml is a complete, commented example.
public struct ExperimentConfig: Equatable, Sendable {
    /// Name of the experiment, used to name model versions and reports: letters, digits, `_`, `-` and `.`.
    /// Required.
    public var name: String
    /// Free text saying what the experiment is for. Default: empty.
    public var description: String
    /// The indicator system: dimensions, indicators and expert weights. Required.
    public var indicatorSystem: IndicatorSystem
    /// The training label. Default: every default of ``LabelSpec``.
    public var label: LabelSpec
    /// The time split. Default: every default of ``TimeSplit``.
    public var split: TimeSplit
    /// The learner and its parameters. Default: every default of ``ModelParameters``.
    public var model: ModelParameters
    /// The grade policy, hard rules and sampling ratios. Default: every default of ``GradingSpec``.
    public var grading: GradingSpec
    /// How `riskgrade weights` blends its sources. Default: every default of ``WeightsSpec``.
    public var weights = WeightsSpec()
    /// The champion/challenger gates of `riskgrade compare`. Default: every default of ``ComparisonGates``.
    public var compare = ComparisonGates()
    /// The YAML text the config was read from (empty for configs built in code); frozen models keep it as
    /// their config snapshot.
    public var yaml = ""
    /// Settings applied on top of ``yaml`` (``apply(settings:file:)``), each `key.path=value`; frozen models keep
    /// them beside the snapshot, so the config and these give what a model was trained with.
    public var settings: [String] = []

    /// A config from its parts; values built in code are not validated (the loaders validate files).
    public init(
        name: String, description: String = "", indicatorSystem: IndicatorSystem, label: LabelSpec = LabelSpec(),
        split: TimeSplit = TimeSplit(), model: ModelParameters = ModelParameters(), grading: GradingSpec = GradingSpec()
    ) {
        self.name = name
        self.description = description
        self.indicatorSystem = indicatorSystem
        self.label = label
        self.split = split
        self.model = model
        self.grading = grading
    }

    /// The indicators' columns in config order: the feature columns a table must provide.
    public var featureColumns: [String] { indicatorSystem.indicators.map(\.column) }

    /// Reads and validates the config file at `path`.
    ///
    /// - Throws: `ConfigError` when the file cannot be read, is not YAML, or breaks any rule of the format; the
    ///   error names the file, line and key path and says how to fix it.
    public static func load(path: String) throws -> ExperimentConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError.unreadableFile(file: path, reason: error.localizedDescription)
        }
        return try load(yaml: text, file: path)
    }

    /// Reads and validates a config from YAML text; `file` names it in errors.
    ///
    /// - Throws: `ConfigError`, as ``load(path:)``.
    public static func load(yaml: String, file: String = "<config>") throws -> ExperimentConfig {
        let rootNode = ConfigNode(node: try document(yaml: yaml, file: file), keyPath: "", file: file)
        if rootNode.isNull { throw ConfigError.emptyDocument(file: file) }
        var config = try ExperimentConfig(parsing: rootNode)
        config.yaml = yaml
        return config
    }

    /// The composed document of `yaml`.
    ///
    /// - Throws: `ConfigError` for text that is not YAML or holds no document.
    static func document(yaml: String, file: String) throws -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigError.yaml(error, file: file)
        } catch {
            throw ConfigError.invalidYAML(file: file, line: nil, column: nil, problem: "\(error)")
        }
        guard let root else { throw ConfigError.emptyDocument(file: file) }
        return root
    }

    /// The keys the document root may hold.
    static let keys = [
        "name", "description", "indicator_system", "label", "split", "model", "grading", "weights", "compare",
    ]

    /// Reads and validates the whole document.
    init(parsing root: ConfigNode) throws {
        let map = try root.mapping(keys: ExperimentConfig.keys)
        let nameNode = try map.required("name")
        let name = try nameNode.nonEmptyString()
        let fileSafe = name.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0))
        }
        guard fileSafe, !name.hasPrefix(".") else { throw ConfigError.invalidName(nameNode.location, name: name) }

        // Label and split come first: the columns they name are reserved before indicators claim columns.
        let label = try LabelSpec(parsing: map.optional("label"))
        let split = try TimeSplit(parsing: map.optional("split"))
        let reserved = [
            (label.column, "label.column"), (label.kindColumn, "label.kind_column"),
            (split.quarterColumn, "split.quarter_column"),
        ]
        for (i, (column, keyPath)) in reserved.enumerated() {
            if let first = reserved[..<i].first(where: { $0.0 == column }) {
                throw ConfigError.duplicateName(
                    ConfigLocation(file: root.file, keyPath: keyPath), name: column, role: "column",
                    firstKeyPath: first.1)
            }
        }
        let system = try IndicatorSystem(
            parsing: try map.required("indicator_system"),
            reservedColumns: reserved.map { (column: $0.0, keyPath: $0.1) })
        self.init(
            name: name,
            description: try map.optional("description")?.string() ?? "",
            indicatorSystem: system,
            label: label,
            split: split,
            model: try ModelParameters(parsing: map.optional("model"), system: system),
            grading: try GradingSpec(parsing: map.optional("grading"), system: system))
        weights = try WeightsSpec(parsing: map.optional("weights"))
        compare = try ComparisonGates(parsing: map.optional("compare"))
    }
}

extension ConfigError {
    /// A Yams parse error as a `ConfigError` with its line and column.
    static func yaml(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let text = context.map { "\($0.text) \(problem)" } ?? problem
            return .invalidYAML(file: file, line: mark.line, column: mark.column, problem: text)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .invalidYAML(
                file: file, line: context.mark.line, column: context.mark.column,
                problem: "key(s) \(duplicates.joined(separator: ", ")) given twice in one mapping")
        default:
            return .invalidYAML(file: file, line: nil, column: nil, problem: "\(error)")
        }
    }
}
