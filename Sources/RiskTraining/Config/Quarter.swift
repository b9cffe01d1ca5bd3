/// A calendar quarter such as `2026Q2`, the unit in which snapshots are taken and models are retrained.
public struct Quarter: Hashable, Comparable, Sendable, LosslessStringConvertible {
    /// The calendar year, four digits.
    public var year: Int
    /// The quarter of the year, 1 to 4.
    public var quarter: Int

    /// The quarter `quarter` (1-4) of `year`.
    public init(year: Int, quarter: Int) {
        precondition((1...4).contains(quarter), "a quarter is 1 to 4, got \(quarter)")
        self.year = year
        self.quarter = quarter
    }

    /// Parses `YYYYQn` (e.g. `2026Q2`); `nil` for anything else.
    public init?(_ description: String) {
        let characters = Array(description)
        guard characters.count == 6, characters[4] == "Q",
            characters[0..<4].allSatisfy({ $0.isASCII && $0.isNumber }),
            let year = Int(String(characters[0..<4])),
            let quarter = Int(String(characters[5])), (1...4).contains(quarter)
        else { return nil }
        self.init(year: year, quarter: quarter)
    }

    /// `YYYYQn`, e.g. `2026Q2`.
    public var description: String { "\(year)Q\(quarter)" }

    /// Earlier quarters come first.
    public static func < (lhs: Quarter, rhs: Quarter) -> Bool {
        (lhs.year, lhs.quarter) < (rhs.year, rhs.quarter)
    }
}
