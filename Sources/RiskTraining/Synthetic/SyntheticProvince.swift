import Foundation
import RiskScoring

/// A synthetic province with a known ground truth: enterprises, their relation network, quarterly indicator
/// snapshots, random and targeted inspections, and the hidden true risk that produced every hit.
///
/// Generation is deterministic: the same parameters give the same bytes whatever the thread count. The
/// province starts `burnInQuarters` before `firstQuarter` so rolling windows (12 months, 3 years) and
/// inspection histories are filled when the first snapshot is written; inspections run through the quarter
/// after the last snapshot, so every snapshot quarter has labels.
public struct SyntheticProvince: Sendable {
    /// What to generate.
    public struct Parameters: Sendable, Codable, Equatable {
        /// Number of enterprises on the register; at least 1.
        public var enterprises: Int
        /// Number of quarterly snapshots written; 1...40.
        public var quarters: Int
        /// The random seed; the same seed gives the same files.
        public var seed: UInt64
        /// The first snapshot quarter. Default 2025Q1.
        public var firstQuarter: Quarter
        /// Share of enterprises drawn for random ("double random") inspection per year, uniform over the
        /// register. Default 0.05, valid (0, 4].
        public var randomInspectionRate: Double
        /// Approximate share of enterprises drawn for targeted inspection per year, with probability rising
        /// with visible warning signs. Default 0.02, valid [0, 4].
        public var targetedInspectionRate: Double
        /// Worker threads; 0 uses all cores. The output does not depend on it, so it is not recorded.
        public var threads: Int = 0

        private enum CodingKeys: String, CodingKey {
            case enterprises, quarters, seed, firstQuarter, randomInspectionRate, targetedInspectionRate
        }

        /// Parameters with the documented defaults.
        public init(
            enterprises: Int, quarters: Int, seed: UInt64, firstQuarter: Quarter = Quarter(year: 2025, number: 1),
            randomInspectionRate: Double = 0.05, targetedInspectionRate: Double = 0.02, threads: Int = 0
        ) {
            self.enterprises = enterprises
            self.quarters = quarters
            self.seed = seed
            self.firstQuarter = firstQuarter
            self.randomInspectionRate = randomInspectionRate
            self.targetedInspectionRate = targetedInspectionRate
            self.threads = threads
        }

        /// Checks every parameter against its valid range.
        public func validate() throws(SyntheticProvinceError) {
            guard enterprises >= 1 else {
                throw .invalidParameter("enterprises", "must be at least 1, got \(enterprises)")
            }
            guard enterprises <= 100_000_000 else {
                throw .invalidParameter("enterprises", "must be at most 100000000, got \(enterprises)")
            }
            guard (1...40).contains(quarters) else {
                throw .invalidParameter("quarters", "must be 1...40, got \(quarters)")
            }
            guard randomInspectionRate > 0 && randomInspectionRate <= 4 else {
                throw .invalidParameter(
                    "random-rate", "must be in (0, 4] inspections per enterprise-year, got \(randomInspectionRate)")
            }
            guard targetedInspectionRate >= 0 && targetedInspectionRate <= 4 else {
                throw .invalidParameter(
                    "targeted-rate", "must be in [0, 4] inspections per enterprise-year, got \(targetedInspectionRate)")
            }
            guard threads >= 0 else {
                throw .invalidParameter("threads", "must be 0 (all cores) or more, got \(threads)")
            }
        }
    }

    /// Quarters simulated before the first snapshot.
    public static let burnInQuarters = 12
    /// Enterprises per parallel block.
    static let blockSize = 4096
    /// Shares of the true-risk grades A, B, C, D used to check separation in `ground_truth.json`.
    public static let trueGradeShares = [0.45, 0.40, 0.10, 0.05]

    /// The file names written into the output folder.
    public enum File {
        public static let enterprises = "enterprises.csv"
        public static let relations = "relations.csv"
        public static let snapshots = "snapshots.csv"
        public static let inspections = "inspections.csv"
        public static let trueRisk = "true_risk.csv"
        public static let groundTruth = "ground_truth.json"
    }

    /// `E` followed by the 1-based enterprise number, zero-padded to eight digits.
    public static func enterpriseID(_ index: Int) -> String { identifier("E", index + 1) }
    /// `A` followed by the address number, zero-padded to eight digits.
    static func addressID(_ id: Int32) -> String { identifier("A", Int(id) + 1) }
    /// `P` followed by the person number, zero-padded to eight digits.
    static func personID(_ id: Int32) -> String { identifier("P", Int(id) + 1) }

    /// `day.description` (`YYYY-MM-DD`) built in one small-string buffer, without allocating.
    static func dateText(_ day: Day) -> String {
        let (year, month, dayOfMonth) = day.civil
        guard (0...9999).contains(year) else { return day.description }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, at position: Int, width: Int) {
                var value = value
                for index in stride(from: position + width - 1, through: position, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, at: 0, width: 4)
            buffer[4] = UInt8(ascii: "-")
            put(month, at: 5, width: 2)
            buffer[7] = UInt8(ascii: "-")
            put(dayOfMonth, at: 8, width: 2)
            return 10
        }
    }

    /// `prefix` followed by `number` zero-padded to eight digits, built in one buffer: identifiers of up to
    /// 15 bytes are small strings, so this allocates nothing.
    static func identifier(_ prefix: String, _ number: Int) -> String {
        precondition(number >= 0, "identifiers are numbered from 0")
        var digits = 1
        var rest = number / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let width = max(8, digits)
        let head = prefix.utf8
        return String(unsafeUninitializedCapacity: head.count + width) { buffer in
            var position = 0
            for byte in head {
                buffer[position] = byte
                position += 1
            }
            var value = number
            for index in stride(from: position + width - 1, through: position, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            return position + width
        }
    }
}

/// Errors from generating a synthetic province.
public enum SyntheticProvinceError: Error, CustomStringConvertible, Equatable {
    /// A parameter is outside its valid range.
    case invalidParameter(String, String)
    /// The output folder cannot be created or written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let problem): "--\(name) \(problem)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason); check the folder exists and is writable"
        }
    }
}
