import RiskScoring

/// How well a model's grades separate risk on inspections: discovery rates per grade with intervals, the
/// discrimination and calibration figures, breakdowns by group and the inspection-efficiency simulation.
///
/// Random inspections are the unbiased measure and everything is computed on them; targeted inspections, drawn
/// because an enterprise looked risky, are reported apart (their discovery rates per grade) and never mixed in.
/// ```
/// rate_g = hits_g / inspections_g     (Wilson and Clopper-Pearson intervals)
/// lift_g = rate_g / rate_all
/// grade g+1 beats g: Newcombe's interval of rate_{g+1} − rate_g lies above 0
/// ```
public struct ModelValidation: Codable, Sendable, Equatable {
    /// One grade's inspections and discovery rate.
    public struct GradeRow: Codable, Sendable, Equatable {
        public var grade: Grade
        /// Enterprise rows graded so (labelled or not).
        public var enterprises: Int
        public var inspections: Int
        public var hits: Int
        /// `hits / inspections`, 0 without inspections.
        public var discoveryRate: Double
        /// 95% intervals of the rate; nil without inspections.
        public var wilson: ConfidenceInterval?
        public var clopperPearson: ConfidenceInterval?
        /// The rate over the population's overall rate.
        public var lift: Double
    }

    /// The comparison of two adjacent grades' discovery rates.
    public struct Step: Codable, Sendable, Equatable {
        public var lower: Grade
        public var upper: Grade
        /// `rate(upper) − rate(lower)` with Newcombe's 95% interval; nil when either grade has no inspections.
        public var difference: ProportionDifference?
        /// The upper grade's rate is higher.
        public var rises: Bool
        /// The interval of the difference lies above 0.
        public var significant: Bool
    }

    /// Discovery by grade within one population of inspections.
    public struct Discovery: Codable, Sendable, Equatable {
        public var inspections: Int
        public var hits: Int
        public var discoveryRate: Double
        public var grades: [GradeRow]
        public var steps: [Step]
        /// Rates rise strictly from A to D (every grade inspected).
        public var monotone: Bool
        /// D's rate over A's (0 when A has none).
        public var dOverA: Double
    }

    /// Discovery by grade within one group (a region, an industry).
    public struct Group: Codable, Sendable, Equatable {
        /// The group's value.
        public var value: String
        public var discovery: Discovery
        /// Adjacent pairs (`"B>C"`) whose rate falls, both inspected: within noise or not.
        public var falls: [String]
        /// Where the order breaks: the falls whose Newcombe 95% interval lies below 0.
        public var breaks: [String]
    }

    /// The breakdown of random inspections by one column.
    public struct Breakdown: Codable, Sendable, Equatable {
        /// The column.
        public var column: String
        public var groups: [Group]
    }

    /// Discrimination and calibration on random inspections.
    public struct Figures: Codable, Sendable, Equatable {
        /// AUC of the score with DeLong's 95% interval.
        public var auc: AUCEstimate
        public var gini: Double
        public var kolmogorovSmirnov: Discrimination.KolmogorovSmirnov
        public var brier: Double
        public var logLoss: Double
        public var calibration: CalibrationTable
        public var gains: GainsTable
        /// The ROC curve of the score, at most ``ModelValidation/rocPointLimit`` points.
        public var roc: [ROCPoint]
    }

    /// The model validated.
    public var model: String
    /// The data and the quarters validated.
    public var data: String
    public var quarters: [String]
    /// Rows of those quarters, graded; excluded by a hard rule; rows the model could not read.
    public var rows: Int
    public var excluded: Int
    public var rejected: Int
    /// Random inspections: discovery by grade and the figures.
    public var random: Discovery
    public var figures: Figures?
    /// Targeted inspections, apart.
    public var targeted: Discovery
    /// Random inspections by group.
    public var breakdowns: [Breakdown]
    /// The sampling ratio per grade (A-D) the efficiency simulation assumes.
    public var sampling: [Double]
    /// The inspection-efficiency simulation at those ratios; nil when a grade lacks inspections.
    public var efficiency: InspectionEfficiency?
    /// Why the simulation is missing, when it is.
    public var efficiencyNote: String?
    /// The config's expert weights beside the model's learned ones, per indicator and dimension; nil when unknown.
    public var weights: WeightComparison?
    /// Why the weights are missing, when they are.
    public var weightsNote: String?
}

/// One scored row of the validated population.
public struct ValidationRow: Sendable {
    public var probability: Double
    public var score: Double
    /// nil when a hard rule excluded the enterprise.
    public var grade: Grade?
    /// The inspection's outcome (1 hit, 0 none), nil for an uninspected row.
    public var label: Double?
    public var kind: InspectionKind?
    /// The row's value of each breakdown column.
    public var groups: [String]

    public init(
        probability: Double, score: Double, grade: Grade?, label: Double?, kind: InspectionKind?, groups: [String]
    ) {
        self.probability = probability
        self.score = score
        self.grade = grade
        self.label = label
        self.kind = kind
        self.groups = groups
    }
}

extension ModelValidation {
    /// Sampling ratios per grade of DOMAIN.md's example programme: A 1%, B 2%, C 10%, D 30%.
    public static let defaultSampling: [Grade: Double] = [.a: 0.01, .b: 0.02, .c: 0.10, .d: 0.30]

    /// Validates scored rows.
    ///
    /// - Parameters:
    ///   - groupColumns: the names of `ValidationRow.groups`' entries, in order.
    ///   - sampling: per grade, the share of enterprises the stratified programme inspects.
    ///   - rejected: rows the model could not read (counted, not validated).
    /// - Throws: `StatisticsError` when the random inspections hold a single class.
    public init(
        model: String, data: String, quarters: [String], rows: [ValidationRow], groupColumns: [String],
        sampling: [Grade: Double] = defaultSampling, rejected: Int = 0
    ) throws {
        self.model = model
        self.data = data
        self.quarters = quarters
        self.rows = rows.count
        self.excluded = rows.filter { $0.grade == nil }.count
        self.rejected = rejected
        var enterprises = [Int](repeating: 0, count: Grade.allCases.count)
        for row in rows { if let grade = row.grade { enterprises[grade.rank] += 1 } }
        let random = rows.filter { $0.kind == .random && $0.label != nil && $0.grade != nil }
        let targeted = rows.filter { $0.kind == .targeted && $0.label != nil && $0.grade != nil }
        self.random = Self.discovery(random, enterprises: enterprises)
        self.targeted = Self.discovery(targeted, enterprises: enterprises)

        let labels = random.map { $0.label ?? 0 }
        if Set(labels).count == 2 {
            let scores = random.map(\.score), probabilities = random.map(\.probability)
            figures = Figures(
                auc: try AUCEstimate.delong(scores: scores, labels: labels),
                gini: try Discrimination.gini(scores: scores, labels: labels),
                kolmogorovSmirnov: try Discrimination.kolmogorovSmirnov(scores: scores, labels: labels),
                brier: try Discrimination.brier(probabilities: probabilities, labels: labels),
                logLoss: try Discrimination.logLoss(probabilities: probabilities, labels: labels),
                calibration: try CalibrationTable(probabilities: probabilities, labels: labels),
                gains: try GainsTable(scores: scores, labels: labels),
                roc: Self.rocCurve(scores: scores, labels: labels))
        } else {
            figures = nil
        }

        breakdowns = groupColumns.enumerated().map { index, column in
            var byValue: [String: [ValidationRow]] = [:]
            for row in random { byValue[row.groups[index], default: []].append(row) }
            let groups = byValue.keys.sorted().map { value -> Group in
                let members = byValue[value] ?? []
                var counts = [Int](repeating: 0, count: Grade.allCases.count)
                for row in rows where row.groups[index] == value { if let g = row.grade { counts[g.rank] += 1 } }
                let discovery = Self.discovery(members, enterprises: counts)
                let falling = discovery.steps.filter { step in
                    !step.rises && discovery.grades[step.lower.rank].inspections > 0
                        && discovery.grades[step.upper.rank].inspections > 0
                }
                let name = { (step: Step) in "\(step.lower.rawValue)>\(step.upper.rawValue)" }
                return Group(
                    value: value, discovery: discovery, falls: falling.map(name),
                    breaks: falling.filter { ($0.difference?.interval.upper ?? 0) < 0 }.map(name))
            }
            return Breakdown(column: column, groups: groups)
        }

        self.sampling = Grade.allCases.map { sampling[$0] ?? 0 }
        let strata = Grade.allCases.map { grade in
            InspectionEfficiency.Stratum(
                grade: grade, enterprises: Double(enterprises[grade.rank]), samplingRatio: sampling[grade] ?? 0,
                inspections: Double(self.random.grades[grade.rank].inspections),
                hits: Double(self.random.grades[grade.rank].hits))
        }
        do {
            efficiency = try InspectionEfficiency(strata: strata)
            efficiencyNote = nil
        } catch {
            efficiency = nil
            efficiencyNote = "\(error)"
        }
    }

    /// Discovery by grade of `rows` (all inspected and graded), with `enterprises` rows per grade.
    static func discovery(_ rows: [ValidationRow], enterprises: [Int]) -> Discovery {
        var inspections = [Int](repeating: 0, count: Grade.allCases.count), hits = inspections
        for row in rows {
            guard let grade = row.grade else { continue }
            inspections[grade.rank] += 1
            hits[grade.rank] += (row.label ?? 0) > 0.5 ? 1 : 0
        }
        let total = inspections.reduce(0, +), totalHits = hits.reduce(0, +)
        let overall = total > 0 ? Double(totalHits) / Double(total) : 0
        let grades = Grade.allCases.map { grade -> GradeRow in
            let n = inspections[grade.rank], k = hits[grade.rank]
            let rate = n > 0 ? Double(k) / Double(n) : 0
            return GradeRow(
                grade: grade, enterprises: enterprises[grade.rank], inspections: n, hits: k, discoveryRate: rate,
                wilson: n > 0 ? try? BinomialInterval.wilson(successes: Double(k), trials: Double(n)) : nil,
                clopperPearson: n > 0
                    ? try? BinomialInterval.clopperPearson(successes: Double(k), trials: Double(n)) : nil,
                lift: overall > 0 ? rate / overall : 0)
        }
        let steps = zip(grades, grades.dropFirst()).map { lower, upper -> Step in
            let difference =
                lower.inspections > 0 && upper.inspections > 0
                ? try? ProportionDifference.newcombe(
                    successes1: Double(upper.hits), trials1: Double(upper.inspections),
                    successes2: Double(lower.hits), trials2: Double(lower.inspections)) : nil
            return Step(
                lower: lower.grade, upper: upper.grade, difference: difference,
                rises: upper.discoveryRate > lower.discoveryRate,
                significant: (difference?.interval.lower ?? 0) > 0)
        }
        return Discovery(
            inspections: total, hits: totalHits, discoveryRate: overall, grades: grades, steps: steps,
            monotone: grades.allSatisfy { $0.inspections > 0 } && steps.allSatisfy(\.rises),
            dOverA: grades[0].discoveryRate > 0 ? grades[3].discoveryRate / grades[0].discoveryRate : 0)
    }
}
