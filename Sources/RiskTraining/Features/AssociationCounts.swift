/// Association indicators of one quarter: for each enterprise, how many enterprises share its registered
/// address or its legal representative, and how many of those linked enterprises carry a warning status.
///
/// The linked set of enterprise `e` is everyone at the same address or under the same legal person, `e`
/// excluded. By inclusion–exclusion over the address group `A`, the person group `P` and their intersection:
/// ```
/// linked_x(e) = Σ_{A(e)} x + Σ_{P(e)} x − Σ_{A(e) ∩ P(e)} x − x(e)
/// ```
/// The synthetic generator and the feature builder both call ``compute(addresses:persons:status:)``, so the
/// indicators the true-risk model uses are exactly those the feature table holds.
public struct AssociationCounts: Sendable, Equatable {
    /// Enterprises at the same registered address, the enterprise included (一址多企).
    public var addressEnterprises: [Int32]
    /// Other enterprises at the same address that are on the abnormal-operations list.
    public var addressAbnormal: [Int32]
    /// Enterprises under the same legal representative, the enterprise included (一人多企).
    public var personEnterprises: [Int32]
    /// Linked enterprises on the abnormal-operations list.
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
    /// - Complexity: O(n log n) for n enterprises (one sort of address–person pairs).
    public static func compute(addresses: [Int32], persons: [Int32], status: Status) -> AssociationCounts {
        let n = addresses.count
        precondition(persons.count == n && status.abnormal.count == n && status.penalised.count == n
            && status.hit.count == n && status.dishonest.count == n, "association inputs must have one entry per enterprise")
        // Enterprises without a known party get private ids beyond the largest real one.
        let addressIds = privateIdsForMissing(addresses)
        let personIds = privateIdsForMissing(persons)
        let statuses = [status.abnormal, status.penalised, status.hit, status.dishonest]

        // Per group: [size, abnormal, penalised, hit, dishonest].
        func groupTotals(_ ids: [Int32]) -> [[Int32]] {
            let groups = Int(ids.max() ?? -1) + 1
            var totals = Array(repeating: [Int32](repeating: 0, count: groups), count: 5)
            for e in 0..<n {
                let g = Int(ids[e])
                totals[0][g] += 1
                for s in 0..<4 where statuses[s][e] { totals[s + 1][g] += 1 }
            }
            return totals
        }
        let byAddress = groupTotals(addressIds)
        let byPerson = groupTotals(personIds)

        // The intersection groups: enterprises sharing both address and person, found by sorting pairs.
        let pairKeys = (0..<n).map { Int64(addressIds[$0]) << 32 | Int64(personIds[$0]) }
        let order = (0..<n).sorted { pairKeys[$0] < pairKeys[$1] || (pairKeys[$0] == pairKeys[$1] && $0 < $1) }
        var pairTotals = Array(repeating: [Int32](repeating: 0, count: n), count: 4)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && pairKeys[order[end]] == pairKeys[order[start]] { end += 1 }
            var sums = [Int32](repeating: 0, count: 4)
            for i in start..<end {
                for s in 0..<4 where statuses[s][order[i]] { sums[s] += 1 }
            }
            for i in start..<end {
                for s in 0..<4 { pairTotals[s][order[i]] = sums[s] }
            }
            start = end
        }

        var result = AssociationCounts(count: n)
        for e in 0..<n {
            let a = Int(addressIds[e]), p = Int(personIds[e])
            func linked(_ s: Int) -> Int32 {
                byAddress[s + 1][a] + byPerson[s + 1][p] - pairTotals[s][e] - (statuses[s][e] ? 1 : 0)
            }
            result.addressEnterprises[e] = byAddress[0][a]
            result.addressAbnormal[e] = byAddress[1][a] - (status.abnormal[e] ? 1 : 0)
            result.personEnterprises[e] = byPerson[0][p]
            result.linkedAbnormal[e] = linked(0)
            result.linkedPenalised[e] = linked(1)
            result.linkedHits[e] = linked(2)
            result.linkedDishonest[e] = linked(3)
        }
        return result
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
