/// A frozen credit-risk model: everything a production scorer needs to turn an enterprise's indicators into
/// a probability, a 0-1000 score and a grade, with the records that say where it came from. Its file format
/// (format 1.1, JSON) is specified in the ModelFormat article.
///
/// ```
/// margin = body(features),  p = calibration(margin, link(margin)),  score = scale(p),  grade = rules(score, features)
/// ```
/// A model is a value: loading checks every field, the content digest, the signature when keys are
/// trusted, the body's invariants and the golden vectors, so a loaded model is one that scores as trained.
public struct RiskModel: Sendable, Equatable {
    /// The format version the model was read from (``FormatVersion/current`` for a model built in code; the
    /// writer writes ``writtenFormat``).
    public var format: FormatVersion
    /// Name, version, creation time, toolkit version and parent.
    public var identity: ModelIdentity
    /// The inputs, in the body's feature order.
    public var features: [ModelFeature]
    /// What computes the margin.
    public var body: ModelBody
    /// Margin to probability.
    public var link: Link
    /// Probability recalibration.
    public var calibration: Calibration
    /// Probability to the 0-1000 score.
    public var scoreScale: ScoreScale
    /// Score cut-offs and hard rules.
    public var grading: GradingRules
    /// Per indicator, weight by source (`expert`, `gain`, `shap`, …); may be empty.
    public var indicatorWeights: [String: [String: Double]]
    /// Training data digests, the config snapshot and validation figures.
    public var training: TrainingRecord
    /// Rows re-scored on every load.
    public var goldenVectors: [GoldenVector]
    /// The Ed25519 signature, if the model was signed.
    public var signature: ModelSignature?

    /// A model from its parts, in the current format.
    public init(
        identity: ModelIdentity, features: [ModelFeature], body: ModelBody, link: Link = .logistic,
        calibration: Calibration = .identity, scoreScale: ScoreScale = .probabilityPerMille,
        grading: GradingRules = GradingRules(), indicatorWeights: [String: [String: Double]] = [:],
        training: TrainingRecord = TrainingRecord(), goldenVectors: [GoldenVector] = [],
        signature: ModelSignature? = nil
    ) {
        self.format = .current
        self.identity = identity
        self.features = features
        self.body = body
        self.link = link
        self.calibration = calibration
        self.scoreScale = scoreScale
        self.grading = grading
        self.indicatorWeights = indicatorWeights
        self.training = training
        self.goldenVectors = goldenVectors
        self.signature = signature
    }

    /// Models are equal when their content is: every field but ``format``, the version a file was read from.
    public static func == (lhs: RiskModel, rhs: RiskModel) -> Bool {
        lhs.identity == rhs.identity && lhs.features == rhs.features && lhs.body == rhs.body && lhs.link == rhs.link
            && lhs.calibration == rhs.calibration && lhs.scoreScale == rhs.scoreScale && lhs.grading == rhs.grading
            && lhs.indicatorWeights == rhs.indicatorWeights && lhs.training == rhs.training
            && lhs.goldenVectors == rhs.goldenVectors && lhs.signature == rhs.signature
    }

    /// The margin of one row (one value per feature, NaN for missing).
    public func margin(_ row: [Float]) -> Double { body.margin(row) }

    /// The probability of a margin: the link, then the calibration.
    @inline(__always)
    public func probability(margin: Double) -> Double {
        calibration.probability(margin: margin, linked: link.probability(margin: margin))
    }

    /// The index of the feature named `name`, if any.
    public func featureIndex(named name: String) -> Int? { features.firstIndex { $0.name == name } }

    /// Golden vectors for `rows` (one value per feature each), with the outputs this model computes now.
    public func goldenVectors(for rows: [[Float]]) -> [GoldenVector] {
        rows.map { row in
            let margin = body.margin(row)
            return GoldenVector(inputs: row, margin: margin, probability: probability(margin: margin))
        }
    }
}
