/// Facts about this build of the toolkit that every model file and report records.
public enum Toolkit {
    /// The toolkit's version, written into every model and report it produces.
    public static let version = "0.1.0"
}
