import Foundation

/// The one random number generator of the toolkit: xoshiro256** seeded through SplitMix64.
///
/// Training and generation never use the system generator. Independent streams come from one seed and
/// a list of stream keys (`SeededGenerator(seed: 42, stream: enterprise, quarter)`), so work split over
/// threads draws exactly the numbers it would draw serially.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator for `seed`, optionally on an independent stream named by `stream` keys.
    public init(seed: UInt64, stream: UInt64...) {
        self.init(seed: seed, streamKeys: stream)
    }

    /// A generator for `seed` on the stream named by `streamKeys`.
    public init(seed: UInt64, streamKeys: [UInt64]) {
        var x = seed
        for key in streamKeys { x = SeededGenerator.mix(x ^ SeededGenerator.mix(key &+ 0x9E37_79B9_7F4A_7C15)) }
        var sm = x
        s0 = SeededGenerator.splitMix(&sm)
        s1 = SeededGenerator.splitMix(&sm)
        s2 = SeededGenerator.splitMix(&sm)
        s3 = SeededGenerator.splitMix(&sm)
    }

    /// SplitMix64's finaliser: a bijective 64-bit mix, also used to hash keys into streams.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform draw from [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform integer in `0..<bound`.
    @inline(__always)
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "index(below:) needs a positive bound")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// `true` with probability `p`.
    @inline(__always)
    public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// A standard normal draw (Box–Muller; one of the pair is discarded so streams stay position-independent).
    @inline(__always)
    public mutating func normal() -> Double {
        let u1 = 1 - uniform()  // (0, 1]
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A normal draw with the given mean and standard deviation.
    @inline(__always)
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * normal()
    }

    /// A Poisson draw with mean `lambda`.
    ///
    /// Inversion by sequential search for `lambda < 30`; above, the normal approximation
    /// `max(0, round(λ + √λ·z))`, which the generator needs only for rare bursts.
    public mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda >= 30 {
            return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded()))
        }
        var k = 0
        var p = exp(-lambda)
        var cumulative = p
        let u = uniform()
        while u > cumulative && k < 200 {
            k += 1
            p *= lambda / Double(k)
            cumulative += p
        }
        return k
    }

    /// An index drawn with probability proportional to `cumulativeWeights[i] - cumulativeWeights[i-1]`.
    public mutating func index(cumulativeWeights: [Double]) -> Int {
        guard let total = cumulativeWeights.last, total > 0 else { return 0 }
        let u = uniform() * total
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulativeWeights[mid] > u { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
