import Foundation

/// The hidden ground truth of the synthetic province: the probability that an inspection of an enterprise in
/// the quarter after a snapshot finds a problem.
///
/// ```
/// logit p = β₀ + s·(Σ_k f_k(x_k) + Σ_j g_j(x_a, x_b) + frailty + 0.5·distress + ε),   ε ~ N(0, 0.25²)
/// ```
/// The scale `s` sets the spread of true risk so grades by true risk land in realistic discovery-rate bands.
/// `f_k` are the per-indicator effects below (some non-linear: thresholds, logarithms, saturation), `g_j`
/// three interactions, `frailty` a persistent unobserved enterprise effect and `distress` the hidden process
/// that also drives the visible events. Indicators with no effect (`branch_count`, `licences`,
/// `inspections_3y`) are there on purpose: a learner should give them little weight.
struct TrueRiskModel: Sendable {
    /// One additive term of the logit.
    struct Term: Sendable {
        /// The indicators the term reads; an interaction reads two.
        let indicators: [SyntheticIndicator]
        /// The term's formula, for `ground_truth.json`.
        let formula: String
        /// The term's value given all indicator values (indexed by `SyntheticIndicator.rawValue`).
        let value: @Sendable ([Double]) -> Double
    }

    /// The intercept β₀, set so the overall discovery rate on random inspections is about 11%.
    static let intercept = -2.5
    /// The scale `s` of everything but the intercept.
    static let scale = 0.46
    /// Weight of the hidden distress process in the logit.
    static let distressWeight = 0.5
    /// Standard deviation of the per-enterprise frailty.
    static let frailtyDeviation = 0.5
    /// Standard deviation of the per-enterprise-quarter noise ε.
    static let noiseDeviation = 0.25

    let terms: [Term]

    /// The true logit from the observable sum of terms and the hidden parts.
    @inline(__always)
    static func logit(observable: Double, frailty: Double, distress: Double, noise: Double) -> Double {
        intercept + scale * (observable + frailty + distressWeight * distress + noiseDeviation * noise)
    }

    init() {
        typealias I = SyntheticIndicator
        @Sendable func capped(_ x: Double, _ cap: Double) -> Double { min(x, cap) }
        @Sendable func flag(_ x: Double) -> Double { x > 0 ? 1 : 0 }
        func main(_ i: I, _ formula: String, _ f: @escaping @Sendable (Double) -> Double) -> Term {
            Term(indicators: [i], formula: formula, value: { f($0[i.rawValue]) })
        }
        let regions = ProvinceCatalog.regions.map(\.effect)
        let industries = ProvinceCatalog.industries.map(\.effect)
        let types = ProvinceCatalog.enterpriseTypes.map(\.effect)
        terms = [
            main(.yearsEstablished, "0.9·exp(−x/2.5) − 0.1") { 0.9 * exp(-$0 / 2.5) - 0.1 },
            main(.registeredCapital, "−0.18·log10(1 + x)") { -0.18 * log10(1 + max(0, $0)) },
            main(.paidInRatio, "missing: 0.15; else −0.4·x") { $0.isNaN ? 0.15 : -0.4 * $0 },
            main(.employees, "missing: 0.2; 0: 0.35; else −0.08·ln(1 + x)") {
                $0.isNaN ? 0.2 : ($0 == 0 ? 0.35 : -0.08 * log(1 + $0))
            },
            main(.enterpriseType, "per type (see catalogue)") { types[Int($0)] },
            main(.region, "per region (see catalogue)") { regions[Int($0)] },
            main(.industry, "per industry section (see catalogue)") { industries[Int($0)] },
            main(.legalRepChanges12m, "0.35·min(x, 3)") { 0.35 * capped($0, 3) },
            main(.addressChanges12m, "0.30·min(x, 3)") { 0.30 * capped($0, 3) },
            main(.scopeChanges12m, "0.08·min(x, 3)") { 0.08 * capped($0, 3) },
            main(.capitalChanges24m, "0.12·min(x, 3)") { 0.12 * capped($0, 3) },
            main(.shareholderChanges12m, "0.15·min(x, 3)") { 0.15 * capped($0, 3) },
            main(.annualReportLate, "0.35·x") { 0.35 * $0 },
            main(.annualReportMissing, "0.8·x") { 0.8 * $0 },
            main(.zeroFinancials, "0.5·x") { 0.5 * $0 },
            main(.revenueGrowth, "missing: 0.1; else −0.5·clamp(x, −1, 1)") {
                $0.isNaN ? 0.1 : -0.5 * min(1, max(-1, $0))
            },
            main(.abnormalListNow, "0.8·x") { 0.8 * $0 },
            main(.abnormalList3y, "0.2·min(x, 3)") { 0.2 * capped($0, 3) },
            main(.seriousDishonesty, "1.2·x") { 1.2 * $0 },
            main(.courtDefaulter, "0.8·x") { 0.8 * $0 },
            main(.penalties1y, "0.4·min(x, 3)") { 0.4 * capped($0, 3) },
            main(.penalties3y, "0.1·min(x, 5)") { 0.1 * capped($0, 5) },
            main(.maxFine3y, "0.12·log10(1 + x/1000)") { 0.12 * log10(1 + max(0, $0) / 1000) },
            main(.largeFine3y, "0.25·x") { 0.25 * $0 },
            main(.expiredLicences, "0.3·min(x, 3)") { 0.3 * capped($0, 3) },
            main(.inspectionHits3y, "0.3·min(x, 3)") { 0.3 * capped($0, 3) },
            main(.addressEnterprises, "0.7·[x ≥ 10] + 0.08·log2(x)") {
                ($0 >= 10 ? 0.7 : 0) + 0.08 * log2(max(1, $0))
            },
            main(.addressAbnormal, "0.1·min(x, 5)") { 0.1 * capped($0, 5) },
            main(.personEnterprises, "0.12·log2(x)") { 0.12 * log2(max(1, $0)) },
            main(.linkedAbnormal, "0.12·min(x, 5)") { 0.12 * capped($0, 5) },
            main(.linkedPenalised, "0.1·min(x, 5)") { 0.1 * capped($0, 5) },
            main(.linkedHits, "0.2·min(x, 3)") { 0.2 * capped($0, 3) },
            main(.linkedDishonest, "0.3·min(x, 2)") { 0.3 * capped($0, 2) },
            main(.complaints3m, "0.25·min(x, 4)") { 0.25 * capped($0, 4) },
            main(.complaints12m, "0.04·min(x, 10)") { 0.04 * capped($0, 10) },
            main(.complaintSurge, "0.5·x") { 0.5 * $0 },
            main(.negativeNews12m, "0.3·min(x, 3)") { 0.3 * capped($0, 3) },
            main(.qualityFailures12m, "0.35·min(x, 3)") { 0.35 * capped($0, 3) },
            main(.awards, "−0.2·min(x, 3)") { -0.2 * capped($0, 3) },
            main(.certifications, "−0.15·min(x, 3)") { -0.15 * capped($0, 3) },
            Term(
                indicators: [.addressEnterprises, .addressChanges12m],
                formula: "0.5·[address_enterprises ≥ 10]·[address_changes_12m > 0]",
                value: { $0[I.addressEnterprises.rawValue] >= 10 && $0[I.addressChanges12m.rawValue] > 0 ? 0.5 : 0 }),
            Term(
                indicators: [.abnormalListNow, .zeroFinancials],
                formula: "0.6·abnormal_list_now·zero_financials",
                value: { 0.6 * flag($0[I.abnormalListNow.rawValue]) * flag($0[I.zeroFinancials.rawValue]) }),
            Term(
                indicators: [.yearsEstablished, .penalties1y],
                formula: "−0.25·[years_established ≥ 10]·[penalties_1y > 0]",
                value: { $0[I.yearsEstablished.rawValue] >= 10 && $0[I.penalties1y.rawValue] > 0 ? -0.25 : 0 }),
        ]
    }

    /// Writes each term's value into `contributions` and returns their sum, the observable part of the logit
    /// before scaling.
    @inline(__always)
    func observableLogit(_ values: [Double], contributions: inout [Double]) -> Double {
        var sum = 0.0
        for (t, term) in terms.enumerated() {
            let v = term.value(values)
            contributions[t] = v
            sum += v
        }
        return sum
    }
}
