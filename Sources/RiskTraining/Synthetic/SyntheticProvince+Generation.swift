import Foundation
import RiskScoring

extension SyntheticProvince {
    /// Generates the province into `directory` (created if needed) and returns its ground truth.
    ///
    /// Writes `enterprises.csv`, `relations.csv`, `snapshots.csv`, `inspections.csv`, `true_risk.csv` and
    /// `ground_truth.json`; each file appears atomically, complete or not at all.
    /// - Complexity: O(enterprises × (quarters + burn-in)) time; memory O(enterprises) plus the true risk of
    ///   every snapshot row (4 bytes each).
    public static func generate(
        _ parameters: Parameters, into directory: String, progress: (String) -> Void = { _ in }
    ) throws -> GroundTruth {
        try parameters.validate()
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SyntheticProvinceError.cannotWrite(path: directory, reason: error.localizedDescription)
        }
        func path(_ file: String) -> String { (directory as NSString).appendingPathComponent(file) }
        let start = Date()
        func elapsed() -> String { String(format: "%.1f s", Date().timeIntervalSince(start)) }

        let n = parameters.enterprises
        let seed = parameters.seed
        let threads = parameters.threads
        let registerStart = parameters.firstQuarter.advanced(by: -burnInQuarters).firstDay
        let blockCount = (n + blockSize - 1) / blockSize
        var blocks = Parallel.map(blockCount, threads: threads) { b in
            EnterpriseBlock(
                first: b * blockSize, count: min(blockSize, n - b * blockSize), seed: seed, registerStart: registerStart
            )
        }
        let regions = blocks.flatMap(\.region)
        var network = RelationNetwork(
            seed: seed, regions: regions, shells: blocks.flatMap(\.shell), established: blocks.flatMap(\.established))
        try writeEnterprises(blocks, threads: threads, to: path(File.enterprises))
        progress("synth: \(n) enterprises registered (\(elapsed()))")

        let model = TrueRiskModel()
        let programme = InspectionProgramme(
            randomRate: parameters.randomInspectionRate, targetedRate: parameters.targetedInspectionRate)
        let snapshots = try CSVWriter(
            path: path(File.snapshots),
            header: ["enterprise_id", "quarter"] + SyntheticIndicator.snapshotIndicators.map(\.column))
        let trueRiskFile = try CSVWriter(path: path(File.trueRisk), header: ["enterprise_id", "quarter", "true_risk"])
        var inspections: [(planned: Int, SyntheticInspection)] = []
        var panelRisk: [Float] = []
        panelRisk.reserveCapacity(n * parameters.quarters)
        var spread = TermSpread(terms: model.terms.count)
        var association = AssociationCounts(count: n)

        for k in 0..<(burnInQuarters + parameters.quarters) {
            let quarter = parameters.firstQuarter.advanced(by: k - burnInQuarters)
            let panel = k >= burnInQuarters
            // Blocks are updated in place (`map(updating:)`), so their arrays are never copied.
            let before = QuarterContext(
                seed: seed, index: k, quarter: quarter, addresses: network.addresses, persons: network.persons,
                association: association, network: network.shape, latents: network.latents)
            let advanced = Parallel.map(updating: &blocks, threads: threads) { block, _ in block.advance(before) }
            network.apply(advanced.flatMap(\.moves), quarterIndex: k, regions: regions)
            var status = AssociationCounts.Status(count: 0)
            for result in advanced {
                status.abnormal += result.status.abnormal
                status.penalised += result.status.penalised
                status.hit += result.status.hit
                status.dishonest += result.status.dishonest
            }
            association = AssociationCounts.compute(
                addresses: network.addresses, persons: network.persons, status: status)

            let after = QuarterContext(
                seed: seed, index: k, quarter: quarter, addresses: network.addresses, persons: network.persons,
                association: association, network: network.shape, latents: network.latents)
            let observed = Parallel.map(updating: &blocks, threads: threads) { block, _ in
                block.observe(after, model: model, programme: programme, record: panel)
            }
            for observation in observed {
                inspections += observation.inspections.map { (k, $0) }
                guard panel else { continue }
                try snapshots.write(observation.snapshotRows)
                try trueRiskFile.write(observation.trueRiskRows)
                panelRisk += observation.trueRisk
                spread.add(
                    sums: observation.termSums, squares: observation.termSquares, bins: observation.termBins,
                    conditions: observation.interactionConditions)
            }
            progress(
                "synth: \(panel ? "quarter" : "burn-in") \(quarter) (\(k + 1)/\(burnInQuarters + parameters.quarters)), \(elapsed())"
            )
        }
        try snapshots.close()
        try trueRiskFile.close()
        try writeInspections(inspections.map(\.1), to: path(File.inspections))
        try writeRelations(network.records, enterprises: n, threads: threads, to: path(File.relations))

        let truth = groundTruth(
            parameters: parameters, model: model, spread: spread,
            panelRisk: panelRisk, inspections: inspections.filter { $0.planned >= burnInQuarters }.map(\.1))
        try writeJSON(truth, to: path(File.groundTruth))
        progress(
            "synth: done in \(elapsed()): random discovery rate \(String(format: "%.3f", truth.discovery.randomDiscoveryRate)), expected D/A \(String(format: "%.1f", truth.discovery.expectedDOverA))"
        )
        return truth
    }

    /// Writes `enterprises.csv`, formatting the blocks' rows in parallel.
    private static func writeEnterprises(_ blocks: [EnterpriseBlock], threads: Int, to path: String) throws {
        let writer = try CSVWriter(
            path: path, header: ["enterprise_id", "region", "industry", "enterprise_type", "established"])
        let encoded = Parallel.map(blocks.count, threads: threads) { b in
            let block = blocks[b]
            var rows = CSVRowEncoder(capacity: block.count * 48)
            for i in 0..<block.count {
                let codes = block.registerCodes(i)
                rows.field(enterpriseID(block.first + i))
                rows.field(codes.region)
                rows.field(codes.industry)
                rows.field(codes.type)
                rows.field(dateText(Day(daysSinceEpoch: Int(block.established[i]))))
                rows.endRecord()
            }
            return rows
        }
        for rows in encoded { try writer.write(rows) }
        try writer.close()
    }

    private static func writeInspections(_ inspections: [SyntheticInspection], to path: String) throws {
        let writer = try CSVWriter(path: path, header: ["inspection_id", "enterprise_id", "date", "kind", "hit"])
        var rows = CSVRowEncoder()
        for (number, inspection) in inspections.enumerated() {
            rows.field(identifier("I", number + 1))
            rows.field(enterpriseID(Int(inspection.enterprise)))
            rows.field(Day(daysSinceEpoch: Int(inspection.day)).description)
            rows.field(inspection.targeted ? "targeted" : "random")
            rows.field(inspection.hit ? 1 : 0)
            rows.endRecord()
        }
        try writer.write(rows)
        try writer.close()
    }

    /// Writes `relations.csv` ordered by (enterprise, start, record number), formatting rows in parallel.
    private static func writeRelations(
        _ records: [RelationRecord], enterprises: Int, threads: Int, to path: String
    ) throws {
        let writer = try CSVWriter(
            path: path, header: ["enterprise_id", "relation", "party_id", "start_date", "end_date"])
        // A stable counting sort by enterprise keeps record numbers ascending within an enterprise; an
        // insertion sort by start day then orders each enterprise's few records (stable, so ties keep
        // record order): the order of sorting by (enterprise, start, record number).
        var next = [Int](repeating: 0, count: enterprises + 1)
        for record in records { next[Int(record.enterprise) + 1] += 1 }
        for e in 0..<enterprises { next[e + 1] += next[e] }
        let groupStart = next
        var order = [Int32](repeating: 0, count: records.count)
        for (index, record) in records.enumerated() {
            let e = Int(record.enterprise)
            order[next[e]] = Int32(index)
            next[e] += 1
        }
        for e in 0..<enterprises where groupStart[e + 1] - groupStart[e] > 1 {
            for position in (groupStart[e] + 1)..<groupStart[e + 1] {
                let item = order[position]
                let day = records[Int(item)].start
                var slot = position
                while slot > groupStart[e] && records[Int(order[slot - 1])].start > day {
                    order[slot] = order[slot - 1]
                    slot -= 1
                }
                order[slot] = item
            }
        }
        let chunkSize = 1 << 16
        let sortedOrder = order
        let encoded = Parallel.map((records.count + chunkSize - 1) / chunkSize, threads: threads) { chunk in
            var rows = CSVRowEncoder(capacity: chunkSize * 48)
            for position in (chunk * chunkSize)..<min(records.count, (chunk + 1) * chunkSize) {
                let record = records[Int(sortedOrder[position])]
                rows.field(enterpriseID(Int(record.enterprise)))
                rows.field(record.kind.rawValue)
                rows.field(record.kind == .address ? addressID(record.party) : personID(record.party))
                rows.field(dateText(record.start))
                if let end = record.end { rows.field(dateText(end)) } else { rows.emptyField() }
                rows.endRecord()
            }
            return rows
        }
        for rows in encoded { try writer.write(rows) }
        try writer.close()
    }

    static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
        do {
            try ReportFile.writeJSON(value, to: path)
        } catch {
            throw SyntheticProvinceError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}
