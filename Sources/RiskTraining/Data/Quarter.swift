/// A calendar quarter such as `2025Q3`, the time unit of snapshots, labels and splits.
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The calendar year.
    public let year: Int
    /// The quarter of the year, 1...4.
    public let number: Int

    /// The quarter `number` (1...4) of `year`.
    public init(year: Int, number: Int) {
        precondition((1...4).contains(number), "a quarter number is 1...4, got \(number)")
        self.year = year
        self.number = number
    }

    /// Parses `YYYYQn` (e.g. `2026Q2`); `nil` for anything else.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes[4] == UInt8(ascii: "Q"),
            bytes[0..<4].allSatisfy({ (48...57).contains($0) }), (49...52).contains(bytes[5])
        else { return nil }
        let year = bytes[0..<4].reduce(0) { $0 * 10 + Int($1 - 48) }
        self.init(year: year, number: Int(bytes[5] - 48))
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let quarter = Quarter(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected a quarter like 2026Q2, found \"\(text)\""))
        }
        self = quarter
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `YYYYQn`.
    public var description: String { "\(year)Q\(number)" }

    /// A running index: consecutive quarters differ by one.
    public var ordinal: Int { year * 4 + number - 1 }

    /// The quarter with the given running index.
    public init(ordinal: Int) {
        self.init(year: ordinal >= 0 ? ordinal / 4 : (ordinal - 3) / 4, number: ((ordinal % 4) + 4) % 4 + 1)
    }

    /// The quarter `count` quarters later (earlier when negative).
    public func advanced(by count: Int) -> Quarter { Quarter(ordinal: ordinal + count) }

    /// The first day of the quarter.
    public var firstDay: Day { Day(year: year, month: 3 * number - 2, day: 1) }

    /// The last day of the quarter; "as of the quarter's end" means on or before this day.
    public var lastDay: Day { advanced(by: 1).firstDay.advanced(by: -1) }

    public static func < (a: Quarter, b: Quarter) -> Bool { a.ordinal < b.ordinal }
}

/// A calendar day as a count of days since 1970-01-01 (proleptic Gregorian), printed as `YYYY-MM-DD`.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let daysSinceEpoch: Int

    /// The day with the given count since 1970-01-01.
    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// The given civil date (Howard Hinnant's days_from_civil).
    public init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        daysSinceEpoch = era * 146_097 + dayOfEra - 719_468
    }

    /// Parses `YYYY-MM-DD`; `nil` for anything else, including impossible dates such as 2025-02-30.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for b in bytes[range] {
                guard (48...57).contains(b) else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m), d >= 1
        else { return nil }
        let candidate = Day(year: y, month: m, day: d)
        guard candidate.civil == (y, m, d) else { return nil }
        self = candidate
    }

    /// The civil date (Howard Hinnant's civil_from_days).
    public var civil: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The quarter this day falls in.
    public var quarter: Quarter {
        let (y, m, _) = civil
        return Quarter(year: y, number: (m - 1) / 3 + 1)
    }

    /// The day `count` days later (earlier when negative).
    public func advanced(by count: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + count) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = civil
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (a: Day, b: Day) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}
