import Foundation
import RiskScoring

/// An inspection drawn by the generator.
struct SyntheticInspection: Sendable {
    let enterprise: Int32
    let day: Int32
    let targeted: Bool
    let hit: Bool
    /// The enterprise's true risk when the inspection was planned (the end of the previous quarter).
    let trueRisk: Float
}

/// What one block reports at the end of a quarter.
struct BlockObservation: Sendable {
    /// Inspections drawn for the next quarter, in enterprise order.
    var inspections: [SyntheticInspection] = []
    /// The quarter's `snapshots.csv` rows, empty during the burn-in.
    var snapshotRows = CSVRowEncoder()
    /// The quarter's `true_risk.csv` rows, empty during the burn-in.
    var trueRiskRows = CSVRowEncoder()
    /// True risk per enterprise.
    var trueRisk: [Float] = []
    /// Per true-risk term: the sum and the sum of squares of its values over the block's recorded enterprises.
    var termSums: [Double] = []
    var termSquares: [Double] = []
    /// Per recorded enterprise, each term's ``TermSpread`` histogram bin (row-major).
    var termBins: [UInt16] = []
    /// Per recorded enterprise, the interactions' conditions as ``TermSpread`` packs them.
    var interactionConditions: [UInt8] = []
}

/// Parameters of the inspection programme.
struct InspectionProgramme: Sendable {
    /// Share of enterprises drawn for random inspection per year.
    let randomRate: Double
    /// Approximate share of enterprises drawn for targeted inspection per year.
    let targetedRate: Double
}

extension EnterpriseBlock {
    /// Indicator values at the end of quarter `context.index`, the true risk they imply, and the inspections
    /// drawn for the next quarter; writes snapshot rows when `record` is set.
    mutating func observe(
        _ context: QuarterContext, model: TrueRiskModel, programme: InspectionProgramme, record: Bool
    ) -> BlockObservation {
        typealias I = SyntheticIndicator
        let k = context.index
        let quarterEnd = context.quarter.lastDay
        let next = context.quarter.advanced(by: 1)
        let nextFirst = next.firstDay.daysSinceEpoch
        let nextDays = next.lastDay.daysSinceEpoch - nextFirst + 1
        let quarterText = context.quarter.description
        var out = BlockObservation()
        out.trueRisk.reserveCapacity(count)
        out.termSums = Array(repeating: 0, count: model.terms.count)
        out.termSquares = out.termSums
        if record {
            // About 110 bytes per snapshot row and 30 per true-risk row; reserving avoids regrowing.
            out.snapshotRows = CSVRowEncoder(capacity: count * 128)
            out.trueRiskRows = CSVRowEncoder(capacity: count * 32)
            out.termBins.reserveCapacity(count * model.terms.count)
            out.interactionConditions.reserveCapacity(count)
        }
        var values = [Double](repeating: 0, count: I.count)
        var contributions = [Double](repeating: 0, count: model.terms.count)
        let association = context.association
        let columns = I.snapshotIndicators.map { (index: $0.rawValue, decimals: Self.decimals($0)) }
        let randomProbability = programme.randomRate / 4
        let targetedBase = programme.targetedRate / 4 / 2.2

        for i in 0..<count {
            let e = first + i
            var rng = Stream.observe.generator(seed: context.seed, UInt64(e), UInt64(k))
            func set(_ indicator: I, _ value: Double) { values[indicator.rawValue] = value }
            func events(_ kind: EventHistory.Kind, _ window: Int) -> Double {
                Double(history.sum(i, kind, endingAt: k, window: window))
            }
            set(
                .yearsEstablished,
                FeatureFormulas.yearsEstablished(
                    established: Day(daysSinceEpoch: Int(established[i])), asOf: quarterEnd))
            set(.registeredCapital, Double(capital[i]))
            set(.paidInRatio, Double(paidIn[i]))
            set(.employees, Double(employees[i]))
            set(.branchCount, Double(branches[i]))
            set(.enterpriseType, Double(type[i]))
            set(.region, Double(region[i]))
            set(.industry, Double(industry[i]))
            set(.legalRepChanges12m, events(.legalRepChange, 4))
            set(.addressChanges12m, events(.addressChange, 4))
            set(.scopeChanges12m, events(.scopeChange, 4))
            set(.capitalChanges24m, events(.capitalChange, 8))
            set(.shareholderChanges12m, events(.shareholderChange, 4))
            set(.annualReportLate, reportLate[i] ? 1 : 0)
            set(.annualReportMissing, reportMissing[i] ? 1 : 0)
            set(.zeroFinancials, zeroFinancials[i] ? 1 : 0)
            set(.revenueGrowth, Double(revenueGrowth[i]))
            set(.abnormalListNow, abnormal[i] ? 1 : 0)
            set(.abnormalList3y, events(.abnormalListing, 12))
            set(.seriousDishonesty, serious[i] ? 1 : 0)
            set(.courtDefaulter, defaulter[i] ? 1 : 0)
            set(.penalties1y, events(.penalty, 4))
            set(.penalties3y, events(.penalty, 12))
            let maxFine = Double(history.maxFine(i, endingAt: k))
            set(.maxFine3y, maxFine)
            set(.largeFine3y, maxFine >= 50_000 ? 1 : 0)
            set(.licences, Double(licences[i]))
            set(.expiredLicences, Double(expiredLicences[i]))
            set(.inspections3y, events(.inspection, FeatureFormulas.inspectionWindowQuarters))
            set(.inspectionHits3y, events(.hit, FeatureFormulas.inspectionWindowQuarters))
            set(.addressEnterprises, Double(association.addressEnterprises[e]))
            set(.addressAbnormal, Double(association.addressAbnormal[e]))
            set(.personEnterprises, Double(association.personEnterprises[e]))
            set(.linkedAbnormal, Double(association.linkedAbnormal[e]))
            set(.linkedPenalised, Double(association.linkedPenalised[e]))
            set(.linkedHits, Double(association.linkedHits[e]))
            set(.linkedDishonest, Double(association.linkedDishonest[e]))
            let complaints3m = events(.complaint, 1)
            let complaintsBefore = events(.complaint, 4) - complaints3m
            set(.complaints3m, complaints3m)
            set(.complaints12m, events(.complaint, 4))
            // A surge: at least 3 complaints this quarter and at least twice the previous three quarters' average.
            set(.complaintSurge, complaints3m >= 3 && complaints3m >= 2 * (complaintsBefore / 3 + 0.5) ? 1 : 0)
            set(.negativeNews12m, events(.negativeNews, 4))
            set(.qualityFailures12m, events(.qualityFailure, 4))
            set(.awards, Double(awards[i]))
            set(.certifications, Double(certifications[i]))

            let logit = TrueRiskModel.logit(
                observable: model.observableLogit(values, contributions: &contributions),
                frailty: Double(frailty[i]), distress: Double(distress[i]), noise: rng.normal())
            let risk = Float(Self.sigmoid(logit))
            out.trueRisk.append(risk)

            // Inspections of the next quarter: random ones uniform over the register, targeted ones drawn with
            // a probability that rises with visible warning signs.
            history.clearInspections(i, quarter: k + 1)
            func inspect(targeted: Bool) {
                let hit = rng.bernoulli(Double(risk))
                let day = Int32(nextFirst + rng.index(below: nextDays))
                out.inspections.append(
                    SyntheticInspection(enterprise: Int32(e), day: day, targeted: targeted, hit: hit, trueRisk: risk))
                history.add(i, .inspection, quarter: k + 1)
                if hit { history.add(i, .hit, quarter: k + 1) }
            }
            if rng.bernoulli(randomProbability) { inspect(targeted: false) }
            let warning =
                1.2 * values[I.abnormalListNow.rawValue] + 0.35 * min(5, complaints3m)
                + 0.8 * values[I.complaintSurge.rawValue] + (values[I.penalties1y.rawValue] > 0 ? 0.5 : 0)
                + (values[I.addressEnterprises.rawValue] >= 10 ? 0.6 : 0) + 0.4
                * min(2, values[I.negativeNews12m.rawValue])
                + (values[I.qualityFailures12m.rawValue] > 0 ? 0.5 : 0) + (serious[i] || defaulter[i] ? 0.8 : 0)
            if rng.bernoulli(min(0.5, targetedBase * exp(warning))) { inspect(targeted: true) }

            guard record else { continue }
            for t in contributions.indices {
                out.termSums[t] += contributions[t]
                out.termSquares[t] += contributions[t] * contributions[t]
                out.termBins.append(TermSpread.bin(contributions[t]))
            }
            var conditions: UInt8 = 0
            for (j, effect) in TrueRiskModel.Effect.interactions.enumerated() {
                guard let (_, a, b) = effect.interaction({ values[$0.rawValue] }) else { continue }
                conditions |= (a ? 1 : 0) << UInt8(2 * j) | (b ? 2 : 0) << UInt8(2 * j)
            }
            out.interactionConditions.append(conditions)
            let id = SyntheticProvince.enterpriseID(e)
            out.snapshotRows.field(id)
            out.snapshotRows.field(quarterText)
            for column in columns {
                let value = values[column.index]
                if column.decimals == 0 && value.magnitude < 1e15 && value == value.rounded(.towardZero) {
                    // Integral counts and flags: the integer writer gives the same text, faster.
                    out.snapshotRows.field(Int(value))
                } else {
                    out.snapshotRows.field(value, decimals: column.decimals)
                }
            }
            out.snapshotRows.endRecord()
            out.trueRiskRows.field(id)
            out.trueRiskRows.field(quarterText)
            out.trueRiskRows.field(Double(risk), decimals: 6)
            out.trueRiskRows.endRecord()
        }
        return out
    }

    /// Decimals written for a snapshot indicator; counts and flags are integers.
    static func decimals(_ indicator: SyntheticIndicator) -> Int {
        switch indicator {
        case .registeredCapital: 2
        case .paidInRatio, .revenueGrowth: 3
        default: 0
        }
    }

    /// The region, industry and type codes of enterprise `i` of the block.
    func registerCodes(_ i: Int) -> (region: String, industry: String, type: String) {
        (
            ProvinceCatalog.regions[Int(region[i])].code, ProvinceCatalog.industries[Int(industry[i])].code,
            ProvinceCatalog.enterpriseTypes[Int(type[i])].code
        )
    }
}
