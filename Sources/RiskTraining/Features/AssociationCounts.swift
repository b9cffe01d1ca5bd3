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
    ///   address) over the enterprises that share both, no comparison sort.
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

        // Every indicator, first taking each enterprise's address–person intersection group to be the
        // enterprise alone; in chunks over all cores.
        let chunkSize = 1 << 16
        let chunks = Parallel.map((n + chunkSize - 1) / chunkSize) { chunk in
            var counts = ChunkCounts(range: chunk * chunkSize..<min(n, (chunk + 1) * chunkSize))
            for e in counts.range {
                let a = 5 * Int(addressIds[e]), p = 5 * Int(personIds[e])
                let f = flags[e]
                let j = e - counts.range.lowerBound
                counts.addressEnterprises[j] = byAddress[a]
                counts.addressAbnormal[j] = byAddress[a + 1] &- Int32(f & 1)
                counts.personEnterprises[j] = byPerson[p]
                for s in 0..<4 {
                    // linked = Σ_A + Σ_P − Σ_{A∩P} − own, with Σ_{A∩P} = own for now.
                    let own = Int32((f >> UInt8(s)) & 1)
                    counts.linked[4 * j + s] = byAddress[a + 1 + s] &+ byPerson[p + 1 + s] &- 2 &* own
                }
                if byAddress[a] > 1 && byPerson[p] > 1 { counts.shared.append(Int32(e)) }
            }
            return counts
        }
        var addressEnterprises: [Int32] = [], addressAbnormal: [Int32] = [], personEnterprises: [Int32] = []
        var linked = [[Int32]](repeating: [], count: 4)
        var shared: [Int32] = []
        addressEnterprises.reserveCapacity(n)
        addressAbnormal.reserveCapacity(n)
        personEnterprises.reserveCapacity(n)
        for s in 0..<4 { linked[s].reserveCapacity(n) }
        for chunk in chunks {
            addressEnterprises += chunk.addressEnterprises
            addressAbnormal += chunk.addressAbnormal
            personEnterprises += chunk.personEnterprises
            for s in 0..<4 { linked[s] += stride(from: s, to: chunk.linked.count, by: 4).lazy.map { chunk.linked[$0] } }
            shared += chunk.shared
        }

        // Enterprises sharing both their address and their person with others: correct the intersection
        // term. A stable counting sort by person, then one by address, orders them by (address, person), so
        // each intersection group is a run.
        let order = countingSort(countingSort(shared, keys: personIds), keys: addressIds)
        var start = 0
        while start < order.count {
            let a = addressIds[Int(order[start])], p = personIds[Int(order[start])]
            var end = start + 1
            while end < order.count && addressIds[Int(order[end])] == a && personIds[Int(order[end])] == p { end += 1 }
            var sums: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
            for position in start..<end {
                let f = flags[Int(order[position])]
                sums.0 &+= Int32(f & 1)
                sums.1 &+= Int32((f >> 1) & 1)
                sums.2 &+= Int32((f >> 2) & 1)
                sums.3 &+= Int32((f >> 3) & 1)
            }
            for position in start..<end {
                let e = Int(order[position])
                let f = flags[e]
                // Replace the provisional Σ_{A∩P} = own by the group's sum.
                linked[0][e] = linked[0][e] &+ Int32(f & 1) &- sums.0
                linked[1][e] = linked[1][e] &+ Int32((f >> 1) & 1) &- sums.1
                linked[2][e] = linked[2][e] &+ Int32((f >> 2) & 1) &- sums.2
                linked[3][e] = linked[3][e] &+ Int32((f >> 3) & 1) &- sums.3
            }
            start = end
        }

        var result = AssociationCounts(count: 0)
        result.addressEnterprises = addressEnterprises
        result.addressAbnormal = addressAbnormal
        result.personEnterprises = personEnterprises
        result.linkedAbnormal = linked[0]
        result.linkedPenalised = linked[1]
        result.linkedHits = linked[2]
        result.linkedDishonest = linked[3]
        return result
    }

    /// The indicators of one chunk of enterprises, with `linked` interleaved four per enterprise, and the
    /// chunk's enterprises that share both their address and their person with others.
    private struct ChunkCounts: Sendable {
        let range: Range<Int>
        var addressEnterprises: [Int32]
        var addressAbnormal: [Int32]
        var personEnterprises: [Int32]
        var linked: [Int32]
        var shared: [Int32] = []

        init(range: Range<Int>) {
            self.range = range
            addressEnterprises = [Int32](repeating: 0, count: range.count)
            addressAbnormal = addressEnterprises
            personEnterprises = addressEnterprises
            linked = [Int32](repeating: 0, count: 4 * range.count)
        }
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

    /// `items` reordered by `keys[item]`, stable. - Complexity: O(items + groups).
    private static func countingSort(_ items: [Int32], keys: [Int32]) -> [Int32] {
        guard !items.isEmpty else { return [] }
        var groups = 0
        for item in items { groups = max(groups, Int(keys[Int(item)]) + 1) }
        var next = [Int](repeating: 0, count: groups + 1)
        for item in items { next[Int(keys[Int(item)]) + 1] += 1 }
        for g in 0..<groups { next[g + 1] += next[g] }
        var sorted = [Int32](repeating: 0, count: items.count)
        for item in items {
            let g = Int(keys[Int(item)])
            sorted[next[g]] = item
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
