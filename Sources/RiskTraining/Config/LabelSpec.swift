/// Where the training label (an inspection hit) comes from and which inspections may train.
///
/// Validation always uses random inspections only, whatever this says: their discovery rate per grade is the
/// unbiased measure of a grading.
public struct LabelSpec: Equatable, Sendable {
    /// The column holding the label: 1 when the inspection found a problem, 0 when not. Default: `hit`.
    public var column: String
    /// The column holding each inspection's ``InspectionKind`` raw name. Default: `inspection_kind`.
    public var kindColumn: String
    /// The inspection kinds whose rows train, without repeats; at least one. Default: `[random, targeted]`.
    public var trainingKinds: [InspectionKind]
    /// Sample weight of targeted-inspection rows in training, in `[0, 1]` (random rows weigh 1). Default: `1.0`.
    /// Only meaningful when ``trainingKinds`` contains `targeted`.
    public var targetedWeight: Double

    /// A label specification; the defaults are the documented ones.
    public init(
        column: String = "hit", kindColumn: String = "inspection_kind",
        trainingKinds: [InspectionKind] = [.random, .targeted], targetedWeight: Double = 1.0
    ) {
        self.column = column
        self.kindColumn = kindColumn
        self.trainingKinds = trainingKinds
        self.targetedWeight = targetedWeight
    }

    /// The keys the `label` mapping may hold.
    static let keys = ["column", "kind_column", "training_kinds", "targeted_weight"]
    /// Valid range of ``targetedWeight``.
    static let targetedWeightRange = ValidRange.closed(0, 1)

    /// Reads and validates the `label` section; an absent section takes every default.
    init(parsing node: ConfigNode?) throws {
        guard let node else {
            self.init()
            return
        }
        let map = try node.mapping(keys: LabelSpec.keys)
        var kinds = LabelSpec().trainingKinds
        if let kindsNode = map.optional("training_kinds") {
            let kindNodes = try kindsNode.sequence()
            guard !kindNodes.isEmpty else { throw ConfigError.emptyList(kindsNode.location) }
            kinds = []
            for kindNode in kindNodes {
                let kind = try kindNode.value(InspectionKind.self)
                guard !kinds.contains(kind) else {
                    throw ConfigError.inconsistent(
                        kindNode.location, problem: "\"\(kind.rawValue)\" is listed twice", fix: "list each kind once")
                }
                kinds.append(kind)
            }
        }
        let weightNode = map.optional("targeted_weight")
        if let weightNode, !kinds.contains(.targeted) {
            throw ConfigError.inconsistent(
                weightNode.location, problem: "targeted_weight is set but targeted inspections do not train",
                fix: "add targeted to label.training_kinds or remove targeted_weight")
        }
        self.init(
            column: try map.optional("column")?.nonEmptyString() ?? "hit",
            kindColumn: try map.optional("kind_column")?.nonEmptyString() ?? "inspection_kind",
            trainingKinds: kinds,
            targetedWeight: try weightNode?.double(in: LabelSpec.targetedWeightRange) ?? 1.0)
    }
}
