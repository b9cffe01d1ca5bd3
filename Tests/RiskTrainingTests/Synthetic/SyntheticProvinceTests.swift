import Foundation
import Testing

@testable import RiskTraining

@Suite("Synthetic province: determinism, realism bands, ground truth")
struct SyntheticProvinceTests {
    static let files = [
        SyntheticProvince.File.enterprises, SyntheticProvince.File.relations, SyntheticProvince.File.snapshots,
        SyntheticProvince.File.inspections, SyntheticProvince.File.trueRisk, SyntheticProvince.File.groundTruth,
    ]

    @Test("the same seed gives byte-identical files with 1 and 2 threads; another seed differs")
    func determinism() throws {
        let one = try TestFiles.syntheticPanel(enterprises: 1500, quarters: 3, seed: 99, threads: 1)
        let two = try TestFiles.syntheticPanel(enterprises: 1500, quarters: 3, seed: 99, threads: 2)
        for file in Self.files {
            #expect(
                try TestFiles.bytes(file, in: one.directory) == TestFiles.bytes(file, in: two.directory),
                "\(file) differs")
        }
        let other = try TestFiles.syntheticPanel(enterprises: 1500, quarters: 3, seed: 100, threads: 2)
        #expect(
            try TestFiles.bytes(SyntheticProvince.File.snapshots, in: one.directory)
                != TestFiles.bytes(SyntheticProvince.File.snapshots, in: other.directory))
    }

    @Test("discovery rates fall in DOMAIN.md's bands and grades by true risk separate strongly")
    func discoveryBands() throws {
        // A high random-inspection rate gives ~10,000 random inspections: the rate's standard error is ~0.3%.
        let (_, truth) = try TestFiles.syntheticPanel(enterprises: 8000, quarters: 4, seed: 3, randomRate: 1.2)
        let d = truth.discovery
        #expect(d.randomInspections > 8000)
        #expect((0.08...0.15).contains(d.randomDiscoveryRate), "random discovery rate \(d.randomDiscoveryRate)")
        #expect(d.targetedDiscoveryRate > d.randomDiscoveryRate, "targeting must find more problems than random draws")
        #expect(d.expectedDOverA >= 8, "expected D/A \(d.expectedDOverA)")
        let observed = d.byTrueRiskGrade.map(\.discoveryRate)
        #expect(observed == observed.sorted() && Set(observed).count == 4, "observed rates \(observed) must rise A→D")
        let shares = d.byTrueRiskGrade.map(\.share)
        for (share, expected) in zip(shares, SyntheticProvince.trueGradeShares) {
            #expect(abs(share - expected) < 0.01)
        }
    }

    @Test("the default programme inspects about 5% of enterprises a year at random")
    func inspectionVolume() throws {
        let (directory, truth) = try TestFiles.syntheticPanel(enterprises: 6000, quarters: 4, seed: 5)
        // 6000 enterprises × 1 year × 5% = 300 expected; Poisson sd ~17.
        #expect((230...370).contains(truth.discovery.randomInspections))
        let panel = try Panel.load(directory: directory)
        #expect(panel.enterpriseIDs.count == 6000 && panel.quarters.count == 4)
    }

    @Test("ground truth: importances sum to 1, null and derived indicators get none, five dimensions")
    func groundTruth() throws {
        let (directory, truth) = try TestFiles.syntheticPanel(enterprises: 2000, quarters: 2, seed: 4)
        #expect(abs(truth.indicators.reduce(0) { $0 + $1.importance } - 1) < 1e-9)
        #expect(abs(truth.dimensions.reduce(0) { $0 + $1.importance } - 1) < 1e-9)
        #expect(truth.dimensions.map(\.name) == ["basic", "dynamic", "supervision", "association", "social"])
        for name in ["branch_count", "licences", "inspections_3y", "large_fine_3y", "complaint_surge"] {
            #expect(truth.indicators.first { $0.name == name }?.importance == 0)
        }
        #expect(truth.indicators.filter { $0.importance > 0 }.count == 38)
        let decoded = try JSONDecoder().decode(
            GroundTruth.self, from: TestFiles.bytes(SyntheticProvince.File.groundTruth, in: directory))
        #expect(decoded == truth)
    }

    @Test("relations have heavy-tailed sharing: one address hosts 10+ enterprises, one person leads several")
    func clusters() throws {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 5000, quarters: 1, seed: 6)
        let panel = try Panel.load(directory: directory)
        let day = try #require(panel.quarters.first).lastDay
        var byAddress: [Int32: Int] = [:]
        var byPerson: [Int32: Int] = [:]
        for relation in panel.relations where relation.holds(on: day) {
            switch relation.kind {
            case .address: byAddress[relation.party, default: 0] += 1
            case .legalPerson: byPerson[relation.party, default: 0] += 1
            }
        }
        #expect((byAddress.values.max() ?? 0) >= 10)
        #expect((byPerson.values.max() ?? 0) >= 3)
        #expect(byAddress.values.filter { $0 == 1 }.count > byAddress.count / 2, "most addresses host one enterprise")
        // Every enterprise holds exactly one address and one legal person on any day.
        #expect(byAddress.values.reduce(0, +) == 5000 && byPerson.values.reduce(0, +) == 5000)
    }

    @Test("invalid parameters are refused with the flag to fix")
    func invalidParameters() {
        let bad: [(SyntheticProvince.Parameters, String)] = [
            (.init(enterprises: 0, quarters: 4, seed: 1), "--enterprises"),
            (.init(enterprises: 10, quarters: 0, seed: 1), "--quarters"),
            (.init(enterprises: 10, quarters: 41, seed: 1), "--quarters"),
            (.init(enterprises: 10, quarters: 4, seed: 1, randomInspectionRate: 0), "--random-rate"),
            (.init(enterprises: 10, quarters: 4, seed: 1, targetedInspectionRate: -1), "--targeted-rate"),
        ]
        for (parameters, flag) in bad {
            #expect {
                try parameters.validate()
            } throws: { error in
                String(describing: error).hasPrefix(flag)
            }
        }
    }
}
