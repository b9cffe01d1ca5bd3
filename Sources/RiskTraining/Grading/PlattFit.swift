import Foundation
import RiskScoring

/// Platt scaling fitted by Newton's method on the margin: the slope `a` and intercept `b` of
/// `p = 1 / (1 + e^(−(a·margin + b)))` that minimise the weighted cross-entropy against Platt's smoothed
/// targets, as scikit-learn's `CalibratedClassifierCV(method="sigmoid")` does.
///
/// ```
/// t₊ = (N₊ + 1) / (N₊ + 2),  t₋ = 1 / (N₋ + 2)           (N± the weight of hits and of misses)
/// L(a, b) = −Σ wᵢ [tᵢ log pᵢ + (1 − tᵢ) log(1 − pᵢ)]
/// ∇L = Σ wᵢ (pᵢ − tᵢ) (mᵢ, 1),   ∇²L = Σ wᵢ pᵢ(1 − pᵢ) [mᵢ², mᵢ; mᵢ, 1]
/// ```
/// Newton steps from `a = 0, b = log((N₊ + 1)/(N₋ + 1))`, halved until the loss does not rise (Lin, Lin and
/// Weng's 2007 note on Platt's method), until the gradient's largest component is below 1e-10 times the
/// total weight or 100 steps. Sums run in row order, so the fit is deterministic.
public enum PlattFit {
    /// The Platt scaling of `margins` against the 0/1 `labels`.
    ///
    /// - Throws: `GradingError.noCalibrationRows` without rows, `.calibrationNotIncreasing` when the fitted
    ///   slope is not positive (the model ranks random inspections no better than chance).
    /// - Complexity: O(rows × iterations).
    public static func fit(margins: [Double], labels: [Double], weights: [Double]? = nil) throws(GradingError)
        -> PlattScaling
    {
        precondition(margins.count == labels.count && (weights?.count ?? margins.count) == margins.count)
        var positives = 0.0
        var negatives = 0.0
        for i in margins.indices {
            let w = weights?[i] ?? 1
            if labels[i] > 0 { positives += w } else { negatives += w }
        }
        guard positives + negatives > 0 else { throw .noCalibrationRows(method: "platt") }
        let high = (positives + 1) / (positives + 2)
        let low = 1 / (negatives + 2)
        func loss(_ a: Double, _ b: Double) -> Double {
            var total = 0.0
            for i in margins.indices {
                let z = a * margins[i] + b
                let t = labels[i] > 0 ? high : low
                // −[t log σ(z) + (1 − t) log(1 − σ(z))] = log(1 + e^z) − t·z, computed without overflow.
                let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
                total += (weights?[i] ?? 1) * (softplus - t * z)
            }
            return total
        }
        var a = 0.0
        var b = log((positives + 1) / (negatives + 1))
        var current = loss(a, b)
        let tolerance = 1e-10 * (positives + negatives)
        for _ in 0..<100 {
            var ga = 0.0, gb = 0.0, haa = 0.0, hab = 0.0, hbb = 0.0
            for i in margins.indices {
                let w = weights?[i] ?? 1
                let m = margins[i]
                let p = TreeEnsemble.logistic(a * m + b)
                let r = w * (p - (labels[i] > 0 ? high : low))
                let h = w * max(p * (1 - p), 1e-300)
                ga += r * m
                gb += r
                haa += h * m * m
                hab += h * m
                hbb += h
            }
            if max(abs(ga), abs(gb)) < tolerance { break }
            // Solve the 2×2 system (H + σI)·step = g; σ keeps it positive definite when H is nearly singular.
            let sigma = 1e-12 * max(haa, hbb, 1e-300)
            let determinant = (haa + sigma) * (hbb + sigma) - hab * hab
            guard determinant > 0 else { break }
            let da = ((hbb + sigma) * ga - hab * gb) / determinant
            let db = ((haa + sigma) * gb - hab * ga) / determinant
            var step = 1.0
            var accepted = false
            while step >= 1e-10 {
                let candidate = loss(a - step * da, b - step * db)
                if candidate <= current {
                    a -= step * da
                    b -= step * db
                    current = candidate
                    accepted = true
                    break
                }
                step /= 2
            }
            if !accepted { break }
        }
        guard a > 0, a.isFinite, b.isFinite else { throw .calibrationNotIncreasing(slope: a) }
        return PlattScaling(slope: a, intercept: b)
    }
}
