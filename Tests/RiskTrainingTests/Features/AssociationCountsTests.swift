import Testing

@testable import RiskTraining

@Suite("AssociationCounts against a naive set-based oracle")
struct AssociationCountsTests {
    /// Counts by building every enterprise's linked set explicitly.
    static func naive(addresses: [Int32], persons: [Int32], status: AssociationCounts.Status) -> AssociationCounts {
        let n = addresses.count
        var result = AssociationCounts(count: n)
        let flags = [status.abnormal, status.penalised, status.hit, status.dishonest]
        for e in 0..<n {
            let sameAddress = (0..<n).filter { $0 == e || (addresses[e] >= 0 && addresses[$0] == addresses[e]) }
            let samePerson = (0..<n).filter { $0 == e || (persons[e] >= 0 && persons[$0] == persons[e]) }
            let linked = Set(samePerson).subtracting([e])
            result.addressEnterprises[e] = Int32(sameAddress.count)
            result.personEnterprises[e] = Int32(samePerson.count)
            result.addressAbnormal[e] = Int32(sameAddress.filter { $0 != e && status.abnormal[$0] }.count)
            let counts = flags.map { flag in Int32(linked.filter { flag[$0] }.count) }
            result.linkedAbnormal[e] = counts[0]
            result.linkedPenalised[e] = counts[1]
            result.linkedHits[e] = counts[2]
            result.linkedDishonest[e] = counts[3]
        }
        return result
    }

    @Test("matches the oracle on random networks, parties missing included", arguments: [1 as UInt64, 2, 3, 4])
    func randomNetworks(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let n = 60 + g.index(below: 60)
        let addresses = (0..<n).map { _ in g.bernoulli(0.1) ? -1 : Int32(g.index(below: 12)) }
        let persons = (0..<n).map { _ in g.bernoulli(0.1) ? -1 : Int32(g.index(below: 20)) }
        var status = AssociationCounts.Status(count: n)
        for e in 0..<n {
            status.abnormal[e] = g.bernoulli(0.3)
            status.penalised[e] = g.bernoulli(0.2)
            status.hit[e] = g.bernoulli(0.25)
            status.dishonest[e] = g.bernoulli(0.1)
        }
        let fast = AssociationCounts.compute(addresses: addresses, persons: persons, status: status)
        #expect(fast == Self.naive(addresses: addresses, persons: persons, status: status))
    }

    @Test("a known example: three enterprises share an address, pairs share a person; linked means the same person")
    func known() {
        // 0 and 1 at address 5; 1 and 2 under person 9; 0 and 3 under person 4 and address 5 (3 too).
        let addresses: [Int32] = [5, 5, 6, 5]
        let persons: [Int32] = [4, 9, 9, 4]
        var status = AssociationCounts.Status(count: 4)
        status.abnormal = [false, true, true, true]
        let counts = AssociationCounts.compute(addresses: addresses, persons: persons, status: status)
        #expect(counts.addressEnterprises == [3, 3, 1, 3])
        #expect(counts.personEnterprises == [2, 2, 2, 2])
        #expect(counts.addressAbnormal == [2, 1, 0, 1])
        // Linked sets (same legal person): 0 → {3}; 1 → {2}; 2 → {1}; 3 → {0}. Sharing address 5 links nobody.
        #expect(counts.linkedAbnormal == [1, 1, 1, 0])
    }
}
