import RiskScoring

/// Builds the flat feature table from a ``Panel``: one row per enterprise and snapshot quarter, holding the
/// indicators as of the quarter's last day and the label from inspections in the **following** quarter.
///
/// Columns: `enterprise_id, quarter, region, industry, <indicators…>, inspection_kind, hit`, where the
/// indicators are those the experiment config names, in its order. Each indicator comes from:
/// - the register: `years_established` (to the quarter's last day), `enterprise_type`;
/// - the inspections up to the quarter's last day: `inspections_3y`, `inspection_hits_3y` (the quarter and the
///   eleven before it);
/// - the relations holding on the quarter's last day, over enterprises with a snapshot that quarter:
///   `address_enterprises`, `address_abnormal`, `person_enterprises`, `linked_abnormal`, `linked_penalised`,
///   `linked_hits`, `linked_dishonest` (see ``AssociationCounts``);
/// - otherwise the snapshot column of the same name.
///
/// The label: when the enterprise had a random inspection in the next quarter, `inspection_kind` is `random`
/// and `hit` is 1 if any random inspection found a problem; otherwise the same for targeted inspections;
/// otherwise both are empty. Random labels are never displaced by targeted ones, so discovery rates on
/// `random` rows stay unbiased.
public struct FeatureBuilder: Sendable {
    /// Where an indicator column's values come from.
    enum Source: Sendable, Equatable {
        case yearsEstablished, enterpriseType, region, industry, inspections, inspectionHits
        case association(AssociationCounts.Indicator)
        case snapshot(Int)
    }

    /// The panel the table is built from.
    public let panel: Panel
    /// The indicator columns, in config order (region and industry included or not; they always lead the table).
    public let indicatorColumns: [String]
    private let sources: [Source]
    /// Snapshot columns the association indicators need: abnormal, penalised, dishonest, defaulter.
    private let statusColumns: [Int]?
    private let inspectionQuarters: [Int]
    /// The register's text columns, dictionary-encoded once: one code per enterprise.
    private let registerColumns: [String: CategoricalColumn]

    /// Snapshot columns that association indicators count over linked enterprises.
    static let statusColumnNames = ["abnormal_list_now", "penalties_1y", "serious_dishonesty", "court_defaulter"]

    /// Prepares a builder for the given indicator columns.
    ///
    /// - Throws: `PanelError` when an indicator is neither computed nor a snapshot column, or when association
    ///   indicators are asked for and the snapshots lack the statuses they count.
    public init(panel: Panel, indicatorColumns: [String]) throws {
        self.panel = panel
        self.indicatorColumns = indicatorColumns.filter { $0 != "region" && $0 != "industry" }
        var sources: [Source] = []
        for name in self.indicatorColumns {
            if let association = AssociationCounts.Indicator(rawValue: name) {
                sources.append(.association(association))
                continue
            }
            switch name {
            case "years_established": sources.append(.yearsEstablished)
            case "enterprise_type": sources.append(.enterpriseType)
            case "inspections_3y": sources.append(.inspections)
            case "inspection_hits_3y": sources.append(.inspectionHits)
            default:
                guard let column = panel.snapshotColumns.firstIndex(of: name) else {
                    throw PanelError(
                        file: Panel.File.snapshots, column: name,
                        "the config's indicator \"\(name)\" is neither computed from the panel nor a column of \(Panel.File.snapshots) (columns: \(panel.snapshotColumns.joined(separator: ", "))); add the column or correct the indicator's column name"
                    )
                }
                sources.append(.snapshot(column))
            }
        }
        self.sources = sources
        if sources.contains(where: { if case .association = $0 { true } else { false } }) {
            let missing = Self.statusColumnNames.filter { !panel.snapshotColumns.contains($0) }
            guard missing.isEmpty else {
                throw PanelError(
                    file: Panel.File.snapshots,
                    "association indicators count linked enterprises by \(Self.statusColumnNames.joined(separator: ", ")), but \(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") not in the snapshots; add the columns or drop the association indicators"
                )
            }
            statusColumns = Self.statusColumnNames.compactMap { panel.snapshotColumns.firstIndex(of: $0) }
        } else {
            statusColumns = nil
        }
        inspectionQuarters = panel.inspections.map { $0.day.quarter.ordinal }
        registerColumns = [
            "enterprise_id": CategoricalColumn(
                codes: panel.enterpriseIDs.indices.map { Int32($0) }, vocabulary: panel.enterpriseIDs),
            "region": CategoricalColumn(values: panel.regions),
            "industry": CategoricalColumn(values: panel.industries),
            "enterprise_type": CategoricalColumn(values: panel.enterpriseTypes),
        ]
    }

    /// Register column `name` restricted to `rows`.
    private func register(_ name: String, _ rows: [Int]) -> Column {
        let all = registerColumns[name] ?? CategoricalColumn(codes: [], vocabulary: [])
        return Column(
            name: name,
            storage: .categorical(CategoricalColumn(codes: rows.map { all.codes[$0] }, vocabulary: all.vocabulary)))
    }

    /// The feature table's header.
    public var header: [String] {
        ["enterprise_id", "quarter", "region", "industry"] + indicatorColumns + ["inspection_kind", "hit"]
    }

    /// The rows of the `index`-th snapshot quarter of the panel, in register order.
    public func table(quarterAt index: Int) -> Dataset {
        let quarter = panel.quarters[index]
        let lastDay = quarter.lastDay
        let present = panel.hasSnapshot[index]
        let snapshot = panel.snapshotValues[index]
        let rows = present.indices.filter { present[$0] }
        let n = panel.enterpriseIDs.count

        // Inspection counts over the twelve quarters ending with this one, and next quarter's labels.
        let window = (quarter.ordinal - FeatureFormulas.inspectionWindowQuarters + 1)...quarter.ordinal
        var inspected = [Int32](repeating: 0, count: n)
        var hits = [Int32](repeating: 0, count: n)
        var label = [Label](repeating: Label(), count: n)
        for (inspection, q) in zip(panel.inspections, inspectionQuarters) {
            let e = Int(inspection.enterprise)
            if window.contains(q) {
                inspected[e] += 1
                if inspection.hit { hits[e] += 1 }
            } else if q == quarter.ordinal + 1 {
                label[e].record(inspection)
            }
        }

        var association = AssociationCounts(count: 0)
        if let statusColumns {
            var addresses = [Int32](repeating: -1, count: n)
            var persons = [Int32](repeating: -1, count: n)
            var addressStart = [Day?](repeating: nil, count: n)
            var personStart = [Day?](repeating: nil, count: n)
            // The relation holding on the last day; of overlapping ones, the latest to start wins.
            for relation in panel.relations where relation.holds(on: lastDay) && present[Int(relation.enterprise)] {
                let e = Int(relation.enterprise)
                switch relation.kind {
                case .address:
                    if addressStart[e].map({ relation.start >= $0 }) ?? true {
                        addresses[e] = relation.party
                        addressStart[e] = relation.start
                    }
                case .legalPerson:
                    if personStart[e].map({ relation.start >= $0 }) ?? true {
                        persons[e] = relation.party
                        personStart[e] = relation.start
                    }
                }
            }
            var status = AssociationCounts.Status(count: n)
            for e in rows {
                status.abnormal[e] = snapshot[statusColumns[0]][e] > 0
                status.penalised[e] = snapshot[statusColumns[1]][e] > 0
                status.hit[e] = hits[e] > 0
                status.dishonest[e] = snapshot[statusColumns[2]][e] > 0 || snapshot[statusColumns[3]][e] > 0
            }
            association = AssociationCounts.compute(addresses: addresses, persons: persons, status: status)
        }

        var columns: [Column] = [
            register("enterprise_id", rows),
            Column(
                name: "quarter",
                storage: .categorical(
                    CategoricalColumn(codes: Array(repeating: 0, count: rows.count), vocabulary: [quarter.description]))
            ),
            register("region", rows),
            register("industry", rows),
        ]
        for (name, source) in zip(indicatorColumns, sources) {
            switch source {
            case .yearsEstablished:
                columns.append(
                    .numeric(
                        name,
                        rows.map {
                            Float(FeatureFormulas.yearsEstablished(established: panel.established[$0], asOf: lastDay))
                        }))
            case .enterpriseType: columns.append(register("enterprise_type", rows))
            case .region: columns.append(register("region", rows))
            case .industry: columns.append(register("industry", rows))
            case .inspections: columns.append(.numeric(name, rows.map { Float(inspected[$0]) }))
            case .inspectionHits: columns.append(.numeric(name, rows.map { Float(hits[$0]) }))
            case .association(let indicator):
                let counts = association[indicator]
                columns.append(.numeric(name, rows.map { Float(counts[$0]) }))
            case .snapshot(let column):
                let values = snapshot[column]
                columns.append(.numeric(name, rows.map { values[$0] }))
            }
        }
        let kinds = InspectionKind.allCases
        columns.append(
            Column(
                name: "inspection_kind",
                storage: .categorical(
                    CategoricalColumn(
                        codes: rows.map { row in
                            label[row].kind.flatMap { kinds.firstIndex(of: $0) }.map { Int32($0) } ?? -1
                        },
                        vocabulary: kinds.map(\.rawValue)))))
        columns.append(.numeric("hit", rows.map { label[$0].hit.map { $0 ? 1 : 0 } ?? .nan }))
        return Dataset(columns: columns)
    }

    /// The label an enterprise gets from its inspections in one quarter.
    struct Label {
        private(set) var kind: InspectionKind?
        private var anyHit = false

        /// 1 or 0 when inspected, `nil` otherwise.
        var hit: Bool? { kind == nil ? nil : anyHit }

        /// Folds one inspection in: random inspections take precedence over targeted ones.
        mutating func record(_ inspection: Panel.Inspection) {
            switch (kind, inspection.kind) {
            case (nil, _), (.targeted, .random):
                kind = inspection.kind
                anyHit = inspection.hit
            case (.random, .random), (.targeted, .targeted):
                anyHit = anyHit || inspection.hit
            case (.random, .targeted):
                break
            }
        }
    }
}
