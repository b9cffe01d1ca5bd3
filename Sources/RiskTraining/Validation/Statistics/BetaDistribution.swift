import Foundation

/// The regularised incomplete beta function and its inverse, the beta distribution's CDF and quantile, which the
/// Clopper-Pearson interval needs.
enum BetaDistribution {
    /// `log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b)`, computed as R's `lbeta` does: from `lgamma_r`
    /// (re-entrant) while both arguments are below 10, else from Stirling's series with its correction term
    /// `δ(x) = log Γ(x) − ((x − ½) log x − x + ½ log 2π)`, so the large terms cancel analytically instead of in
    /// floating point (with p = min(a, b), q = max(a, b)):
    ///
    /// ```
    /// p ≥ 10:  −½ log q + ½ log 2π + δ(p) + δ(q) − δ(p+q) + (p − ½) log(p/(p+q)) + q log1p(−p/(p+q))
    /// p < 10 ≤ q:  log Γ(p) + δ(q) − δ(p+q) + p − p log(p+q) + (q − ½) log1p(−p/(p+q))
    /// ```
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b)
        let q = max(a, b)
        var sign: Int32 = 0
        if q < 10 { return lgamma_r(p, &sign) + lgamma_r(q, &sign) - lgamma_r(p + q, &sign) }
        let ratio = p / (p + q)
        if p >= 10 {
            return -0.5 * log(q) + 0.5 * log(2 * Double.pi) + stirlingCorrection(p) + stirlingCorrection(q)
                - stirlingCorrection(p + q) + (p - 0.5) * log(ratio) + q * log1p(-ratio)
        }
        return lgamma_r(p, &sign) + stirlingCorrection(q) - stirlingCorrection(p + q) + p - p * log(p + q)
            + (q - 0.5) * log1p(-ratio)
    }

    /// Stirling's correction `δ(x) = Σ_k B_{2k} / (2k(2k−1) x^{2k−1})` for x ≥ 10, seven terms (the next is below
    /// 1e-16 there): `1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹) − 691/(360360x¹¹) + 1/(156x¹³)`.
    static func stirlingCorrection(_ x: Double) -> Double {
        let coefficients: [Double] = [
            1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360_360, 1.0 / 156,
        ]
        let inverseSquare = 1 / (x * x)
        var sum = 0.0
        for coefficient in coefficients.reversed() { sum = sum * inverseSquare + coefficient }
        return sum / x
    }

    /// The regularised incomplete beta function `I_x(a, b)` for `a, b > 0`, by the continued fraction of Numerical
    /// Recipes (§6.4) evaluated with the modified Lentz method, on whichever side converges quickly:
    ///
    /// ```
    /// I_x(a, b) = x^a (1−x)^b / (a B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ …)))          for x < (a+1)/(a+b+2)
    /// d_{2m+1} = −(a+m)(a+b+m) x / ((a+2m)(a+2m+1)),  d_{2m} = m(b−m) x / ((a+2m−1)(a+2m))
    /// I_x(a, b) = 1 − I_{1−x}(b, a)                                               otherwise
    /// ```
    /// Returns nil when the continued fraction does not converge (it needs about √max(a, b) terms).
    /// - Complexity: O(√max(a, b)).
    static func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double? {
        incompleteBeta(x, a, b)?.value
    }

    /// `I_x(a, b)` and its complement `1 − I_x(a, b)`, the one the continued fraction gives computed directly
    /// (full relative precision even when tiny), the other by subtraction.
    static func incompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> (value: Double, complement: Double)? {
        if x <= 0 { return (0, 1) }
        if x >= 1 { return (1, 0) }
        let front = exp(logPrefactor(x, a, b))
        if x < (a + 1) / (a + b + 2) {
            guard let fraction = continuedFraction(x, a, b) else { return nil }
            let value = front * fraction / a
            return (value, 1 - value)
        }
        guard let fraction = continuedFraction(1 - x, b, a) else { return nil }
        let complement = front * fraction / b
        return (1 - complement, complement)
    }

    /// `log(x^a (1−x)^b / B(a, b))`, the incomplete beta function's prefactor. Once both a and b reach 10 it is
    /// taken around the mode `x₀ = a/(a+b)` with Stirling's series, where the large terms cancel analytically
    /// (`a·u + b·v = 0`), so the error stays near √(a+b) · 1e-16 instead of (a+b) · 1e-16:
    ///
    /// ```
    /// u = (x − x₀)/x₀,  v = (x₀ − x)/(1 − x₀),  log1pmx(t) = log(1 + t) − t
    /// log prefactor = a log1pmx(u) + b log1pmx(v) + ½ log(ab / (2π(a+b))) − δ(a) − δ(b) + δ(a+b)
    /// ```
    static func logPrefactor(_ x: Double, _ a: Double, _ b: Double) -> Double {
        guard a >= 10, b >= 10 else { return a * log(x) + b * log1p(-x) - logBeta(a, b) }
        let mode = a / (a + b)
        let u = (x - mode) / mode
        let v = (mode - x) / (1 - mode)
        return a * log1pmx(u) + b * log1pmx(v) + 0.5 * log(a * b / (2 * Double.pi * (a + b)))
            - stirlingCorrection(a) - stirlingCorrection(b) + stirlingCorrection(a + b)
    }

    /// `log(1 + t) − t` for t > −1, by its Taylor series `Σ_{k≥2} (−1)^{k+1} t^k / k` while |t| ≤ 0.1 (where the
    /// subtraction would cancel), else directly.
    static func log1pmx(_ t: Double) -> Double {
        guard abs(t) <= 0.1 else { return log1p(t) - t }
        var sum = 0.0
        var power = t * t
        for k in 2...40 {
            let term = power / Double(k)
            sum += k % 2 == 0 ? -term : term
            if abs(term) <= 1e-17 * abs(sum) { break }
            power *= t
        }
        return sum
    }

    /// The continued fraction of `I_x(a, b)` (Numerical Recipes' `betacf`), by the modified Lentz method.
    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double? {
        let tiny = 1e-300
        let epsilon = 3e-16  // a little over one ulp of 1, so the last step cannot oscillate past the test
        let maxIterations = 1000 + Int(20 * max(a, b).squareRoot())
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for step in 1...maxIterations {
            let m = Double(step)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= epsilon { return h }
        }
        return nil
    }

    /// The beta quantile: the `x` in [0, 1] with `I_x(a, b) = p`, or with `1 − I_x(a, b) = p` when `upperTail`
    /// (the `1 − p` quantile, solved on the complement so a tiny upper quantile keeps its relative precision),
    /// for `p` in (0, ½].
    ///
    /// A safeguarded Newton iteration (Numerical Recipes' `rtsafe`): Newton steps with the beta density
    /// `x^{a−1}(1−x)^{b−1}/B(a, b)` (the prefactor over `x(1−x)`) as derivative, falling back to bisection whenever
    /// a step leaves the bracket or does not halve it, until the step is below 1e-15 relative or the bracket is two
    /// ulps wide. Returns nil when the incomplete beta function does not converge.
    /// - Complexity: O(√max(a, b)) per iteration, at most 400 iterations (bisection alone needs ~1,100 for every
    ///   double in (0, 1), Newton's quadratic convergence far fewer).
    static func quantile(_ p: Double, _ a: Double, _ b: Double, upperTail: Bool = false) -> Double? {
        precondition(p > 0 && p <= 0.5 && a > 0 && b > 0, "beta quantile arguments checked by the caller")
        var low = 0.0
        var high = 1.0
        // Start at the mean, clamped off the ends: a fine guess near the middle, and bisection fixes the tails.
        var x = min(max(a / (a + b), 1e-3), 1 - 1e-3)
        var previousStep = 1.0
        for _ in 0..<400 {
            guard let value = incompleteBeta(x, a, b) else { return nil }
            let f = upperTail ? p - value.complement : value.value - p
            if f == 0 { return x }
            if f < 0 { low = x } else { high = x }
            let density = exp(logPrefactor(x, a, b) - log(x) - log1p(-x))
            var next = x - f / density
            let step: Double
            if density.isFinite, density > 0, next > low, next < high, abs(x - next) < 0.5 * previousStep {
                step = abs(x - next)
            } else {
                // Bisection, geometric while the bracket spans orders of magnitude so tiny quantiles come fast.
                next = low > 0 && high / low > 4 ? (low * high).squareRoot() : low == 0 ? high / 16 : 0.5 * (low + high)
                if low == 0 && high <= 1e-300 { return high }
                step = abs(x - next)
            }
            previousStep = step
            x = next
            if step <= 1e-15 * x || high - low <= 2 * x.ulp { break }
        }
        return x
    }
}
