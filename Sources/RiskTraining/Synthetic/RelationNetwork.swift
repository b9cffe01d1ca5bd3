import Foundation

/// The fixed shape of the relation network: which address and person ids are registration hubs and nominee
/// legal persons, and the hidden cluster risk every address and person carries.
struct NetworkShape: Sendable {
    /// Address ids `0..<hubCount` are registration hubs (virtual offices that host dozens to hundreds of
    /// enterprises, a known warning sign).
    let hubCount: Int
    /// Person ids `0..<nomineeCount` are nominee legal representatives of many enterprises.
    let nomineeCount: Int

    /// Hidden risk shared by every enterprise at an address (logit scale).
    func addressLatent(_ id: Int32, seed: UInt64) -> Double {
        var rng = EnterpriseBlock.Stream.addressLatent.generator(seed: seed, UInt64(id))
        return (Int(id) < hubCount ? 0.5 : 0) + 0.3 * rng.normal()
    }

    /// Hidden risk shared by every enterprise under a legal person (logit scale).
    func personLatent(_ id: Int32, seed: UInt64) -> Double {
        var rng = EnterpriseBlock.Stream.personLatent.generator(seed: seed, UInt64(id))
        return (Int(id) < nomineeCount ? 0.5 : 0) + 0.3 * rng.normal()
    }
}

/// The hidden cluster risk of every address and person id handed out so far, indexed by id: the values of
/// ``NetworkShape/addressLatent(_:seed:)`` and ``NetworkShape/personLatent(_:seed:)``, computed once per id
/// instead of once per enterprise-quarter.
struct ClusterLatents: Sendable {
    var address: [Double] = []
    var person: [Double] = []
}

/// One row of `relations.csv`: an enterprise registered at an address, or represented by a legal person,
/// from `start` until the day before `end` (`nil`: still current).
struct RelationRecord: Sendable {
    enum Kind: String, Sendable { case address, legalPerson = "legal_person" }
    let enterprise: Int32
    let kind: Kind
    let party: Int32
    let start: Day
    var end: Day?
}

/// Registered addresses and legal persons of all enterprises, with heavy-tailed sharing.
///
/// At birth an enterprise either joins a registration hub (shell suspects), takes a new address, or shares
/// the address of a randomly chosen earlier enterprise of its region — a Yule–Simon process whose
/// preferential attachment gives the heavy tail of one-address-many-enterprises clusters. Legal persons
/// follow the same process with nominee persons in place of hubs. Later address and legal-representative
/// changes move enterprises through the same choices.
struct RelationNetwork: Sendable {
    let shape: NetworkShape
    private(set) var addresses: [Int32]
    private(set) var persons: [Int32]
    private(set) var records: [RelationRecord] = []
    /// The hidden cluster risk of every address and person id handed out so far.
    private(set) var latents = ClusterLatents()
    private var currentAddressRecord: [Int]
    private var currentPersonRecord: [Int]
    private var nextAddress: Int32
    private var nextPerson: Int32
    private let regionMembers: [[Int32]]
    private let hubsByRegion: [[Int32]]
    /// Per region, the cumulative Zipf weights of its hubs for `pickHub`.
    private let hubWeightsByRegion: [[Double]]
    private let seed: UInt64

    /// Builds the network at birth for enterprises with the given regions, shell flags and establishment days.
    init(seed: UInt64, regions: [UInt8], shells: [Bool], established: [Int32]) {
        let n = regions.count
        self.seed = seed
        shape = NetworkShape(hubCount: max(1, n / 2500), nomineeCount: max(1, n / 1000))
        var rng = SeededGenerator(seed: seed, stream: EnterpriseBlock.Stream.network.rawValue)
        var members = Array(repeating: [Int32](), count: ProvinceCatalog.regions.count)
        for (e, r) in regions.enumerated() { members[Int(r)].append(Int32(e)) }
        regionMembers = members
        var hubs = Array(repeating: [Int32](), count: ProvinceCatalog.regions.count)
        for h in 0..<shape.hubCount {
            hubs[rng.index(cumulativeWeights: ProvinceCatalog.regionWeights)].append(Int32(h))
        }
        hubsByRegion = hubs
        hubWeightsByRegion = hubs.map { ProvinceCatalog.cumulative($0.indices.map { 1 / pow(Double($0 + 1), 0.8) }) }
        nextAddress = Int32(shape.hubCount)
        nextPerson = Int32(shape.nomineeCount)
        addresses = Array(repeating: -1, count: n)
        persons = Array(repeating: -1, count: n)
        currentAddressRecord = Array(repeating: -1, count: n)
        currentPersonRecord = Array(repeating: -1, count: n)
        latents.address.reserveCapacity(n + n / 2)
        latents.person.reserveCapacity(n + n / 2)
        for id in 0..<shape.hubCount { latents.address.append(shape.addressLatent(Int32(id), seed: seed)) }
        for id in 0..<shape.nomineeCount { latents.person.append(shape.personLatent(Int32(id), seed: seed)) }

        // Earlier enterprises of each region, in birth order, for preferential attachment.
        var seen = Array(repeating: [Int32](), count: ProvinceCatalog.regions.count)
        // Sorting (day, index) packed into one Int64 gives the order of sorting the pairs, without a closure.
        let order = (0..<n).map { Int64(established[$0]) << 32 | Int64($0) }.sorted()
        for key in order {
            let e = Int(key & 0xFFFF_FFFF)
            let region = Int(regions[e])
            let day = Day(daysSinceEpoch: Int(established[e]))
            let address: Int32
            if shells[e], let hub = pickHub(region: region, rng: &rng) {
                address = hub
            } else if rng.bernoulli(0.75) || seen[region].isEmpty {
                address = newAddress()
            } else {
                address = addresses[Int(seen[region][rng.index(below: seen[region].count)])]
            }
            let person: Int32
            if rng.bernoulli(shells[e] ? 0.2 : 0.005) {
                person = Int32(rng.index(below: shape.nomineeCount))
            } else if rng.bernoulli(0.88) || seen[region].isEmpty {
                person = newPerson()
            } else {
                person = persons[Int(seen[region][rng.index(below: seen[region].count)])]
            }
            assign(e, .address, address, day: day)
            assign(e, .legalPerson, person, day: day)
            seen[region].append(Int32(e))
        }
    }

    private mutating func newAddress() -> Int32 {
        defer { nextAddress += 1 }
        latents.address.append(shape.addressLatent(nextAddress, seed: seed))
        return nextAddress
    }

    private mutating func newPerson() -> Int32 {
        defer { nextPerson += 1 }
        latents.person.append(shape.personLatent(nextPerson, seed: seed))
        return nextPerson
    }

    /// A hub of the region, the first ones far more popular (Zipf weights 1/(h+1)^0.8).
    private func pickHub(region: Int, rng: inout SeededGenerator) -> Int32? {
        let hubs = hubsByRegion[region]
        guard !hubs.isEmpty else { return nil }
        return hubs[rng.index(cumulativeWeights: hubWeightsByRegion[region])]
    }

    private mutating func assign(_ e: Int, _ kind: RelationRecord.Kind, _ party: Int32, day: Day) {
        let current = kind == .address ? currentAddressRecord[e] : currentPersonRecord[e]
        if current >= 0 { records[current].end = day }
        records.append(RelationRecord(enterprise: Int32(e), kind: kind, party: party, start: day, end: nil))
        switch kind {
        case .address:
            addresses[e] = party
            currentAddressRecord[e] = records.count - 1
        case .legalPerson:
            persons[e] = party
            currentPersonRecord[e] = records.count - 1
        }
    }

    /// Applies the quarter's moves in enterprise order: a new address or person, or one shared with a random
    /// enterprise of the region (hubs attract a tenth of the address moves).
    mutating func apply(_ moves: [MoveRequest], quarterIndex: Int, regions: [UInt8]) {
        var rng = SeededGenerator(seed: seed, stream: EnterpriseBlock.Stream.moves.rawValue, UInt64(quarterIndex))
        for move in moves {
            let region = Int(regions[move.enterprise])
            let members = regionMembers[region]
            let other = Int(members[rng.index(below: members.count)])
            switch move.kind {
            case .address:
                let target: Int32
                if rng.bernoulli(0.1), let hub = pickHub(region: region, rng: &rng) {
                    target = hub
                } else if rng.bernoulli(0.6) || other == move.enterprise {
                    target = newAddress()
                } else {
                    target = addresses[other]
                }
                if target != addresses[move.enterprise] { assign(move.enterprise, .address, target, day: move.day) }
            case .legalPerson:
                let target = rng.bernoulli(0.7) || other == move.enterprise ? newPerson() : persons[other]
                if target != persons[move.enterprise] { assign(move.enterprise, .legalPerson, target, day: move.day) }
            }
        }
    }
}
