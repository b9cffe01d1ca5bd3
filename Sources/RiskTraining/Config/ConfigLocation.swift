/// Where in an experiment config a value sits: the file, the key path and, when known, the line and column.
public struct ConfigLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The file the config was read from, or the name given to `ExperimentConfig.load(yaml:file:)`.
    public var file: String
    /// The key path from the document root, e.g. `indicator_system.dimensions[2].indicators[4].direction`;
    /// list indices count from 0. Empty for the document root.
    public var keyPath: String
    /// The 1-based line of the value in the file, when known.
    public var line: Int?
    /// The 1-based column of the value in the file, when known.
    public var column: Int?

    /// A location from its parts.
    public init(file: String, keyPath: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.column = column
    }

    /// `file:line:column: key.path`, leaving out what is unknown.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text + ": " + (keyPath.isEmpty ? "(document root)" : keyPath)
    }
}
