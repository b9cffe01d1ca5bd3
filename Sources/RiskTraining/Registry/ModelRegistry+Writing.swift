import Foundation
import RiskScoring

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ModelRegistry {
    /// Registers `model` as `<root>/<name>/<version>/model.json`, name and version from its identity.
    ///
    /// The model is encoded and decoded again first (so nothing unloadable is filed), written into a temporary
    /// folder, synced, and renamed into place; a version that exists is never touched.
    ///
    /// - Returns: The path of the registered `model.json`.
    /// - Throws: `ModelRegistryError.versionExists` when the version is registered (the existing files are left
    ///   as they are), `.nameClash` when an alias has the version's name, `.model` when the model would not
    ///   load, `.io` for file system failures.
    @discardableResult
    public func add(_ model: RiskModel) throws(ModelRegistryError) -> String {
        let name = model.identity.name
        let version = model.identity.version
        guard ModelIdentity.isValidName(name) else { throw .invalidName(name, role: "model name") }
        guard ModelIdentity.isValidName(version) else { throw .invalidName(version, role: "version") }
        let finalDirectory = (directory(of: name) as NSString).appendingPathComponent(version)
        guard !FileManager.default.fileExists(atPath: finalDirectory) else {
            throw .versionExists(name: name, version: version, path: finalDirectory)
        }
        if try aliasIndex(of: name).aliases[version] != nil {
            throw .nameClash(name: name, text: version, problem: "is already an alias, so it cannot name a version")
        }
        let bytes: [UInt8]
        do {
            bytes = try model.canonicalBytes()
            _ = try RiskModel.decode(Data(bytes), file: "\(name)@\(version)")
        } catch {
            throw .model(error)
        }
        try createDirectory(root)
        try createDirectory(directory(of: name))
        let temporary = AtomicFile.temporaryPath(beside: finalDirectory)
        guard mkdir(temporary, 0o755) == 0 else {
            throw .io(path: temporary, operation: "create the folder", reason: AtomicFile.systemError())
        }
        let temporaryModel = (temporary as NSString).appendingPathComponent(Self.modelFile)
        do {
            try AtomicFile.writeSynced(bytes, to: temporaryModel)
            try AtomicFile.syncDirectory(temporary)
        } catch {
            removeTemporary(temporary)
            throw error
        }
        // rename(2) refuses a non-empty target folder, so a version registered meanwhile stays intact.
        guard rename(temporary, finalDirectory) == 0 else {
            let code = errno
            let reason = AtomicFile.systemError()
            removeTemporary(temporary)
            if code == EEXIST || code == ENOTEMPTY {
                throw .versionExists(name: name, version: version, path: finalDirectory)
            }
            throw .io(path: finalDirectory, operation: "rename \(temporary) onto it", reason: reason)
        }
        try AtomicFile.syncDirectory(directory(of: name))
        return modelPath(name: name, version: version)
    }

    /// Points `alias` of `name` at `version` (which must be registered), recording the promotion; the alias
    /// index is rewritten atomically.
    ///
    /// - Parameter at: The time recorded, ISO 8601 in UTC.
    /// - Returns: The version the alias pointed at before, if any.
    @discardableResult
    public func promote(name: String, version: String, to alias: String, at: String) throws(ModelRegistryError)
        -> String?
    {
        guard ModelIdentity.isValidName(alias) else { throw .invalidName(alias, role: "alias") }
        let versions = try versions(of: name)
        guard versions.contains(version) else {
            if !FileManager.default.fileExists(atPath: directory(of: name)) {
                throw .unknownModel(name: name, root: root, available: try names())
            }
            let index = try aliasIndex(of: name)
            throw .unknownSelector(
                name: name, selector: version, versions: versions, aliases: index.aliases.keys.sorted())
        }
        guard !versions.contains(alias) else {
            throw .nameClash(name: name, text: alias, problem: "is a version, so it cannot be an alias")
        }
        var index = try aliasIndex(of: name)
        let previous = index.aliases[alias]
        index.aliases[alias] = version
        index.history.append(AliasIndex.Promotion(alias: alias, version: version, at: at))
        try AtomicFile.write(index.encoded(), to: aliasPath(of: name))
        return previous
    }

    private func createDirectory(_ path: String) throws(ModelRegistryError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(path: path, operation: "create the folder", reason: error.localizedDescription)
        }
    }

    private func removeTemporary(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
}
