import Foundation
import RiskScoring

/// One indicator's monotone bins over the training rows, with each bin's weighted statistics, weight of
/// evidence and information value.
///
/// ```
/// E = Σ_b eᵇ (weighted hits),   N = Σ_b nᵇ (weighted non-hits),   over every bin, the missing bin included
/// WOE_b = ln( (e_b / E) / (n_b / N) )            (riskier bins have larger WOE)
/// IV_b  = (e_b / E − n_b / N) · WOE_b,   IV = Σ_b IV_b
/// ```
/// Smoothing: a bin with training weight but no hits or no non-hits gets 0.5 (of weight) added to both its
/// hits and non-hits before its WOE is taken (its IV uses the raw shares); a bin with no training weight at
/// all (a missing bin no training row fell in, say) gets WOE 0, the population's odds. Bins are indexed as
/// ``IndicatorBins`` indexes them: value bins, then the missing bin.
public struct IndicatorBinning: Sendable, Equatable {
    /// The bins.
    public var bins: IndicatorBins
    /// The direction the event rate follows over the value bins: `increasing` or `decreasing` for numeric
    /// indicators, `none` for categorical ones (whose bins are ordered by event rate).
    public var direction: RiskDirection
    /// Whether the indicator's declared direction was `none` and `direction` was chosen as the one of larger IV.
    public var directionChosenByIV: Bool
    /// Training rows per bin.
    public var counts: [Int]
    /// Training weight per bin.
    public var weights: [Double]
    /// Weighted hits per bin.
    public var events: [Double]
    /// WOE per bin.
    public var woe: [Double]
    /// IV per bin.
    public var informationValues: [Double]

    /// The indicator's information value, `Σ_b IV_b`.
    public var informationValue: Double { informationValues.reduce(0, +) }

    /// Weighted event rate per bin, NaN for a bin without training weight.
    public var eventRates: [Double] { zip(events, weights).map { $1 > 0 ? $0 / $1 : .nan } }

    /// Each bin's WOE and IV from its weighted hits and weights (see the type's summary).
    static func woe(events: [Double], weights: [Double]) -> (woe: [Double], iv: [Double]) {
        let totalEvents = events.reduce(0, +)
        let totalNonEvents = zip(weights, events).reduce(0) { $0 + ($1.0 - $1.1) }
        guard totalEvents > 0, totalNonEvents > 0 else {
            return ([Double](repeating: 0, count: events.count), [Double](repeating: 0, count: events.count))
        }
        var woe: [Double] = []
        var iv: [Double] = []
        for (e, w) in zip(events, weights) {
            let n = w - e
            guard w > 0 else {
                woe.append(0)
                iv.append(0)
                continue
            }
            let smoothing = e <= 0 || n <= 0 ? 0.5 : 0
            let value = log(((e + smoothing) / totalEvents) / ((n + smoothing) / totalNonEvents))
            woe.append(value)
            iv.append((e / totalEvents - n / totalNonEvents) * value)
        }
        return (woe, iv)
    }

    /// Each bin's 0-100 risk score for the weighted scorecard: the event rate mapped linearly from the least
    /// risky bin (0) to the riskiest (100); a bin without training weight gets the population's rate, clamped
    /// into [0, 100]; an indicator whose bins share one rate scores 0 everywhere.
    public var riskScores: [Double] {
        let rates = eventRates
        let seen = rates.filter { !$0.isNaN }
        let low = seen.min() ?? 0
        let high = seen.max() ?? 0
        let totalWeight = weights.reduce(0, +)
        let overall = totalWeight > 0 ? events.reduce(0, +) / totalWeight : 0
        guard high > low else { return [Double](repeating: 0, count: rates.count) }
        return rates.map { rate in min(100, max(0, 100 * ((rate.isNaN ? overall : rate) - low) / (high - low))) }
    }
}

/// Monotone optimal binning of one indicator.
///
/// Numeric indicators start from `fineBins` weighted quantile bins (cut only between distinct values). Adjacent
/// bins are then merged, in this order, until (1) the event rate is strictly monotone in the indicator's risk
/// direction (pool-adjacent-violators: a bin whose rate does not move the right way from its left neighbour's is
/// merged into it, repeatedly), (2) no bin holds less than `minBinShare` of the training weight (the smallest is
/// merged into the neighbour of closer event rate), and (3) at most `maxBins` remain (the adjacent pair whose
/// merge loses the least IV is merged). Merging two adjacent bins of a strictly monotone sequence keeps it
/// strictly monotone. A declared direction of `none` is binned both ways and the way of larger IV kept.
///
/// Categorical indicators pool the categories holding less than `minBinShare` of the weight into one group,
/// order the groups by event rate, and merge as above (increasing in that order). Missing values (and
/// categories no bin holds) go to their own bin, never merged.
enum MonotoneBinning {
    /// A run of adjacent value bins being merged.
    struct Group {
        var weight: Double
        var events: Double
        var count: Int
        /// Numeric: the largest value in the group (its upper edge).
        var upper: Float
        /// Categorical: the codes it holds.
        var codes: [Int]

        var rate: Double { weight > 0 ? events / weight : 0 }

        mutating func absorb(_ other: Group) {
            weight += other.weight
            events += other.events
            count += other.count
            upper = max(upper, other.upper)
            codes += other.codes
        }
    }

    /// The binning of one indicator's training values.
    ///
    /// - Parameters:
    ///   - values: one value per training row (NaN for missing, category codes for categorical indicators).
    ///   - labels: 0 or 1 per row.
    ///   - weights: the rows' sample weights (nil: all 1). Rows of weight 0 take no part.
    ///   - vocabularySize: the number of categories (categorical indicators), else ignored.
    /// - Complexity: O(n log n) for the sort of a numeric indicator's values.
    static func bin(
        values: [Float], labels: [Float], weights: [Float]?, isCategorical: Bool, vocabularySize: Int,
        direction: RiskDirection, parameters: ScorecardParameters
    ) -> IndicatorBinning {
        precondition(values.count == labels.count, "one label per value")
        var missing = Group(weight: 0, events: 0, count: 0, upper: -.infinity, codes: [])
        var total = 0.0
        var totalEvents = 0.0
        for i in values.indices {
            let w = Double(weights?[i] ?? 1)
            guard w > 0 else { continue }
            total += w
            totalEvents += w * Double(labels[i])
            if values[i].isNaN {
                missing.weight += w
                missing.events += w * Double(labels[i])
                missing.count += 1
            }
        }
        let totals = (events: totalEvents, nonEvents: total - totalEvents, weight: total)
        if isCategorical {
            var groups = categoryGroups(
                values: values, labels: labels, weights: weights, vocabularySize: vocabularySize,
                minimumWeight: parameters.minBinShare * total)
            groups = merged(groups, sign: 1, totals: totals, parameters: parameters)
            let bins = IndicatorBins(categories: groups.map { $0.codes.sorted() })
            return binning(bins, groups: groups, missing: missing, direction: .none, chosen: false)
        }
        let fine = fineGroups(values: values, labels: labels, weights: weights, fineBins: parameters.fineBins)
        func build(_ sign: Double) -> (IndicatorBinning, [Group]) {
            let groups = merged(fine, sign: sign, totals: totals, parameters: parameters)
            let bins = IndicatorBins(edges: groups.dropLast().map(\.upper))
            let result = binning(
                bins, groups: groups, missing: missing, direction: sign > 0 ? .increasing : .decreasing,
                chosen: direction == .none)
            return (result, groups)
        }
        switch direction {
        case .increasing: return build(1).0
        case .decreasing: return build(-1).0
        case .none:
            let up = build(1).0
            let down = build(-1).0
            return down.informationValue > up.informationValue ? down : up
        }
    }

    /// The statistics, WOE and IV of merged `groups` and the missing bin.
    static func binning(
        _ bins: IndicatorBins, groups: [Group], missing: Group, direction: RiskDirection, chosen: Bool
    ) -> IndicatorBinning {
        // An indicator without any value still has its one (empty) numeric value bin.
        var all = groups
        if all.count < bins.valueBinCount {
            all.append(Group(weight: 0, events: 0, count: 0, upper: .infinity, codes: []))
        }
        all.append(missing)
        let weights = all.map(\.weight)
        let events = all.map(\.events)
        let (woe, iv) = IndicatorBinning.woe(events: events, weights: weights)
        return IndicatorBinning(
            bins: bins, direction: direction, directionChosenByIV: chosen, counts: all.map(\.count),
            weights: weights, events: events, woe: woe, informationValues: iv)
    }

    /// Weighted quantile bins of the non-missing values, cut only between distinct values.
    static func fineGroups(values: [Float], labels: [Float], weights: [Float]?, fineBins: Int) -> [Group] {
        var order = values.indices.filter { !values[$0].isNaN && (weights?[$0] ?? 1) > 0 }
        order.sort { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        let total = order.reduce(0.0) { $0 + Double(weights?[$1] ?? 1) }
        guard total > 0 else { return [] }
        let step = total / Double(fineBins)
        var groups: [Group] = []
        var current = Group(weight: 0, events: 0, count: 0, upper: -.infinity, codes: [])
        var cumulative = 0.0
        var target = step
        for (k, i) in order.enumerated() {
            let w = Double(weights?[i] ?? 1)
            current.weight += w
            current.events += w * Double(labels[i])
            current.count += 1
            current.upper = values[i]
            cumulative += w
            let endOfValue = k + 1 == order.count || values[order[k + 1]] != values[i]
            if endOfValue, cumulative >= target * (1 - 1e-12) || k + 1 == order.count {
                groups.append(current)
                current = Group(weight: 0, events: 0, count: 0, upper: -.infinity, codes: [])
                target = (floor(cumulative / step + 1e-9) + 1) * step
            }
        }
        return groups
    }

    /// One group per category with training weight, the categories under `minimumWeight` pooled into one,
    /// ordered by event rate (ties by the smallest code).
    static func categoryGroups(
        values: [Float], labels: [Float], weights: [Float]?, vocabularySize: Int, minimumWeight: Double
    ) -> [Group] {
        var perCode = (0..<vocabularySize).map { Group(weight: 0, events: 0, count: 0, upper: -.infinity, codes: [$0]) }
        for i in values.indices {
            let value = values[i]
            let w = Double(weights?[i] ?? 1)
            guard !value.isNaN, w > 0, value >= 0, Int(value) < vocabularySize else { continue }
            perCode[Int(value)].weight += w
            perCode[Int(value)].events += w * Double(labels[i])
            perCode[Int(value)].count += 1
        }
        var groups: [Group] = []
        var pooled: Group?
        for group in perCode where group.weight > 0 {
            if group.weight < minimumWeight {
                if pooled == nil { pooled = group } else { pooled?.absorb(group) }
            } else {
                groups.append(group)
            }
        }
        if let pooled { groups.append(pooled) }
        groups.sort { $0.rate < $1.rate || ($0.rate == $1.rate && ($0.codes.min() ?? 0) < ($1.codes.min() ?? 0)) }
        return groups
    }

    /// `groups` merged until strictly monotone in `sign` (+1 increasing, −1 decreasing), then until every
    /// group holds `minBinShare` of the weight, then down to `maxBins` groups.
    static func merged(
        _ groups: [Group], sign: Double, totals: (events: Double, nonEvents: Double, weight: Double),
        parameters: ScorecardParameters
    ) -> [Group] {
        // 1. Pool adjacent violators.
        var stack: [Group] = []
        for group in groups {
            stack.append(group)
            while stack.count >= 2, sign * (stack[stack.count - 1].rate - stack[stack.count - 2].rate) <= 0 {
                let last = stack.removeLast()
                stack[stack.count - 1].absorb(last)
            }
        }
        // 2. Minimum share: the smallest group joins its neighbour of closer event rate (left on a tie).
        let minimumWeight = parameters.minBinShare * totals.weight
        while stack.count > 1 {
            var smallest = 0
            for j in stack.indices where stack[j].weight < stack[smallest].weight { smallest = j }
            guard stack[smallest].weight < minimumWeight else { break }
            let left = smallest - 1
            let right = smallest + 1
            let target: Int
            if left < 0 {
                target = right
            } else if right >= stack.count {
                target = left
            } else {
                let rate = stack[smallest].rate
                target = abs(stack[right].rate - rate) < abs(stack[left].rate - rate) ? right : left
            }
            let low = min(smallest, target)
            stack[low].absorb(stack[low + 1])
            stack.remove(at: low + 1)
        }
        // 3. Maximum bins: merge the adjacent pair that loses the least IV.
        func iv(_ g: Group) -> Double {
            guard totals.events > 0, totals.nonEvents > 0, g.weight > 0 else { return 0 }
            let n = g.weight - g.events
            let smoothing = g.events <= 0 || n <= 0 ? 0.5 : 0
            let woe = log(((g.events + smoothing) / totals.events) / ((n + smoothing) / totals.nonEvents))
            return (g.events / totals.events - n / totals.nonEvents) * woe
        }
        while stack.count > parameters.maxBins {
            var best = 0
            var bestLoss = Double.infinity
            for j in 0..<(stack.count - 1) {
                var joined = stack[j]
                joined.absorb(stack[j + 1])
                let loss = iv(stack[j]) + iv(stack[j + 1]) - iv(joined)
                if loss < bestLoss {
                    bestLoss = loss
                    best = j
                }
            }
            stack[best].absorb(stack[best + 1])
            stack.remove(at: best + 1)
        }
        return stack
    }
}
