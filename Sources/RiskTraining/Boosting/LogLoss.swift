import Foundation

/// The binary log-loss objective on margins (log-odds): its gradients, hessians and starting score.
///
/// ```
/// p = 1 / (1 + e^(−m)),   loss = −y log p − (1 − y) log(1 − p)
/// g = ∂loss/∂m = (p − y)·w,   h = ∂²loss/∂m² = p(1 − p)·w
/// ```
enum LogLoss {
    /// Gradient and hessian of the weighted loss of one row at margin `margin`.
    @inline(__always)
    static func derivatives(margin: Double, label: Float, weight: Float) -> (gradient: Double, hessian: Double) {
        let p = 1 / (1 + exp(-margin))
        let w = Double(weight)
        return ((p - Double(label)) * w, p * (1 - p) * w)
    }

    /// The log-odds of the weighted base rate: the best constant margin.
    static func baseScore(labels: [Float], weights: [Float]?) -> Double {
        var positive = 0.0
        var total = 0.0
        for row in labels.indices {
            let w = Double(weights?[row] ?? 1)
            positive += w * Double(labels[row])
            total += w
        }
        guard total > 0 else { return 0 }
        let rate = min(max(positive / total, 1e-15), 1 - 1e-15)
        return log(rate / (1 - rate))
    }

    /// Writes every row's gradient and hessian, in parallel over fixed row blocks (each row's value depends
    /// only on that row, so the thread count cannot change it).
    /// - Complexity: O(n).
    static func computeDerivatives(
        scores: SharedBuffer<Double>, labels: [Float], weights: [Float], gradients: SharedBuffer<Float>,
        hessians: SharedBuffer<Float>, threads: Int
    ) {
        let count = labels.count
        let block = 65_536
        _ = Parallel.map((count + block - 1) / block, threads: threads) { task in
            for row in (task * block)..<min(count, (task + 1) * block) {
                let (g, h) = derivatives(margin: scores[row], label: labels[row], weight: weights[row])
                gradients[row] = Float(g)
                hessians[row] = Float(h)
            }
            return 0
        }
    }

    /// The weighted mean log loss of `margins` (as ``Metrics/logLoss(margins:labels:weights:)``), summed over
    /// fixed row blocks in parallel and reduced in block order, so the figure does not depend on the thread
    /// count.
    /// - Complexity: O(n).
    static func mean(margins: SharedBuffer<Double>, labels: [Float], weights: [Float]?, threads: Int) -> Double {
        let count = labels.count
        let block = 65_536
        let partial = Parallel.map((count + block - 1) / block, threads: threads) { task -> SIMD2<Double> in
            var sums = SIMD2<Double>()
            for row in (task * block)..<min(count, (task + 1) * block) {
                let w = Double(weights?[row] ?? 1)
                let m = margins[row]
                let softplus = m > 0 ? m + log1p(exp(-m)) : log1p(exp(m))
                sums += SIMD2(w * (softplus - Double(labels[row]) * m), w)
            }
            return sums
        }
        let total = partial.reduce(SIMD2<Double>(), +)
        return total[1] > 0 ? total[0] / total[1] : 0
    }
}
