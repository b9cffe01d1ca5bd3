/// Association indicators of one quarter: for each enterprise, how many enterprises share its registered
/// address or its legal representative, and how many of the enterprises linked to it carry a warning status.
///
/// Two kinds of cluster, kept apart so each indicator says something of its own: the address group (一址多企)
/// gives `address_enterprises` and `address_abnormal`; the linked enterprises (关联企业) are those under the same
/// legal representative, `e` excluded, and give `person_enterprises` and the four `linked_*` counts:
/// ```
/// linked_x(e) = Σ_{P(e)} x − x(e)
/// ```
/// An address shared by hundreds of enterprises would otherwise make every linked count a copy of the address
/// group's size.
///
/// The synthetic generator and the feature builder both call ``compute(addresses:persons:status:)``, so the
/// indicators the true-risk model uses are exactly those the feature table holds.
public struct AssociationCounts: Sendable, Equatable {
    /// Enterprises at the same registered address, the enterprise included (一址多企).
    public var addressEnterprises: [Int32]
    /// Other enterprises at the same address that are on the abnormal-operations list.
    public var addressAbnormal: [Int32]
    /// Enterprises under the same legal representative, the enterprise included (一人多企).
    public var personEnterprises: [Int32]
    /// Linked enterprises (same legal representative) on the abnormal-operations list.
    public var linkedAbnormal: [Int32]
    /// Linked enterprises with an administrative penalty in the last four quarters.
    public var linkedPenalised: [Int32]
    /// Linked enterprises with an inspection hit in the last twelve quarters.
    public var linkedHits: [Int32]
    /// Linked enterprises on the serious-dishonesty list or court defaulters.
    public var linkedDishonest: [Int32]

    /// The warning statuses of each enterprise that association indicators count.
    public struct Status: Sendable {
        /// On the abnormal-operations list now.
        public var abnormal: [Bool]
        /// Penalised in the last four quarters.
        public var penalised: [Bool]
        /// An inspection hit in the last twelve quarters.
        public var hit: [Bool]
        /// On the serious-dishonesty list or a court defaulter.
        public var dishonest: [Bool]

        /// Statuses for `count` enterprises, all clear.
        public init(count: Int) {
            abnormal = Array(repeating: false, count: count)
            penalised = abnormal
            hit = abnormal
            dishonest = abnormal
        }
    }

    /// Counts association indicators for enterprises `0..<addresses.count`.
    ///
    /// - Parameters:
    ///   - addresses: each enterprise's address id at the quarter's end; a negative id means none known, and
    ///     the enterprise then shares its address with nobody.
    ///   - persons: each enterprise's legal-person id, negative for none.
    ///   - status: the warning statuses counted over linked enterprises.
    /// - Complexity: O(n + g) for n enterprises and g distinct ids: per-group totals by direct indexing.
    public static func compute(addresses: [Int32], persons: [Int32], status: Status) -> AssociationCounts {
        let n = addresses.count
        precondition(
            persons.count == n && status.abnormal.count == n && status.penalised.count == n
                && status.hit.count == n && status.dishonest.count == n,
            "association inputs must have one entry per enterprise")
        // Enterprises without a known party get private ids beyond the largest real one.
        let addressIds = privateIdsForMissing(addresses)
        let personIds = privateIdsForMissing(persons)
        // The four statuses of each enterprise as bits 0 (abnormal), 1 (penalised), 2 (hit), 3 (dishonest).
        let flags = (0..<n).map { e -> UInt8 in
            (status.abnormal[e] ? 1 : 0) | (status.penalised[e] ? 2 : 0) | (status.hit[e] ? 4 : 0)
                | (status.dishonest[e] ? 8 : 0)
        }
        // The two tables are independent: one thread each. Lookups into them are random (ids are not in
        // enterprise order), so these loops wait on memory, and two threads halve the wait.
        let tables = Parallel.map(2) { t in groupTotals(ids: t == 0 ? addressIds : personIds, flags: flags) }
        let byAddress = tables[0], byPerson = tables[1]

        // Every indicator, in chunks over all cores.
        let chunkSize = 1 << 16
        let chunks = Parallel.map((n + chunkSize - 1) / chunkSize) { chunk in
            let range = chunk * chunkSize..<min(n, (chunk + 1) * chunkSize)
            var counts = AssociationCounts(count: range.count)
            for e in range {
                let a = 5 * Int(addressIds[e]), p = 5 * Int(personIds[e])
                let f = flags[e]
                let j = e - range.lowerBound
                func others(_ totals: [Int32], _ at: Int, status s: UInt8) -> Int32 {
                    totals[at + 1 + Int(s)] &- Int32((f >> s) & 1)
                }
                counts.addressEnterprises[j] = byAddress[a]
                counts.addressAbnormal[j] = others(byAddress, a, status: 0)
                counts.personEnterprises[j] = byPerson[p]
                counts.linkedAbnormal[j] = others(byPerson, p, status: 0)
                counts.linkedPenalised[j] = others(byPerson, p, status: 1)
                counts.linkedHits[j] = others(byPerson, p, status: 2)
                counts.linkedDishonest[j] = others(byPerson, p, status: 3)
            }
            return counts
        }
        var result = AssociationCounts(count: 0)
        for indicator in Indicator.allCases { result[indicator].reserveCapacity(n) }
        for chunk in chunks {
            for indicator in Indicator.allCases { result[indicator] += chunk[indicator] }
        }
        return result
    }

    /// Per group id `g`, five counts at `5g`: the group's size, then how many members have each status.
    private static func groupTotals(ids: [Int32], flags: [UInt8]) -> [Int32] {
        let groups = Int(ids.max() ?? -1) + 1
        var totals = [Int32](repeating: 0, count: 5 * groups)
        for e in ids.indices {
            let g = 5 * Int(ids[e])
            let f = flags[e]
            totals[g] &+= 1
            totals[g + 1] &+= Int32(f & 1)
            totals[g + 2] &+= Int32((f >> 1) & 1)
            totals[g + 3] &+= Int32((f >> 2) & 1)
            totals[g + 4] &+= Int32((f >> 3) & 1)
        }
        return totals
    }

    /// The association indicators by their column names.
    public enum Indicator: String, CaseIterable, Sendable {
        case addressEnterprises = "address_enterprises"
        case addressAbnormal = "address_abnormal"
        case personEnterprises = "person_enterprises"
        case linkedAbnormal = "linked_abnormal"
        case linkedPenalised = "linked_penalised"
        case linkedHits = "linked_hits"
        case linkedDishonest = "linked_dishonest"
    }

    /// The counts of one indicator.
    public subscript(indicator: Indicator) -> [Int32] {
        get {
            switch indicator {
            case .addressEnterprises: addressEnterprises
            case .addressAbnormal: addressAbnormal
            case .personEnterprises: personEnterprises
            case .linkedAbnormal: linkedAbnormal
            case .linkedPenalised: linkedPenalised
            case .linkedHits: linkedHits
            case .linkedDishonest: linkedDishonest
            }
        }
        set {
            switch indicator {
            case .addressEnterprises: addressEnterprises = newValue
            case .addressAbnormal: addressAbnormal = newValue
            case .personEnterprises: personEnterprises = newValue
            case .linkedAbnormal: linkedAbnormal = newValue
            case .linkedPenalised: linkedPenalised = newValue
            case .linkedHits: linkedHits = newValue
            case .linkedDishonest: linkedDishonest = newValue
            }
        }
    }

    /// All-zero counts for `count` enterprises.
    public init(count: Int) {
        let zeros = [Int32](repeating: 0, count: count)
        addressEnterprises = zeros
        addressAbnormal = zeros
        personEnterprises = zeros
        linkedAbnormal = zeros
        linkedPenalised = zeros
        linkedHits = zeros
        linkedDishonest = zeros
    }

    private static func privateIdsForMissing(_ ids: [Int32]) -> [Int32] {
        var next = (ids.max() ?? -1) + 1
        return ids.map { id in
            if id >= 0 { return id }
            defer { next += 1 }
            return next
        }
    }
}
