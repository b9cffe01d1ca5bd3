"""Reference values for the validation statistics tests (Tests/RiskTrainingTests/Validation/Statistics*).

Binomial intervals, Newcombe's difference, normal and beta functions, AUC, KS, Brier, log loss, weighted quantiles
and the calibration curve come from scipy, scikit-learn, statsmodels and numpy; DeLong's variance and covariance
from a direct O(n²) numpy implementation of the structural components (checked here against repeated rows for
frequency weights); PSI, gains and the inspection-efficiency figures from numpy, written from their definitions in
Sources/RiskTraining/Validation/Statistics.

Run once from this folder (numpy, scipy, scikit-learn, statsmodels) and commit the output:
    python statistics.py > statistics.json
"""
import json

import numpy as np
import scipy
import sklearn
import statsmodels
from scipy import special, stats
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score, roc_curve
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

rng = np.random.default_rng(20261130)


def wilson_cc(k, n, level):
    """Newcombe (1998) method 4, the continuity-corrected Wilson interval (statsmodels has no such option)."""
    z = stats.norm.ppf(1 - (1 - level) / 2)
    p = k / n
    den = 2 * (n + z * z)
    lo = 0.0 if k == 0 else max(0.0, (2 * n * p + z * z - 1 - z * np.sqrt(z * z - 2 - 1 / n + 4 * p * (n * (1 - p) + 1))) / den)
    hi = 1.0 if k == n else min(1.0, (2 * n * p + z * z + 1 + z * np.sqrt(z * z + 2 - 1 / n + 4 * p * (n * (1 - p) - 1))) / den)
    return [lo, hi]


binomial = []
for k, n, level in [(0, 20, 0.95), (1, 29, 0.95), (15, 148, 0.95), (81, 263, 0.95), (20, 20, 0.95), (5, 10, 0.95),
                    (3, 7, 0.95), (109, 2203, 0.95), (164, 254, 0.95), (0, 1, 0.95), (1, 1, 0.95), (999, 1000, 0.95),
                    (7, 50, 0.90), (7, 50, 0.99), (12345, 100000, 0.95), (2, 100000, 0.95), (1, 3, 0.5)]:
    alpha = 1 - level
    binomial.append({
        "successes": k, "trials": n, "level": level,
        "wilson": list(proportion_confint(k, n, alpha=alpha, method="wilson")),
        "wilson_cc": wilson_cc(k, n, level),
        "clopper_pearson": list(proportion_confint(k, n, alpha=alpha, method="beta")),
    })

newcombe = []
for k1, n1, k2, n2, level in [(56, 70, 48, 80, 0.95), (9, 10, 3, 10, 0.95), (6, 7, 2, 7, 0.95), (5, 56, 0, 29, 0.95),
                              (0, 10, 0, 20, 0.95), (10, 10, 0, 20, 0.95), (164, 254, 109, 2203, 0.90)]:
    lo, hi = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff", alpha=1 - level)
    newcombe.append({"successes1": k1, "trials1": n1, "successes2": k2, "trials2": n2, "level": level,
                     "difference": k1 / n1 - k2 / n2, "interval": [float(lo), float(hi)]})

normal_p = [1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.02425, 0.025, 0.05, 0.2, 0.5, 0.7, 0.975, 0.99, 0.999999]
normal_x = [-38.0, -10.0, -5.0, -1.959963984540054, -1.0, 0.0, 0.5, 1.644853626951472, 3.0, 8.0]
normal = {
    "p": normal_p, "quantile": [float(stats.norm.ppf(p)) for p in normal_p],
    "x": normal_x, "cdf": [float(stats.norm.cdf(x)) for x in normal_x],
}

beta_cases = [(0.3, 2.0, 5.0), (0.9, 0.5, 0.5), (0.01, 1.0, 1000.0), (0.5, 200.0, 300.0), (0.999, 30.0, 2.0),
              (0.12, 12345.0, 87656.0), (1e-6, 2.0, 3.0)]
beta = [{"x": x, "a": a, "b": b, "value": float(special.betainc(a, b, x))} for x, a, b in beta_cases]
beta_quantile_cases = [(0.025, 3.0, 5.0), (0.025, 1.0, 20.0), (0.005, 50.0, 951.0), (0.5, 2.0, 2.0),
                       (0.025, 12345.0, 87656.0), (1e-12, 4.0, 7.0)]
beta_quantile = [{"p": p, "a": a, "b": b, "value": float(stats.beta.ppf(p, a, b))} for p, a, b in beta_quantile_cases]

# Two correlated scores on 240 rows with many ties (scores rounded), ~30% hits.
n = 240
risk = rng.normal(size=n)
labels = (rng.uniform(size=n) < 1 / (1 + np.exp(-(risk - 0.9)))).astype(float)
first = np.round(risk + rng.normal(scale=0.8, size=n), 1)
second = np.round(0.6 * risk + rng.normal(scale=1.0, size=n), 1)
weights = rng.integers(1, 4, size=n).astype(float)
probabilities = 1 / (1 + np.exp(-(first - 0.9)))


def components(scores, y, w):
    """Direct O(n²) structural components with frequency weights."""
    pos, neg = scores[y == 1], scores[y == 0]
    wp, wn = w[y == 1], w[y == 0]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    v10 = psi @ wn / wn.sum()
    v01 = wp @ psi / wp.sum()
    return v10, v01, wp, wn


def delong(a, b, y, w):
    v10a, v01a, wp, wn = components(a, y, w)
    v10b, v01b, _, _ = components(b, y, w)
    auc_a, auc_b = wp @ v10a / wp.sum(), wp @ v10b / wp.sum()

    def cov(x10, y10, ax, x01, y01, ay):
        return (wp @ ((x10 - ax) * (y10 - ay)) / (wp.sum() - 1) / wp.sum()
                + wn @ ((x01 - ax) * (y01 - ay)) / (wn.sum() - 1) / wn.sum())

    var_a = cov(v10a, v10a, auc_a, v01a, v01a, auc_a)
    var_b = cov(v10b, v10b, auc_b, v01b, v01b, auc_b)
    cov_ab = cov(v10a, v10b, auc_a, v01a, v01b, auc_b)
    se = np.sqrt(var_a + var_b - 2 * cov_ab)
    z = (auc_a - auc_b) / se
    return {"auc1": auc_a, "variance1": var_a, "auc2": auc_b, "variance2": var_b, "covariance": cov_ab,
            "difference": auc_a - auc_b, "standard_error": se, "z": z, "p_value": 2 * stats.norm.sf(abs(z))}


unweighted = delong(first, second, labels, np.ones(n))
weighted = delong(first, second, labels, weights)
assert abs(unweighted["auc1"] - roc_auc_score(labels, first)) < 1e-12
assert abs(weighted["auc1"] - roc_auc_score(labels, first, sample_weight=weights)) < 1e-12
repeat = np.repeat(np.arange(n), weights.astype(int))
repeated = delong(first[repeat], second[repeat], labels[repeat], np.ones(len(repeat)))
assert all(abs(repeated[key] - weighted[key]) < 1e-12 for key in weighted)


def ks(scores, y, w):
    fpr, tpr, _ = roc_curve(y, scores, sample_weight=w)
    return float(np.max(np.abs(tpr - fpr)))


assert abs(ks(first, labels, None) - stats.ks_2samp(first[labels == 1], first[labels == 0]).statistic) < 1e-12
discrimination = {
    "ks1": float(stats.ks_2samp(first[labels == 1], first[labels == 0]).statistic),
    "ks1_weighted": ks(first, labels, weights),
    "ks2": float(stats.ks_2samp(second[labels == 1], second[labels == 0]).statistic),
    "brier": float(brier_score_loss(labels, probabilities)),
    "brier_weighted": float(brier_score_loss(labels, probabilities, sample_weight=weights)),
    "log_loss": float(log_loss(labels, probabilities)),
    "log_loss_weighted": float(log_loss(labels, probabilities, sample_weight=weights)),
}

# PSI: deciles of an expected sample (inverted-CDF quantiles, weighted or not), an actual sample drifted upward.
expected = np.round(rng.gamma(2.0, 150.0, size=400), 0)
actual = np.round(rng.gamma(2.2, 150.0, size=300), 0)
expected_weights = rng.integers(1, 5, size=400).astype(float)
epsilon = 1e-4
quantile_levels = np.arange(1, 10) / 10


def psi(edges, e, a, we=None, wa=None):
    ec = np.bincount(np.searchsorted(edges, e, side="left"), weights=we, minlength=len(edges) + 1)
    ac = np.bincount(np.searchsorted(edges, a, side="left"), weights=wa, minlength=len(edges) + 1)
    es, as_ = np.maximum(ec / ec.sum(), epsilon), np.maximum(ac / ac.sum(), epsilon)
    return ec, ac, float(np.sum((as_ - es) * np.log(as_ / es)))


edges = np.unique(np.quantile(expected, quantile_levels, method="inverted_cdf"))
ec, ac, value = psi(edges, expected, actual)
weighted_edges = np.unique(np.quantile(expected, quantile_levels, method="inverted_cdf", weights=expected_weights))
wec, wac, weighted_value = psi(weighted_edges, expected, actual, expected_weights)
# Grade distributions with an empty grade in one of them: the epsilon at work.
grade_expected, grade_actual = np.array([450.0, 400, 100, 50]), np.array([430.0, 440, 130, 0])
gs_e, gs_a = grade_expected / grade_expected.sum(), np.maximum(grade_actual / grade_actual.sum(), epsilon)
stability = {
    "expected": expected.tolist(), "actual": actual.tolist(), "expected_weights": expected_weights.tolist(),
    "epsilon": epsilon, "edges": edges.tolist(), "expected_counts": ec.tolist(), "actual_counts": ac.tolist(),
    "psi": value, "weighted_edges": weighted_edges.tolist(), "weighted_expected_counts": wec.tolist(),
    "weighted_actual_counts": wac.tolist(), "weighted_psi": weighted_value,
    "grade_expected": grade_expected.tolist(), "grade_actual": grade_actual.tolist(),
    "grade_psi": float(np.sum((gs_a - gs_e) * np.log(gs_a / gs_e))),
}

# Calibration: ten equal-width bins of predicted probability, sklearn's calibration_curve (empty bins dropped).
prob_true, prob_pred = calibration_curve(labels, probabilities, n_bins=10, strategy="uniform")
bin_index = np.searchsorted(np.linspace(0, 1, 11)[1:-1], probabilities, side="left")
counts = np.bincount(bin_index, minlength=10)
hits = np.bincount(bin_index, weights=labels, minlength=10)
nonempty = np.flatnonzero(counts)
calibration = {
    "bins": nonempty.tolist(), "counts": counts[nonempty].tolist(), "hits": hits[nonempty].tolist(),
    "mean_predicted": prob_pred.tolist(), "observed_rate": prob_true.tolist(),
    "wilson": [list(proportion_confint(hits[i], counts[i], alpha=0.05, method="wilson")) for i in nonempty],
}

# Gains: groups by the score's inverted-CDF deciles (ties never split), highest scores first.
gain_edges = np.unique(np.quantile(first, quantile_levels, method="inverted_cdf"))
group = np.searchsorted(gain_edges, first, side="left")
group_count = np.bincount(group, minlength=len(gain_edges) + 1)[::-1]
group_hits = np.bincount(group, weights=labels, minlength=len(gain_edges) + 1)[::-1]
overall = labels.sum() / n
gains = {
    "counts": group_count.tolist(), "hits": group_hits.tolist(),
    "cumulative_capture": (np.cumsum(group_hits) / labels.sum()).tolist(),
    "lift": (group_hits / group_count / overall).tolist(),
    "cumulative_lift": (np.cumsum(group_hits) / np.cumsum(group_count) / overall).tolist(),
}

# Inspection efficiency: Henan's sampling ratios on a province graded A 45%, B 40%, C 10%, D 5%; delta method.
enterprises = np.array([45000.0, 40000, 10000, 5000])
ratios = np.array([0.01, 0.02, 0.10, 0.30])
inspections = np.array([2203.0, 1980, 497, 254])
found = np.array([109.0, 198, 112, 131])
rate = found / inspections
variance = rate * (1 - rate) / inspections
budget = (ratios * enterprises).sum()
s, pi = ratios * enterprises / budget, enterprises / enterprises.sum()
S, U = s @ rate, pi @ rate
z = stats.norm.ppf(0.975)
se_s, se_u = np.sqrt(s**2 @ variance), np.sqrt(pi**2 @ variance)
se_d, se_log = np.sqrt((s - pi) ** 2 @ variance), np.sqrt((s / S - pi / U) ** 2 @ variance)
efficiency = {
    "enterprises": enterprises.tolist(), "sampling_ratios": ratios.tolist(), "inspections": inspections.tolist(),
    "hits": found.tolist(), "budget": budget, "uniform_ratio": budget / enterprises.sum(),
    "stratified_per_1000": 1000 * S, "stratified_interval": [1000 * (S - z * se_s), 1000 * (S + z * se_s)],
    "uniform_per_1000": 1000 * U, "uniform_interval": [1000 * (U - z * se_u), 1000 * (U + z * se_u)],
    "extra_per_1000": 1000 * (S - U), "extra_interval": [1000 * (S - U - z * se_d), 1000 * (S - U + z * se_d)],
    "ratio": S / U, "ratio_interval": [S / U * np.exp(-z * se_log), S / U * np.exp(z * se_log)],
}


def plain(value):
    if isinstance(value, dict):
        return {key: plain(v) for key, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(v) for v in value]
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    return value


print(json.dumps(plain({
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__,
                 "statsmodels": statsmodels.__version__},
    "binomial": binomial, "newcombe": newcombe, "normal": normal, "beta": beta, "beta_quantile": beta_quantile,
    "rows": {"labels": labels.tolist(), "first": first.tolist(), "second": second.tolist(),
             "weights": weights.tolist(), "probabilities": probabilities.tolist()},
    "delong": unweighted, "delong_weighted": weighted, "discrimination": discrimination,
    "stability": stability, "calibration": calibration, "gains": gains, "efficiency": efficiency,
}), indent=1))
