import Foundation

/// A folder of frozen models, `<root>/<name>/<version>/model.json`, with each name's aliases in
/// `<root>/<name>/aliases.json`. This type reads and resolves; RiskTraining's registry writer adds versions
/// and moves aliases, never changing a written version.
///
/// A model is named `name@version` or `name@alias` (`general@2026Q3`, `general@champion`), optionally with
/// the registry folder in front (`models/general@champion`), or by the path of its `model.json`.
public struct ModelRegistry: Sendable, Equatable {
    /// The registry folder.
    public var root: String

    /// A registry in `root`; `models` is the project's.
    public init(root: String = "models") { self.root = root }

    /// The file name of every version's model.
    public static let modelFile = "model.json"
    /// The file name of a model name's alias index.
    public static let aliasFile = "aliases.json"

    /// `<root>/<name>`.
    public func directory(of name: String) -> String { (root as NSString).appendingPathComponent(name) }

    /// `<root>/<name>/<version>/model.json`.
    public func modelPath(name: String, version: String) -> String {
        ((directory(of: name) as NSString).appendingPathComponent(version) as NSString)
            .appendingPathComponent(Self.modelFile)
    }

    /// `<root>/<name>/aliases.json`.
    public func aliasPath(of name: String) -> String {
        (directory(of: name) as NSString).appendingPathComponent(Self.aliasFile)
    }

    /// The model names, sorted.
    public func names() throws(ModelRegistryError) -> [String] {
        try subdirectories(of: root).filter { ModelIdentity.isValidName($0) }
    }

    /// The versions of `name`, sorted (folders holding a `model.json`; temporary folders start with `.`).
    public func versions(of name: String) throws(ModelRegistryError) -> [String] {
        try subdirectories(of: directory(of: name)).filter {
            ModelIdentity.isValidName($0) && FileManager.default.fileExists(atPath: modelPath(name: name, version: $0))
        }
    }

    /// The alias index of `name` (empty when it has none yet).
    public func aliasIndex(of name: String) throws(ModelRegistryError) -> AliasIndex {
        let path = aliasPath(of: name)
        guard FileManager.default.fileExists(atPath: path) else { return AliasIndex() }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .io(path: path, operation: "read the alias index", reason: error.localizedDescription)
        }
        return try AliasIndex.decode(data, file: path)
    }

    /// The version `name@selector` names: the version itself, or the one an alias points at.
    public func resolve(name: String, selector: String) throws(ModelRegistryError) -> String {
        guard ModelIdentity.isValidName(name) else { throw .invalidName(name, role: "model name") }
        guard ModelIdentity.isValidName(selector) else { throw .invalidName(selector, role: "version or alias") }
        guard FileManager.default.fileExists(atPath: directory(of: name)) else {
            throw .unknownModel(name: name, root: root, available: (try? names()) ?? [])
        }
        let versions = try versions(of: name)
        if versions.contains(selector) { return selector }
        let index = try aliasIndex(of: name)
        guard let version = index.aliases[selector] else {
            throw .unknownSelector(
                name: name, selector: selector, versions: versions, aliases: index.aliases.keys.sorted())
        }
        guard versions.contains(version) else { throw .danglingAlias(name: name, alias: selector, version: version) }
        return version
    }

    /// Where a model reference points: the `model.json` path, and the registry, name and version when it
    /// names a registered model.
    public struct Location: Sendable, Equatable {
        /// The `model.json` to load.
        public var path: String
        /// The registry, when the reference named one.
        public var registry: ModelRegistry?
        /// The model's name, when the reference named a registered model.
        public var name: String?
        /// The resolved version (an alias followed), when the reference named a registered model.
        public var version: String?
    }

    /// Resolves a reference as a scorer gets it: `[root/]name@version`, `[root/]name@alias` (registry
    /// `defaultRoot` when no folder is given), a `model.json` path, or a folder holding one.
    public static func locate(_ reference: String, defaultRoot: String = "models") throws(ModelRegistryError)
        -> Location
    {
        if let at = reference.lastIndex(of: "@") {
            let prefix = String(reference[..<at])
            let selector = String(reference[reference.index(after: at)...])
            let registry: ModelRegistry
            let name: String
            if let slash = prefix.lastIndex(of: "/") {
                registry = ModelRegistry(root: String(prefix[..<slash]).isEmpty ? "/" : String(prefix[..<slash]))
                name = String(prefix[prefix.index(after: slash)...])
            } else {
                registry = ModelRegistry(root: defaultRoot)
                name = prefix
            }
            guard !name.isEmpty, !selector.isEmpty else {
                throw .invalidReference(reference, problem: "a name and a version or alias are needed around \"@\"")
            }
            let version = try registry.resolve(name: name, selector: selector)
            return Location(
                path: registry.modelPath(name: name, version: version), registry: registry, name: name,
                version: version)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: reference, isDirectory: &isDirectory) else {
            throw .invalidReference(reference, problem: "no such file, and no \"@\" to name a registered model")
        }
        let path = isDirectory.boolValue ? (reference as NSString).appendingPathComponent(modelFile) : reference
        guard FileManager.default.fileExists(atPath: path) else {
            throw .invalidReference(reference, problem: "the folder holds no \(modelFile)")
        }
        return Location(path: path, registry: nil, name: nil, version: nil)
    }

    /// Resolves `reference` (as ``locate(_:defaultRoot:)``) and loads the model, checked as
    /// ``RiskModel/load(path:trustedKeys:)``; a registered model must carry the name and version it is filed
    /// under.
    public static func load(_ reference: String, defaultRoot: String = "models", trustedKeys: TrustedKeys? = nil)
        throws(ModelRegistryError) -> RiskModel
    {
        let location = try locate(reference, defaultRoot: defaultRoot)
        let model: RiskModel
        do {
            model = try RiskModel.load(path: location.path, trustedKeys: trustedKeys)
        } catch {
            throw .model(error)
        }
        if let name = location.name, let version = location.version,
            model.identity.name != name || model.identity.version != version
        {
            throw .model(
                ModelFormatError(
                    .invalidValue(
                        path: "identity", found: "\(model.identity.name)@\(model.identity.version)",
                        expected: "\(name)@\(version), the name and version it is registered under"),
                    file: location.path))
        }
        return model
    }

    private func subdirectories(of path: String) throws(ModelRegistryError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return []
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .io(path: path, operation: "list the folder", reason: error.localizedDescription)
        }
        return entries.filter { entry in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: (path as NSString).appendingPathComponent(entry), isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }
}
