import Foundation

/// A linear axis: a domain of values mapped onto a pixel range, with "nice" ticks (1, 2 or 5 × 10ᵏ apart) and
/// their labels in one fixed format.
public struct SVGAxis: Sendable, Equatable {
    /// How tick labels are written.
    public enum Format: Sendable, Equatable {
        /// `12.5%` for 0.125, with as many decimals as the tick step needs.
        case percent
        /// `0.25`, `300`: as many decimals as the tick step needs.
        case number
    }

    /// The values at the ends of the axis.
    public var lower: Double
    public var upper: Double
    /// The pixels they map to (for a vertical axis `start` is the bottom).
    public var start: Double
    public var end: Double
    /// The tick values, from `lower` to `upper`.
    public var ticks: [Double]
    public var format: Format

    /// An axis over `lower...upper` (widened to whole ticks when `nice`), about `tickCount` ticks.
    public init(
        lower: Double, upper: Double, start: Double, end: Double, format: Format = .number, tickCount: Int = 5,
        nice: Bool = true
    ) {
        var low = lower.isFinite ? lower : 0
        var high = upper.isFinite ? upper : 1
        if high <= low { high = low + 1 }
        let step = Self.niceStep((high - low) / Double(max(1, tickCount)))
        if nice {
            low = (low / step).rounded(.down) * step
            high = (high / step).rounded(.up) * step
        }
        self.lower = low
        self.upper = high
        self.start = start
        self.end = end
        self.format = format
        var ticks: [Double] = []
        var index = (low / step).rounded(.up)
        while index * step <= high + step * 1e-9 {
            ticks.append(index * step)
            index += 1
        }
        self.ticks = ticks
    }

    /// The smallest of 1, 2, 5 × 10ᵏ at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-12) { return factor * magnitude }
        return 10 * magnitude
    }

    /// The pixel of `value` (values outside the domain are clamped to it).
    public func position(_ value: Double) -> Double {
        let clamped = min(max(value.isFinite ? value : lower, lower), upper)
        return start + (clamped - lower) / (upper - lower) * (end - start)
    }

    /// The label of tick `value`.
    public func label(_ value: Double) -> String {
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : max(abs(value), 1)
        switch format {
        case .percent:
            let decimals = max(0, Int((-log10(step * 100)).rounded(.up)))
            return String(format: "%.\(decimals)f%%", value * 100 == 0 ? 0 : value * 100)
        case .number:
            let decimals = max(0, Int((-log10(step)).rounded(.up)))
            return String(format: "%.\(decimals)f", value == 0 ? 0 : value)
        }
    }
}
