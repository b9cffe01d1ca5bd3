/// Per-enterprise event counts for the last twelve quarters, kept as a ring indexed by quarter.
///
/// Rolling indicators ("in the last 12 months", "in the last 3 years") are sums over the last 4 or 12 slots.
struct EventHistory: Sendable {
    /// The kinds of events counted per quarter.
    enum Kind: Int, CaseIterable {
        case legalRepChange, addressChange, scopeChange, capitalChange, shareholderChange
        case complaint, negativeNews, qualityFailure, penalty, abnormalListing, inspection, hit
    }

    static let quarters = 12
    /// `Kind.allCases.count`, as a constant the optimiser folds into the offsets.
    private static var kinds: Int { Kind.hit.rawValue + 1 }
    private var counts: [UInt8]
    private var maxFines: [Float]

    init(enterprises: Int) {
        counts = Array(repeating: 0, count: enterprises * Self.kinds * Self.quarters)
        maxFines = Array(repeating: 0, count: enterprises * Self.quarters)
    }

    @inline(__always)
    private func offset(_ enterprise: Int, _ kind: Kind, _ quarter: Int) -> Int {
        (enterprise * Self.kinds + kind.rawValue) * Self.quarters + quarter % Self.quarters
    }

    /// Clears the slot of `quarter` for the given kinds, before the quarter's events are drawn.
    mutating func clear(_ enterprise: Int, quarter: Int, kinds: [Kind]) {
        for kind in kinds { counts[offset(enterprise, kind, quarter)] = 0 }
        if kinds.contains(.penalty) { maxFines[enterprise * Self.quarters + quarter % Self.quarters] = 0 }
    }

    /// Clears the slot of `quarter` for every kind the quarterly advance draws (all but inspections and hits),
    /// and the quarter's largest fine: `clear(_:quarter:kinds:)` without the list.
    @inline(__always)
    mutating func clearAdvanceEvents(_ enterprise: Int, quarter: Int) {
        let slot = quarter % Self.quarters
        let base = enterprise * Self.kinds * Self.quarters + slot
        for kind in 0..<Kind.inspection.rawValue { counts[base + kind * Self.quarters] = 0 }
        maxFines[enterprise * Self.quarters + slot] = 0
    }

    /// Clears the slot of `quarter` for inspections and hits: `clear(_:quarter:kinds: [.inspection, .hit])`
    /// without the list.
    @inline(__always)
    mutating func clearInspections(_ enterprise: Int, quarter: Int) {
        counts[offset(enterprise, .inspection, quarter)] = 0
        counts[offset(enterprise, .hit, quarter)] = 0
    }

    /// Adds `count` events of `kind` in `quarter` (saturating at 255).
    @inline(__always)
    mutating func add(_ enterprise: Int, _ kind: Kind, quarter: Int, count: Int = 1) {
        guard count > 0 else { return }
        let i = offset(enterprise, kind, quarter)
        counts[i] = UInt8(min(255, Int(counts[i]) + count))
    }

    /// Events of `kind` in `quarter`.
    @inline(__always)
    func count(_ enterprise: Int, _ kind: Kind, quarter: Int) -> Int { Int(counts[offset(enterprise, kind, quarter)]) }

    /// Events of `kind` in the `window` quarters ending with `quarter` (quarters before the first are empty).
    func sum(_ enterprise: Int, _ kind: Kind, endingAt quarter: Int, window: Int) -> Int {
        var total = 0
        for q in max(0, quarter - window + 1)...quarter { total += Int(counts[offset(enterprise, kind, q)]) }
        return total
    }

    /// Records a fine in `quarter`, keeping the quarter's largest.
    mutating func recordFine(_ enterprise: Int, _ amount: Float, quarter: Int) {
        let i = enterprise * Self.quarters + quarter % Self.quarters
        maxFines[i] = max(maxFines[i], amount)
    }

    /// The largest fine in the twelve quarters ending with `quarter`.
    func maxFine(_ enterprise: Int, endingAt quarter: Int) -> Float {
        var largest: Float = 0
        for q in max(0, quarter - Self.quarters + 1)...quarter {
            largest = max(largest, maxFines[enterprise * Self.quarters + q % Self.quarters])
        }
        return largest
    }
}
