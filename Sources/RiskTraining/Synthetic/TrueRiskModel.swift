import Foundation

/// The hidden ground truth of the synthetic province: the probability that an inspection of an enterprise in
/// the quarter after a snapshot finds a problem.
///
/// ```
/// logit p = β₀ + s·(Σ_k f_k(x_k) + Σ_j g_j(x_a, x_b) + frailty + w·distress + ε),   ε ~ N(0, 0.25²)
/// ```
/// The scale `s` sets the spread of true risk so grades by true risk land in realistic discovery-rate bands.
/// `f_k` are the per-indicator effects below (some non-linear: thresholds, logarithms, saturation), `g_j`
/// three interactions, `frailty` a persistent enterprise effect independent of everything visible, and
/// `distress` the hidden process that drives the visible events. Its weight `w` is 0: distress reaches the risk
/// only through the events it drives, each with a term of its own. A hidden part that visible indicators proxy
/// would hand its share to whichever indicator proxies it best, and no learner could recover the true
/// importances; the frailty and the noise stay hidden, but nothing visible proxies them beyond a past hit's
/// hint of the frailty, and they are small beside the visible terms.
///
/// Indicators with no effect (`branch_count`, `licences`, `inspections_3y`) are there on purpose: a learner
/// should give them little weight. Two indicators are functions of others and have no term of their own (`large_fine_3y` is `[max_fine_3y ≥ 50000]`, `complaint_surge` a
/// function of the complaint counts): everything they say their parents say too, so no learner could tell
/// their share of an effect from their parents'.
///
/// The terms are a closed set, ``Effect``, evaluated by a `switch`: the generator evaluates all of them for
/// every enterprise-quarter, and a `switch` costs no reference counting where an array of closures did.
struct TrueRiskModel: Sendable {
    /// One additive term of the logit.
    struct Term: Sendable {
        /// The indicators the term reads; an interaction reads two.
        let indicators: [SyntheticIndicator]
        /// The term's formula, for `ground_truth.json`.
        let formula: String
        /// The term's value given all indicator values (indexed by `SyntheticIndicator.rawValue`).
        let value: @Sendable ([Double]) -> Double
        /// Which term it is.
        let effect: Effect
    }

    /// The terms of the logit, in `ground_truth.json` order: one main effect per indicator that has one,
    /// then three interactions.
    enum Effect: Int, CaseIterable, Sendable {
        case yearsEstablished, registeredCapital, paidInRatio, employees, enterpriseType, region, industry
        case legalRepChanges12m, addressChanges12m, scopeChanges12m, capitalChanges24m, shareholderChanges12m
        case annualReportLate, annualReportMissing, zeroFinancials, revenueGrowth
        case abnormalListNow, abnormalList3y, seriousDishonesty, courtDefaulter, penalties1y, penalties3y, maxFine3y
        case expiredLicences, inspectionHits3y
        case addressEnterprises, addressAbnormal, personEnterprises, linkedAbnormal, linkedPenalised, linkedHits
        case linkedDishonest
        case complaints3m, complaints12m, negativeNews12m, qualityFailures12m, awards, certifications
        /// Interactions.
        case hubAddressMoved, abnormalZeroFinancials, establishedPenalised

        /// The indicators the term reads.
        var indicators: [SyntheticIndicator] {
            switch self {
            case .hubAddressMoved: [.addressEnterprises, .addressChanges12m]
            case .abnormalZeroFinancials: [.abnormalListNow, .zeroFinancials]
            case .establishedPenalised: [.yearsEstablished, .penalties1y]
            default: [mainIndicator]
            }
        }

        /// The indicator of a main effect (for an interaction, its first indicator).
        var mainIndicator: SyntheticIndicator {
            switch self {
            case .yearsEstablished: return .yearsEstablished
            case .registeredCapital: return .registeredCapital
            case .paidInRatio: return .paidInRatio
            case .employees: return .employees
            case .enterpriseType: return .enterpriseType
            case .region: return .region
            case .industry: return .industry
            case .legalRepChanges12m: return .legalRepChanges12m
            case .addressChanges12m: return .addressChanges12m
            case .scopeChanges12m: return .scopeChanges12m
            case .capitalChanges24m: return .capitalChanges24m
            case .shareholderChanges12m: return .shareholderChanges12m
            case .annualReportLate: return .annualReportLate
            case .annualReportMissing: return .annualReportMissing
            case .zeroFinancials: return .zeroFinancials
            case .revenueGrowth: return .revenueGrowth
            case .abnormalListNow: return .abnormalListNow
            case .abnormalList3y: return .abnormalList3y
            case .seriousDishonesty: return .seriousDishonesty
            case .courtDefaulter: return .courtDefaulter
            case .penalties1y: return .penalties1y
            case .penalties3y: return .penalties3y
            case .maxFine3y: return .maxFine3y
            case .expiredLicences: return .expiredLicences
            case .inspectionHits3y: return .inspectionHits3y
            case .addressEnterprises: return .addressEnterprises
            case .addressAbnormal: return .addressAbnormal
            case .personEnterprises: return .personEnterprises
            case .linkedAbnormal: return .linkedAbnormal
            case .linkedPenalised: return .linkedPenalised
            case .linkedHits: return .linkedHits
            case .linkedDishonest: return .linkedDishonest
            case .complaints3m: return .complaints3m
            case .complaints12m: return .complaints12m
            case .negativeNews12m: return .negativeNews12m
            case .qualityFailures12m: return .qualityFailures12m
            case .awards: return .awards
            case .certifications: return .certifications
            case .hubAddressMoved: return .addressEnterprises
            case .abnormalZeroFinancials: return .abnormalListNow
            case .establishedPenalised: return .yearsEstablished
            }
        }

        /// The term's formula of the indicator value `x`, for `ground_truth.json`.
        var formula: String {
            switch self {
            case .yearsEstablished: "0.9·exp(−x/2.5) − 0.1"
            case .registeredCapital: "−0.18·log10(1 + x)"
            case .paidInRatio: "missing: 0.15; else −0.4·x"
            case .employees: "missing: 0.2; 0: 0.35; else −0.08·ln(1 + x)"
            case .enterpriseType: "per type (see catalogue)"
            case .region: "per region (see catalogue)"
            case .industry: "per industry section (see catalogue)"
            case .legalRepChanges12m: "0.35·min(x, 3)"
            case .addressChanges12m: "0.30·min(x, 3)"
            case .scopeChanges12m: "0.08·min(x, 3)"
            case .capitalChanges24m: "0.12·min(x, 3)"
            case .shareholderChanges12m: "0.15·min(x, 3)"
            case .annualReportLate: "0.35·x"
            case .annualReportMissing: "0.8·x"
            case .zeroFinancials: "0.5·x"
            case .revenueGrowth: "missing: 0.1; else −0.5·clamp(x, −1, 1)"
            case .abnormalListNow: "0.8·x"
            case .abnormalList3y: "0.2·min(x, 3)"
            case .seriousDishonesty: "2.0·x"
            case .courtDefaulter: "1.4·x"
            case .penalties1y: "0.4·min(x, 3)"
            case .penalties3y: "0.1·min(x, 5)"
            case .maxFine3y: "0.12·log10(1 + x/1000)"
            case .expiredLicences: "0.3·min(x, 3)"
            case .inspectionHits3y: "0.3·min(x, 3)"
            case .addressEnterprises: "0.7·[x ≥ 10] + 0.08·log2(x)"
            case .addressAbnormal: "0.1·min(x, 5)"
            case .personEnterprises: "0.12·log2(x)"
            case .linkedAbnormal: "0.12·min(x, 5)"
            case .linkedPenalised: "0.1·min(x, 5)"
            case .linkedHits: "0.2·min(x, 3)"
            case .linkedDishonest: "0.3·min(x, 2)"
            case .complaints3m: "0.25·min(x, 4)"
            case .complaints12m: "0.04·min(x, 10)"
            case .negativeNews12m: "0.3·min(x, 3)"
            case .qualityFailures12m: "0.35·min(x, 3)"
            case .awards: "−0.2·min(x, 3)"
            case .certifications: "−0.15·min(x, 3)"
            case .hubAddressMoved: "0.5·[address_enterprises ≥ 10]·[address_changes_12m > 0]"
            case .abnormalZeroFinancials: "0.6·abnormal_list_now·zero_financials"
            case .establishedPenalised: "−0.25·[years_established ≥ 10]·[penalties_1y > 0]"
            }
        }

        /// The term's value; `v(indicator)` reads an indicator's value.
        @inline(__always)
        func value(_ v: (SyntheticIndicator) -> Double) -> Double {
            switch self {
            case .yearsEstablished: return 0.9 * exp(-v(.yearsEstablished) / 2.5) - 0.1
            case .registeredCapital: return -0.18 * log10(1 + max(0, v(.registeredCapital)))
            case .paidInRatio:
                let x = v(.paidInRatio)
                return x.isNaN ? 0.15 : -0.4 * x
            case .employees:
                let x = v(.employees)
                return x.isNaN ? 0.2 : (x == 0 ? 0.35 : -0.08 * log(1 + x))
            case .enterpriseType: return ProvinceCatalog.Effects.types[Int(v(.enterpriseType))]
            case .region: return ProvinceCatalog.Effects.regions[Int(v(.region))]
            case .industry: return ProvinceCatalog.Effects.industries[Int(v(.industry))]
            case .legalRepChanges12m: return 0.35 * min(v(.legalRepChanges12m), 3)
            case .addressChanges12m: return 0.30 * min(v(.addressChanges12m), 3)
            case .scopeChanges12m: return 0.08 * min(v(.scopeChanges12m), 3)
            case .capitalChanges24m: return 0.12 * min(v(.capitalChanges24m), 3)
            case .shareholderChanges12m: return 0.15 * min(v(.shareholderChanges12m), 3)
            case .annualReportLate: return 0.35 * v(.annualReportLate)
            case .annualReportMissing: return 0.8 * v(.annualReportMissing)
            case .zeroFinancials: return 0.5 * v(.zeroFinancials)
            case .revenueGrowth:
                let x = v(.revenueGrowth)
                return x.isNaN ? 0.1 : -0.5 * min(1, max(-1, x))
            case .abnormalListNow: return 0.8 * v(.abnormalListNow)
            case .abnormalList3y: return 0.2 * min(v(.abnormalList3y), 3)
            case .seriousDishonesty: return 2.0 * v(.seriousDishonesty)
            case .courtDefaulter: return 1.4 * v(.courtDefaulter)
            case .penalties1y: return 0.4 * min(v(.penalties1y), 3)
            case .penalties3y: return 0.1 * min(v(.penalties3y), 5)
            case .maxFine3y: return 0.12 * log10(1 + max(0, v(.maxFine3y)) / 1000)
            case .expiredLicences: return 0.3 * min(v(.expiredLicences), 3)
            case .inspectionHits3y: return 0.3 * min(v(.inspectionHits3y), 3)
            case .addressEnterprises:
                let x = v(.addressEnterprises)
                return (x >= 10 ? 0.7 : 0) + 0.08 * log2(max(1, x))
            case .addressAbnormal: return 0.1 * min(v(.addressAbnormal), 5)
            case .personEnterprises: return 0.12 * log2(max(1, v(.personEnterprises)))
            case .linkedAbnormal: return 0.12 * min(v(.linkedAbnormal), 5)
            case .linkedPenalised: return 0.1 * min(v(.linkedPenalised), 5)
            case .linkedHits: return 0.2 * min(v(.linkedHits), 3)
            case .linkedDishonest: return 0.3 * min(v(.linkedDishonest), 2)
            case .complaints3m: return 0.25 * min(v(.complaints3m), 4)
            case .complaints12m: return 0.04 * min(v(.complaints12m), 10)
            case .negativeNews12m: return 0.3 * min(v(.negativeNews12m), 3)
            case .qualityFailures12m: return 0.35 * min(v(.qualityFailures12m), 3)
            case .awards: return -0.2 * min(v(.awards), 3)
            case .certifications: return -0.15 * min(v(.certifications), 3)
            case .hubAddressMoved, .abnormalZeroFinancials, .establishedPenalised:
                guard let (coefficient, a, b) = interaction(v) else { return 0 }
                return a && b ? coefficient : 0
            }
        }

        /// An interaction's form `c·[A]·[B]`: its coefficient `c` and whether each of its two conditions holds
        /// (in `indicators` order); nil for a main effect.
        @inline(__always)
        func interaction(_ v: (SyntheticIndicator) -> Double) -> (coefficient: Double, a: Bool, b: Bool)? {
            switch self {
            case .hubAddressMoved: (0.5, v(.addressEnterprises) >= 10, v(.addressChanges12m) > 0)
            case .abnormalZeroFinancials: (0.6, v(.abnormalListNow) > 0, v(.zeroFinancials) > 0)
            case .establishedPenalised: (-0.25, v(.yearsEstablished) >= 10, v(.penalties1y) > 0)
            default: nil
            }
        }

        /// The interactions, in term order.
        static let interactions = allCases.filter { $0.indicators.count == 2 }
    }

    /// The intercept β₀, set so the overall discovery rate on random inspections is about 9%.
    static let intercept = -2.7
    /// The scale `s` of everything but the intercept.
    static let scale = 0.85
    /// Weight of the hidden distress process in the logit: none (see the type's documentation).
    static let distressWeight = 0.0
    /// Standard deviation of the per-enterprise frailty.
    static let frailtyDeviation = 0.35
    /// Standard deviation of the per-enterprise-quarter noise ε.
    static let noiseDeviation = 0.25

    let terms: [Term]

    /// The true logit from the observable sum of terms and the hidden parts.
    @inline(__always)
    static func logit(observable: Double, frailty: Double, distress: Double, noise: Double) -> Double {
        intercept + scale * (observable + frailty + distressWeight * distress + noiseDeviation * noise)
    }

    init() {
        terms = Effect.allCases.map { effect in
            Term(
                indicators: effect.indicators, formula: effect.formula,
                value: { values in effect.value { values[$0.rawValue] } }, effect: effect)
        }
    }

    /// Writes each term's value into `contributions` and returns their sum, the observable part of the logit
    /// before scaling.
    @inline(__always)
    func observableLogit(_ values: [Double], contributions: inout [Double]) -> Double {
        values.withUnsafeBufferPointer { x in
            contributions.withUnsafeMutableBufferPointer { c in Self.observableLogit(x, contributions: c) }
        }
    }

    /// ``observableLogit(_:contributions:)`` on buffers: `values` indexed by `SyntheticIndicator.rawValue`,
    /// `contributions` by `Effect.rawValue`.
    @inline(__always)
    static func observableLogit(
        _ values: UnsafeBufferPointer<Double>, contributions: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        precondition(values.count >= SyntheticIndicator.count && contributions.count >= Effect.count)
        var sum = 0.0
        for t in 0..<Effect.count {
            // Effect's raw values are 0..<count, so the conversion always succeeds.
            let effect = Effect(rawValue: t) ?? .yearsEstablished
            let v = effect.value { values[$0.rawValue] }
            contributions[t] = v
            sum += v
        }
        return sum
    }
}

extension TrueRiskModel.Effect {
    /// Number of terms.
    static let count = allCases.count
}

extension SyntheticIndicator {
    /// Number of indicators.
    static let count = allCases.count
}

extension ProvinceCatalog {
    /// The categories' logit effects indexed by code number, precomputed for the per-row evaluation.
    enum Effects {
        static let regions = ProvinceCatalog.regions.map(\.effect)
        static let industries = ProvinceCatalog.industries.map(\.effect)
        static let types = ProvinceCatalog.enterpriseTypes.map(\.effect)
    }
}
