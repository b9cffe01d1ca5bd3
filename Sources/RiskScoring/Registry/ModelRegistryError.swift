/// Why a model cannot be found in, read from or written to a registry; each case names the registry path and
/// says how to fix it.
public enum ModelRegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model reference that is neither `name@version`, `name@alias`, `root/name@…` nor a model file.
    case invalidReference(String, problem: String)
    /// A model or version name with characters a registry does not allow.
    case invalidName(String, role: String)
    /// No model of this name in the registry.
    case unknownModel(name: String, root: String, available: [String])
    /// The name has no version or alias called `selector`.
    case unknownSelector(name: String, selector: String, versions: [String], aliases: [String])
    /// An alias points at a version that does not exist.
    case danglingAlias(name: String, alias: String, version: String)
    /// The alias index cannot be read.
    case invalidIndex(file: String, problem: String)
    /// The version exists: registered versions never change.
    case versionExists(name: String, version: String, path: String)
    /// An alias would shadow a version of the same name, or a version an alias.
    case nameClash(name: String, text: String, problem: String)
    /// A signed model would be filed under another identity, which voids its signature.
    case signatureVoided(signedAs: String, registeringAs: String)
    /// A file system operation failed.
    case io(path: String, operation: String, reason: String)
    /// The model file itself is refused.
    case model(ModelFormatError)

    public var description: String {
        switch self {
        case .invalidReference(let text, let problem):
            return "\"\(text)\": \(problem); name a model as NAME@VERSION or NAME@ALIAS (e.g. general@champion, "
                + "models/general@2026Q3) or give the path of a model.json"
        case .invalidName(let text, let role):
            return "\"\(text)\" cannot be a \(role): use 1-100 letters, digits, \"_\", \"-\" or \".\", not "
                + "starting with \".\""
        case .unknownModel(let name, let root, let available):
            let list = available.isEmpty ? "it holds no models" : "it holds " + available.joined(separator: ", ")
            return "\(root): no model named \"\(name)\" (\(list)); register one with `riskgrade models add`"
        case .unknownSelector(let name, let selector, let versions, let aliases):
            return "\(name): no version or alias \"\(selector)\" (versions: "
                + (versions.isEmpty ? "none" : versions.joined(separator: ", ")) + "; aliases: "
                + (aliases.isEmpty ? "none" : aliases.joined(separator: ", "))
                + "); list them with `riskgrade models list`"
        case .danglingAlias(let name, let alias, let version):
            return "\(name)@\(alias) points at version \(version), which is not in the registry; promote an "
                + "existing version with `riskgrade models promote`"
        case .invalidIndex(let file, let problem):
            return "\(file): \(problem); restore the alias index from a backup or promote the versions again"
        case .versionExists(let name, let version, let path):
            return "\(name)@\(version) is already registered at \(path), and a registered version never changes; "
                + "register the new model under another version"
        case .nameClash(let name, let text, let problem):
            return "\(name): \"\(text)\" \(problem); choose another name"
        case .signatureVoided(let signedAs, let registeringAs):
            return "the model was signed as \(signedAs); registering it as \(registeringAs) changes what the "
                + "signature covers and voids it; pass --key to sign it again, or register it unchanged"
        case .io(let path, let operation, let reason):
            return "\(path): cannot \(operation): \(reason); check the path, free space and permissions"
        case .model(let error):
            return error.description
        }
    }
}
