import Foundation
import RiskScoring

/// A contiguous block of enterprises of the synthetic province with their whole state, advanced one quarter at
/// a time. Blocks are independent within a quarter step, so they run in parallel; every draw comes from a
/// stream keyed by (seed, purpose, enterprise, quarter), so the result never depends on the thread count.
struct EnterpriseBlock: Sendable {
    /// Global index of the block's first enterprise.
    let first: Int
    /// Number of enterprises in the block.
    let count: Int

    // Register attributes.
    private(set) var region: [UInt8]
    private(set) var industry: [UInt8]
    private(set) var type: [UInt8]
    private(set) var established: [Int32]
    /// Joined a registration hub at birth: a shell-company suspect, which shows in its visible indicators.
    private(set) var shell: [Bool]
    var frailty: [Float]

    // The state that drifts from quarter to quarter.
    var distress: [Float]
    var capital: [Float]
    var paidIn: [Float]
    var employees: [Float]
    var branches: [Int16]
    var licences: [UInt8]
    var expiredLicences: [UInt8]
    var awards: [UInt8]
    var certifications: [UInt8]
    var reportLate: [Bool]
    var reportMissing: [Bool]
    var zeroFinancials: [Bool]
    var revenueGrowth: [Float]
    var abnormal: [Bool]
    var abnormalRun: [UInt16]
    var serious: [Bool]
    var defaulter: [Bool]
    var surgeLeft: [UInt8]
    var history: EventHistory

    /// Stream purposes, so no two kinds of draws share numbers.
    enum Stream: UInt64 {
        case register = 1, advance, observe, network, moves, addressLatent, personLatent

        /// The generator `SeededGenerator(seed: seed, stream: rawValue, keys...)`, built without the variadic
        /// array (one allocation per enterprise-quarter otherwise).
        @inline(__always)
        func generator(seed: UInt64, _ first: UInt64) -> SeededGenerator {
            SeededGenerator(seed: Self.mixed(Self.mixed(seed, rawValue), first), streamKeys: [])
        }

        /// ``generator(seed:_:)`` with two keys.
        @inline(__always)
        func generator(seed: UInt64, _ first: UInt64, _ second: UInt64) -> SeededGenerator {
            SeededGenerator(seed: Self.mixed(Self.mixed(Self.mixed(seed, rawValue), first), second), streamKeys: [])
        }

        /// One step of `SeededGenerator(seed:streamKeys:)`'s key mixing.
        @inline(__always)
        private static func mixed(_ x: UInt64, _ key: UInt64) -> UInt64 {
            SeededGenerator.mix(x ^ SeededGenerator.mix(key &+ 0x9E37_79B9_7F4A_7C15))
        }
    }

    /// Draws the register attributes and initial state of enterprises `first..<first+count`.
    init(first: Int, count: Int, seed: UInt64, registerStart: Day) {
        self.first = first
        self.count = count
        region = []; industry = []; type = []; established = []; shell = []; frailty = []
        distress = []; capital = []; paidIn = []; employees = []; branches = []; licences = []
        expiredLicences = []; awards = []; certifications = []; revenueGrowth = []
        reportLate = Array(repeating: false, count: count)
        reportMissing = reportLate
        zeroFinancials = reportLate
        abnormal = reportLate
        serious = reportLate
        defaulter = reportLate
        abnormalRun = Array(repeating: 0, count: count)
        surgeLeft = Array(repeating: 0, count: count)
        history = EventHistory(enterprises: count)

        for i in 0..<count {
            var rng = Stream.register.generator(seed: seed, UInt64(first + i))
            let r = rng.index(cumulativeWeights: ProvinceCatalog.regionWeights)
            let ind = rng.index(cumulativeWeights: ProvinceCatalog.industryWeights)
            let t = rng.index(cumulativeWeights: ProvinceCatalog.typeWeights)
            region.append(UInt8(r))
            industry.append(UInt8(ind))
            type.append(UInt8(t))
            // Ages: many young enterprises (exponential, mean 4 years) and a long-lived tail.
            let age = rng.bernoulli(0.6) ? -4 * log(1 - rng.uniform()) : 30 * rng.uniform()
            established.append(Int32(registerStart.daysSinceEpoch - Int(min(age, 60) * 365.25)))
            let isShell = rng.bernoulli(0.025)
            shell.append(isShell)
            frailty.append(Float(TrueRiskModel.frailtyDeviation * rng.normal()))
            distress.append(Float(0.6 * rng.normal()))
            let big = t == 1 || t == 5  // joint-stock and state-owned enterprises register more capital
            let logCapital = 2 + (big ? 1 : 0) + 0.7 * rng.normal()
            let cap = Self.round(pow(10, logCapital), decimals: 2)
            capital.append(Float(cap))
            if rng.bernoulli(0.45) {
                paidIn.append(.nan)
            } else {
                paidIn.append(Float(Self.round(isShell ? 0.1 * rng.uniform() : pow(rng.uniform(), 0.5), decimals: 3)))
            }
            if rng.bernoulli(0.15) {
                employees.append(.nan)
            } else if isShell && rng.bernoulli(0.6) {
                employees.append(0)
            } else {
                employees.append(Float(max(0, (exp(1.2 + 0.5 * log10(cap) + 0.8 * rng.normal()) - 1).rounded())))
            }
            branches.append(Int16(rng.poisson(min(5, cap / 2000))))
            licences.append(UInt8(min(20, rng.poisson(ProvinceCatalog.industries[ind].licences))))
            expiredLicences.append(0)
            awards.append(UInt8(min(20, rng.poisson(0.15 * max(0, log10(cap))))))
            certifications.append(UInt8(min(20, rng.poisson(0.12 * max(0, log10(cap))))))
            revenueGrowth.append(Float(Self.round(0.06 + 0.25 * rng.normal(), decimals: 3)))
        }
    }

    static func round(_ x: Double, decimals: Int) -> Double {
        let scale = pow(10, Double(decimals))
        return (x * scale).rounded() / scale
    }

    /// Size multiplier of event rates: larger enterprises see more complaints and news.
    private func sizeFactor(_ i: Int) -> Double { pow(max(1, Double(capital[i])) / 100, 0.15) }
}

/// What the province-wide steps pass to every block for one quarter.
struct QuarterContext: Sendable {
    let seed: UInt64
    /// Running index of the quarter since the start of the burn-in.
    let index: Int
    let quarter: Quarter
    /// Each enterprise's address and legal-person id at the end of the previous quarter (advance) or this one.
    let addresses: [Int32]
    let persons: [Int32]
    /// Association indicators at the end of the previous quarter (advance) or this one (observe).
    let association: AssociationCounts
    let network: NetworkShape
    /// The hidden cluster risk of every address and person id (``NetworkShape/addressLatent(_:seed:)``,
    /// ``NetworkShape/personLatent(_:seed:)``) precomputed, or `nil` to compute it per enterprise.
    var latents: ClusterLatents? = nil
}

/// A request from an enterprise to change its registered address or legal representative.
struct MoveRequest: Sendable {
    enum Kind: Sendable { case address, legalPerson }
    let enterprise: Int
    let kind: Kind
    let day: Day
}

extension EnterpriseBlock {
    /// The events of quarter `context.index`: they bring the state to the quarter's end. Returns the moves
    /// the network must apply and the warning statuses association indicators count.
    mutating func advance(_ context: QuarterContext) -> (moves: [MoveRequest], status: AssociationCounts.Status) {
        let k = context.index
        let quarterNumber = context.quarter.number
        let firstDay = context.quarter.firstDay.daysSinceEpoch
        let days = context.quarter.lastDay.daysSinceEpoch - firstDay + 1
        var moves: [MoveRequest] = []
        var status = AssociationCounts.Status(count: count)
        // Per-industry rates as plain arrays: reading `ProvinceCatalog.industries[...]` per row copies a struct
        // holding two strings.
        let penaltyRates = ProvinceCatalog.industries.map(\.penalties)
        let complaintRates = ProvinceCatalog.industries.map(\.complaints)
        let qualityFailureRates = ProvinceCatalog.industries.map(\.qualityFailures)
        let latents = context.latents
        for i in 0..<count {
            let e = first + i
            var rng = Stream.advance.generator(seed: context.seed, UInt64(e), UInt64(k))
            history.clearAdvanceEvents(i, quarter: k)
            let industryCode = Int(industry[i])

            // Hidden distress: persistent, pulled toward the enterprise's and its clusters' latent risk, and
            // raised by abnormal linked enterprises (risk spreads inside a cluster).
            let cluster: Double
            if let latents {
                cluster = latents.address[Int(context.addresses[e])] + latents.person[Int(context.persons[e])]
            } else {
                cluster =
                    context.network.addressLatent(context.addresses[e], seed: context.seed)
                    + context.network.personLatent(context.persons[e], seed: context.seed)
            }
            let contagion = 0.06 * Double(min(5, context.association.linkedAbnormal[e]))
            let d =
                0.85 * Double(distress[i]) + 0.15 * cluster + contagion
                + 0.35 * rng.normal()
            distress[i] = Float(d)
            func rate(_ base: Double, _ sensitivity: Double) -> Double { base * exp(sensitivity * d) }
            func randomDay() -> Day { Day(daysSinceEpoch: firstDay + rng.index(below: days)) }

            // Registration changes; address and legal-representative changes usually move the enterprise.
            let legalRep = rng.poisson(rate(0.025, 0.5))
            history.add(i, .legalRepChange, quarter: k, count: legalRep)
            if legalRep > 0 && rng.bernoulli(0.8) {
                moves.append(MoveRequest(enterprise: e, kind: .legalPerson, day: randomDay()))
            }
            let addressChanges = rng.poisson(rate(0.02, 0.6))
            history.add(i, .addressChange, quarter: k, count: addressChanges)
            if addressChanges > 0 && rng.bernoulli(0.85) {
                moves.append(MoveRequest(enterprise: e, kind: .address, day: randomDay()))
            }
            history.add(i, .scopeChange, quarter: k, count: rng.poisson(rate(0.05, 0.2)))
            history.add(i, .shareholderChange, quarter: k, count: rng.poisson(rate(0.035, 0.4)))
            let capitalChanges = rng.poisson(rate(0.02, 0.3))
            history.add(i, .capitalChange, quarter: k, count: capitalChanges)
            for _ in 0..<capitalChanges {
                let factor = exp(0.15 - 0.3 * d + 0.4 * rng.normal())
                capital[i] = Float(Self.round(min(1e7, max(1, Double(capital[i]) * factor)), decimals: 2))
            }

            // The annual report for the previous year is due on 30 June: decided at the end of Q2; a missing
            // report may still be filed late in the following quarters.
            func file(late: Bool) {
                reportMissing[i] = false
                reportLate[i] = late
                zeroFinancials[i] = rng.bernoulli(Self.sigmoid(-3.2 + 0.8 * d + (shell[i] ? 2.0 : 0)))
                if zeroFinancials[i] {
                    // Most zero declarations report no staff either; the rest keep their last headcount.
                    if rng.bernoulli(0.7) { employees[i] = 0 }
                } else if !employees[i].isNaN {
                    employees[i] = Float(
                        max(0, (Double(employees[i]) * exp(0.02 - 0.05 * d + 0.1 * rng.normal())).rounded()))
                } else if rng.bernoulli(0.5) {
                    employees[i] = Float(
                        max(0, (exp(1.2 + 0.5 * log10(Double(capital[i])) + 0.8 * rng.normal()) - 1).rounded()))
                }
            }
            if quarterNumber == 2 {
                // Revenue growth comes from the tax records, whatever the annual report says; about 4% of
                // enterprises have no matched filing.
                revenueGrowth[i] =
                    rng.bernoulli(0.04)
                    ? .nan
                    : Float(Self.round(min(100, max(-1, 0.06 - 0.12 * d + 0.25 * rng.normal())), decimals: 3))
                if rng.bernoulli(Self.sigmoid(-2.9 + 1.0 * d + (shell[i] ? 1.5 : 0))) {
                    reportMissing[i] = true
                    reportLate[i] = false
                    zeroFinancials[i] = false
                } else {
                    file(late: false)
                }
            } else if reportMissing[i] && rng.bernoulli(0.35 * exp(-0.3 * d)) {
                file(late: true)
            }

            // The abnormal-operations list: listed for a report still missing in Q3, or for being unreachable at
            // the registered address; removed once rectified.
            if !abnormal[i] {
                let listed =
                    (quarterNumber == 3 && reportMissing[i] && rng.bernoulli(0.9))
                    || rng.bernoulli(rate(0.004, 0.8) * (shell[i] ? 3 : 1))
                if listed {
                    abnormal[i] = true
                    history.add(i, .abnormalListing, quarter: k)
                }
            } else if rng.bernoulli(reportMissing[i] ? 0.03 : 0.2) {
                abnormal[i] = false
            }
            abnormalRun[i] = abnormal[i] ? abnormalRun[i] &+ 1 : 0
            // Three years on the abnormal list moves an enterprise to the serious-dishonesty list.
            if !serious[i] {
                serious[i] = abnormalRun[i] >= 12 || rng.bernoulli(rate(0.0003, 0.8))
            } else if !abnormal[i] && rng.bernoulli(0.02) {
                serious[i] = false
            }
            if !defaulter[i] {
                defaulter[i] = rng.bernoulli(rate(0.0008, 0.9))
            } else if rng.bernoulli(0.08) {
                defaulter[i] = false
            }

            // Penalties: driven by distress and by problems found in this quarter's inspections.
            let hitsNow = history.count(i, .hit, quarter: k)
            let penalties = rng.poisson(rate(0.02, 0.7) * penaltyRates[industryCode] + 0.4 * Double(hitsNow))
            history.add(i, .penalty, quarter: k, count: penalties)
            // Six penalties in ten carry a fine; the rest are warnings or confiscations.
            for _ in 0..<penalties where rng.bernoulli(0.6) {
                let fine = min(1e8, (5000 * exp(0.3 * d + 1.3 * rng.normal())).rounded())
                history.recordFine(i, Float(fine), quarter: k)
            }

            // Licences lapse when an enterprise is in distress; lapsed ones are renewed or dropped over time.
            if rng.bernoulli(0.02) { licences[i] = min(licences[i] &+ 1, 40) }
            if licences[i] > 0 && rng.bernoulli(rate(0.01, 0.8)) {
                licences[i] -= 1
                expiredLicences[i] = min(expiredLicences[i] &+ 1, 40)
            } else if expiredLicences[i] > 0 && rng.bernoulli(0.1) {
                expiredLicences[i] -= 1
            }

            // Social signals: complaints (with occasional bursts), negative news, failed quality checks.
            if surgeLeft[i] == 0 && rng.bernoulli(rate(0.006, 0.7)) { surgeLeft[i] = UInt8(1 + rng.index(below: 2)) }
            // Capital does not change below this point, so the size factor is computed once.
            let size = sizeFactor(i)
            var complaintRate = rate(0.12, 0.6) * complaintRates[industryCode] * size
            if surgeLeft[i] > 0 {
                complaintRate = complaintRate * 8 + 3
                surgeLeft[i] -= 1
            }
            history.add(i, .complaint, quarter: k, count: rng.poisson(complaintRate))
            history.add(i, .negativeNews, quarter: k, count: rng.poisson(rate(0.01, 0.8) * size))
            history.add(
                i, .qualityFailure, quarter: k, count: rng.poisson(qualityFailureRates[industryCode] * exp(0.5 * d)))
            if rng.bernoulli(0.01 * exp(-0.5 * d) * size) { awards[i] = min(awards[i] &+ 1, 40) }
            if serious[i] && awards[i] > 0 && rng.bernoulli(0.5) { awards[i] -= 1 }
            if rng.bernoulli(0.008 * exp(-0.3 * d) * size) { certifications[i] = min(certifications[i] &+ 1, 40) }
            if rng.bernoulli(0.003) { branches[i] += 1 }

            status.abnormal[i] = abnormal[i]
            status.penalised[i] = history.sum(i, .penalty, endingAt: k, window: 4) > 0
            status.hit[i] = history.sum(i, .hit, endingAt: k, window: FeatureFormulas.inspectionWindowQuarters) > 0
            status.dishonest[i] = serious[i] || defaulter[i]
        }
        return (moves, status)
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
