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
    /// - Complexity: O(n + g) for n enterprises and g distinct ids: per-group totals by direct indexing, and
    ///   the address–person intersection groups by two stable counting-sort passes (by person, then by
    ///   address), no comparison sort.
    public static func compute(addresses: [Int32], persons: [Int32], status: Status) -> AssociationCounts {
        let n = addresses.count
        precondition(persons.count == n && status.abnormal.count == n && status.penalised.count == n
            && status.hit.count == n && status.dishonest.count == n, "association inputs must have one entry per enterprise")
        // Enterprises without a known party get private ids beyond the largest real one.
        let addressIds = privateIdsForMissing(addresses)
        let personIds = privateIdsForMissing(persons)
        // The four statuses of each enterprise as bits 0 (abnormal), 1 (penalised), 2 (hit), 3 (dishonest).
        var flags = [UInt8](repeating: 0, count: n)
        for e in 0..<n {
            flags[e] = (status.abnormal[e] ? 1 : 0) | (status.penalised[e] ? 2 : 0) | (status.hit[e] ? 4 : 0)
                | (status.dishonest[e] ? 8 : 0)
        }

        let byAddress = GroupTotals(ids: addressIds, flags: flags)
        let byPerson = GroupTotals(ids: personIds, flags: flags)

        // The intersection groups: enterprises sharing both address and person. A stable counting sort by
        // person, then one by address, leaves enterprises ordered by (address, person), so each group is a run.
        let byPersonOrder = countingSort(0..<n, keys: personIds, groupSizes: byPerson.size)
        let order = countingSort(byPersonOrder, keys: addressIds, groupSizes: byAddress.size)
        // Per enterprise, the statuses counted over its intersection group: four 8-bit counts would overflow,
        // so one Int32 per status.
        var pairTotals = [Int32](repeating: 0, count: 4 * n)
        var start = 0
        while start < n {
            let first = Int(order[start])
            let a = addressIds[first], p = personIds[first]
            var end = start + 1
            while end < n && addressIds[Int(order[end])] == a && personIds[Int(order[end])] == p { end += 1 }
            var sums: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
            for position in start..<end {
                let f = flags[Int(order[position])]
                sums.0 += Int32(f & 1)
                sums.1 += Int32((f >> 1) & 1)
                sums.2 += Int32((f >> 2) & 1)
                sums.3 += Int32((f >> 3) & 1)
            }
            for position in start..<end {
                let e = 4 * Int(order[position])
                pairTotals[e] = sums.0
                pairTotals[e + 1] = sums.1
                pairTotals[e + 2] = sums.2
                pairTotals[e + 3] = sums.3
            }
            start = end
        }

        var result = AssociationCounts(count: n)
        for e in 0..<n {
            let a = Int(addressIds[e]), p = Int(personIds[e])
            let f = flags[e]
            @inline(__always) func linked(_ s: Int) -> Int32 {
                byAddress.statuses[4 * a + s] + byPerson.statuses[4 * p + s] - pairTotals[4 * e + s]
                    - Int32((f >> UInt8(s)) & 1)
            }
            result.addressEnterprises[e] = byAddress.size[a]
            result.addressAbnormal[e] = byAddress.statuses[4 * a] - Int32(f & 1)
            result.personEnterprises[e] = byPerson.size[p]
            result.linkedAbnormal[e] = linked(0)
            result.linkedPenalised[e] = linked(1)
            result.linkedHits[e] = linked(2)
            result.linkedDishonest[e] = linked(3)
        }
        return result
    }

    /// Per group id: its size and, four per group, how many members have each status.
    private struct GroupTotals {
        var size: [Int32]
        var statuses: [Int32]

        init(ids: [Int32], flags: [UInt8]) {
            let groups = Int(ids.max() ?? -1) + 1
            size = [Int32](repeating: 0, count: groups)
            statuses = [Int32](repeating: 0, count: 4 * groups)
            for e in ids.indices {
                let g = Int(ids[e])
                let f = flags[e]
                size[g] += 1
                statuses[4 * g] += Int32(f & 1)
                statuses[4 * g + 1] += Int32((f >> 1) & 1)
                statuses[4 * g + 2] += Int32((f >> 2) & 1)
                statuses[4 * g + 3] += Int32((f >> 3) & 1)
            }
        }
    }

    /// The enterprises of `items` reordered by `keys[item]`, stable; `groupSizes[g]` is the number of items
    /// with key `g`. - Complexity: O(items + groups).
    private static func countingSort<S: Sequence>(_ items: S, keys: [Int32], groupSizes: [Int32]) -> [Int32]
    where S.Element: BinaryInteger {
        var next = [Int](repeating: 0, count: groupSizes.count)
        var total = 0
        for g in groupSizes.indices {
            next[g] = total
            total += Int(groupSizes[g])
        }
        var sorted = [Int32](repeating: 0, count: total)
        for item in items {
            let g = Int(keys[Int(item)])
            sorted[next[g]] = Int32(item)
            next[g] += 1
        }
        return sorted
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
