import Foundation
import RiskScoring

extension Panel {
    /// The file names of a panel folder.
    public enum File {
        public static let enterprises = "enterprises.csv"
        public static let relations = "relations.csv"
        public static let snapshots = "snapshots.csv"
        public static let inspections = "inspections.csv"
    }

    /// Reads a panel folder (see ``Panel`` for the files and their columns).
    ///
    /// - Throws: `CSVError` for unreadable CSV (naming file, line, column), `PanelError` for content that
    ///   makes no sense: an unknown or duplicate enterprise id, a bad date, quarter, relation or inspection
    ///   kind, a hit other than 0 or 1, two snapshots of one enterprise in one quarter.
    public static func load(directory: String) throws -> Panel {
        func path(_ file: String) -> String { (directory as NSString).appendingPathComponent(file) }
        var panel = try loadEnterprises(path(File.enterprises))
        var index: [String: Int32] = [:]
        index.reserveCapacity(panel.enterpriseIDs.count)
        for (i, id) in panel.enterpriseIDs.enumerated() { index[id] = Int32(i) }
        panel.relations = try loadRelations(path(File.relations), index: index)
        try loadSnapshots(path(File.snapshots), index: index, into: &panel)
        panel.inspections = try loadInspections(path(File.inspections), index: index)
        return panel
    }

    /// Column positions of `names` in the reader's header; one error lists every missing name.
    static func columns(_ names: [String], in reader: CSVReader) throws -> [Int] {
        let missing = names.filter { !reader.header.contains($0) }
        guard missing.isEmpty else {
            throw CSVError(.missingColumns(missing: missing, header: reader.header), file: reader.name)
        }
        return names.map { name in reader.header.firstIndex(of: name) ?? -1 }
    }

    static func day(_ record: CSVRecord, _ field: Int, file: String) throws -> Day {
        let text = try record.string(field)
        guard let day = Day(text) else {
            throw PanelError(
                file: file, line: record.line(ofField: field), column: record.header(field),
                "expected a date like 2025-06-30, found \"\(text)\"; write dates as YYYY-MM-DD")
        }
        return day
    }

    static func enterprise(_ record: CSVRecord, _ field: Int, index: [String: Int32], file: String) throws -> Int32 {
        let id = try record.string(field)
        guard let e = index[id] else {
            throw PanelError(
                file: file, line: record.line(ofField: field), column: record.header(field),
                "unknown enterprise \"\(id)\"; every enterprise must be listed in \(File.enterprises)")
        }
        return e
    }

    private static func loadEnterprises(_ path: String) throws -> Panel {
        let reader = try CSVReader(path: path)
        let c = try columns(["enterprise_id", "region", "industry", "enterprise_type", "established"], in: reader)
        var panel = Panel(
            enterpriseIDs: [], regions: [], industries: [], enterpriseTypes: [], established: [], relations: [],
            snapshotColumns: [], quarters: [], snapshotValues: [], hasSnapshot: [], inspections: [])
        var seen: [String: Int] = [:]
        var record = CSVRecord()
        while try reader.next(into: &record) {
            let id = try record.string(c[0])
            guard !id.isEmpty else {
                throw PanelError(
                    file: reader.name, line: record.line, column: "enterprise_id",
                    "the enterprise id is empty; give every enterprise an id")
            }
            if let first = seen[id] {
                throw PanelError(
                    file: reader.name, line: record.line, column: "enterprise_id",
                    "enterprise \"\(id)\" is listed twice (first on line \(first)); list each enterprise once")
            }
            seen[id] = record.line
            panel.enterpriseIDs.append(id)
            panel.regions.append(try record.string(c[1]))
            panel.industries.append(try record.string(c[2]))
            panel.enterpriseTypes.append(try record.string(c[3]))
            panel.established.append(try day(record, c[4], file: reader.name))
        }
        return panel
    }

    private static func loadRelations(_ path: String, index: [String: Int32]) throws -> [Relation] {
        let reader = try CSVReader(path: path)
        let c = try columns(["enterprise_id", "relation", "party_id", "start_date", "end_date"], in: reader)
        var parties: [Relation.Kind: [String: Int32]] = [.address: [:], .legalPerson: [:]]
        var relations: [Relation] = []
        var record = CSVRecord()
        while try reader.next(into: &record) {
            let e = try enterprise(record, c[0], index: index, file: reader.name)
            let kindText = try record.string(c[1])
            guard let kind = Relation.Kind(rawValue: kindText) else {
                throw PanelError(
                    file: reader.name, line: record.line(ofField: c[1]), column: "relation",
                    "expected \"address\" or \"legal_person\", found \"\(kindText)\"")
            }
            let partyID = try record.string(c[2])
            guard !partyID.isEmpty else {
                throw PanelError(
                    file: reader.name, line: record.line(ofField: c[2]), column: "party_id",
                    "the party id is empty; name the address or person")
            }
            let party: Int32
            if let known = parties[kind]?[partyID] {
                party = known
            } else {
                party = Int32(parties[kind]?.count ?? 0)
                parties[kind]?[partyID] = party
            }
            let start = try day(record, c[3], file: reader.name)
            var end: Day?
            if !record.isEmpty(c[4]) {
                let last = try day(record, c[4], file: reader.name)
                guard last >= start else {
                    throw PanelError(
                        file: reader.name, line: record.line(ofField: c[4]), column: "end_date",
                        "the relation ends (\(last)) before it starts (\(start)); correct the dates")
                }
                end = last
            }
            relations.append(Relation(enterprise: e, kind: kind, party: party, start: start, end: end))
        }
        return relations
    }

    private static func loadSnapshots(_ path: String, index: [String: Int32], into panel: inout Panel) throws {
        let reader = try CSVReader(path: path)
        let c = try columns(["enterprise_id", "quarter"], in: reader)
        let valueColumns = reader.header.indices.filter { !c.contains($0) }
        panel.snapshotColumns = valueColumns.map { reader.header[$0] }
        let n = panel.enterpriseIDs.count
        var quarterSlot: [Quarter: Int] = [:]
        var quarters: [Quarter] = []
        var values: [[[Float]]] = []
        var present: [[Bool]] = []
        var record = CSVRecord()
        var previous = -1
        while try reader.next(into: &record) {
            // Snapshots usually follow the register's order: check the next enterprise before hashing the id.
            let expected = previous + 1 < n ? previous + 1 : 0
            let inOrder = n > 0 && record.withField(c[0]) { $0.elementsEqual(panel.enterpriseIDs[expected].utf8) }
            let e = inOrder ? expected : Int(try enterprise(record, c[0], index: index, file: reader.name))
            previous = e
            let quarterText = try record.string(c[1])
            guard let quarter = Quarter(quarterText) else {
                throw PanelError(
                    file: reader.name, line: record.line(ofField: c[1]), column: "quarter",
                    "expected a quarter like 2025Q3, found \"\(quarterText)\"")
            }
            let slot: Int
            if let known = quarterSlot[quarter] {
                slot = known
            } else {
                slot = quarters.count
                quarterSlot[quarter] = slot
                quarters.append(quarter)
                values.append(Array(repeating: Array(repeating: .nan, count: n), count: valueColumns.count))
                present.append(Array(repeating: false, count: n))
            }
            guard !present[slot][e] else {
                throw PanelError(
                    file: reader.name, line: record.line, column: "quarter",
                    "enterprise \"\(panel.enterpriseIDs[e])\" has a second snapshot for \(quarter); keep one row per enterprise and quarter"
                )
            }
            present[slot][e] = true
            for (j, field) in valueColumns.enumerated() where !record.isEmpty(field) {
                guard let value = record.float(field) else {
                    throw record.error(.invalidNumber(found: record.lossyString(field)), field: field)
                }
                values[slot][j][e] = value
            }
        }
        let order = quarters.indices.sorted { quarters[$0] < quarters[$1] }
        panel.quarters = order.map { quarters[$0] }
        panel.snapshotValues = order.map { values[$0] }
        panel.hasSnapshot = order.map { present[$0] }
    }

    private static func loadInspections(_ path: String, index: [String: Int32]) throws -> [Inspection] {
        let reader = try CSVReader(path: path)
        let c = try columns(["enterprise_id", "date", "kind", "hit"], in: reader)
        var inspections: [Inspection] = []
        var record = CSVRecord()
        while try reader.next(into: &record) {
            let e = try enterprise(record, c[0], index: index, file: reader.name)
            let date = try day(record, c[1], file: reader.name)
            let kindText = try record.string(c[2])
            guard let kind = InspectionKind(rawValue: kindText) else {
                throw PanelError(
                    file: reader.name, line: record.line(ofField: c[2]), column: "kind",
                    "expected \"random\" or \"targeted\", found \"\(kindText)\"")
            }
            let hitText = try record.string(c[3])
            guard hitText == "0" || hitText == "1" else {
                throw PanelError(
                    file: reader.name, line: record.line(ofField: c[3]), column: "hit",
                    "expected 0 (no problem found) or 1 (a problem found), found \"\(hitText)\"")
            }
            inspections.append(Inspection(enterprise: e, day: date, kind: kind, hit: hitText == "1"))
        }
        return inspections
    }
}

extension CSVRecord {
    /// The header name of field `i`, for messages.
    func header(_ i: Int) -> String? { error(.missingValue, field: i).columnName }
}
