import RiskScoring

/// The raw panel a province's data team exports, held in memory: the register, the relation table,
/// quarterly indicator snapshots and inspection records. ``FeatureBuilder`` turns it into the flat feature
/// table.
///
/// On disk a panel is a folder of CSV files (`riskgrade synth` writes one):
/// - `enterprises.csv`: `enterprise_id, region, industry, enterprise_type, established` (YYYY-MM-DD);
/// - `relations.csv`: `enterprise_id, relation` (`address` or `legal_person`), `party_id, start_date, end_date`
///   (empty while current; the relation holds from `start_date` up to the day before `end_date`);
/// - `snapshots.csv`: `enterprise_id, quarter` (YYYYQn) and one numeric column per indicator, as of the
///   quarter's last day;
/// - `inspections.csv`: `inspection_id, enterprise_id, date, kind` (`random` or `targeted`), `hit` (0 or 1).
public struct Panel: Sendable {
    /// Enterprise ids in register order; an enterprise's index is its position here.
    public var enterpriseIDs: [String]
    /// Region code per enterprise.
    public var regions: [String]
    /// Industry code per enterprise.
    public var industries: [String]
    /// Enterprise type per enterprise.
    public var enterpriseTypes: [String]
    /// Establishment day per enterprise.
    public var established: [Day]
    /// The relation table.
    public var relations: [Relation]
    /// The snapshot indicator columns, in file order.
    public var snapshotColumns: [String]
    /// The snapshot quarters, ascending.
    public var quarters: [Quarter]
    /// Per quarter (as in `quarters`), per snapshot column, one value per enterprise (NaN when missing).
    public var snapshotValues: [[[Float]]]
    /// Per quarter, whether each enterprise has a snapshot.
    public var hasSnapshot: [[Bool]]
    /// The inspection records, in file order.
    public var inspections: [Inspection]

    /// An enterprise's registered address or legal representative over a span of days.
    public struct Relation: Sendable, Equatable {
        /// What the party is to the enterprise.
        public enum Kind: String, Sendable, CaseIterable { case address, legalPerson = "legal_person" }
        /// The enterprise's index.
        public var enterprise: Int32
        public var kind: Kind
        /// The party's index among parties of the same kind.
        public var party: Int32
        /// First day the relation holds.
        public var start: Day
        /// First day it no longer holds; `nil` while current.
        public var end: Day?

        /// Whether the relation holds on `day`.
        public func holds(on day: Day) -> Bool { start <= day && (end.map { day < $0 } ?? true) }
    }

    /// One inspection.
    public struct Inspection: Sendable, Equatable {
        /// The enterprise's index.
        public var enterprise: Int32
        public var day: Day
        public var kind: InspectionKind
        /// Whether the inspection found a problem.
        public var hit: Bool
    }

    /// The panel as it was known at the end of `day`: snapshots of later quarters, inspections after `day`,
    /// relations starting after it are dropped, and relations ending after it become current.
    public func truncated(after day: Day) -> Panel {
        var copy = self
        let keep = quarters.indices.filter { quarters[$0].lastDay <= day }
        copy.quarters = keep.map { quarters[$0] }
        copy.snapshotValues = keep.map { snapshotValues[$0] }
        copy.hasSnapshot = keep.map { hasSnapshot[$0] }
        copy.inspections = inspections.filter { $0.day <= day }
        copy.relations = relations.compactMap { relation in
            guard relation.start <= day else { return nil }
            var known = relation
            if let end = relation.end, end > day { known.end = nil }
            return known
        }
        return copy
    }
}
