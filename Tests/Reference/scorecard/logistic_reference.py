"""Reference fits for ScorecardTests: weighted logistic regression on a small WOE-like design, unpenalised
(statsmodels GLM, binomial family, IRLS) and with an L2 penalty on the coefficients but not the intercept
(scikit-learn LogisticRegression, newton-cholesky). The objective the toolkit minimises is

    sum_i w_i * logloss_i + l2 / 2 * sum_{j>=1} beta_j^2

which is scikit-learn's with C = 1 / l2. The script checks the gradient of that objective vanishes at both fits.

Run once from this folder with the benchmark venv and commit the output:
    ~/.cache/riskgrade-bench/venv/bin/python logistic_reference.py > logistic_reference.json
"""
import json

import numpy as np
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(20261130)
n = 300
# Three WOE-like columns: two take a handful of values (binned indicators), one is continuous.
woe_a = rng.choice([-0.6, -0.1, 0.3, 0.9], size=n)
woe_b = rng.choice([-0.4, 0.0, 0.5], size=n)
woe_c = np.round(rng.normal(0, 0.5, size=n), 4)
x = np.column_stack([woe_a, woe_b, woe_c])
eta = -1.5 + 0.9 * woe_a + 1.3 * woe_b + 0.4 * woe_c
y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
w = np.where(rng.random(n) < 0.3, 0.5, 1.0)  # targeted rows at half weight


def gradient(beta, l2):
    X = np.column_stack([np.ones(n), x])
    p = 1 / (1 + np.exp(-X @ beta))
    g = X.T @ (w * (y - p))
    g[1:] -= l2 * beta[1:]
    return g


glm = sm.GLM(y, sm.add_constant(x), family=sm.families.Binomial(), freq_weights=w).fit(tol=1e-14, maxiter=100)
unpenalised = glm.params.tolist()
assert np.max(np.abs(gradient(np.array(unpenalised), 0))) < 1e-9

l2 = 2.0
model = LogisticRegression(C=1 / l2, solver="newton-cholesky", tol=1e-14, max_iter=1000)
model.fit(x, y, sample_weight=w)
penalised = [float(model.intercept_[0])] + model.coef_[0].tolist()
assert np.max(np.abs(gradient(np.array(penalised), l2))) < 1e-8

print(
    json.dumps(
        {
            "generator": f"statsmodels {statsmodels.__version__}, scikit-learn {sklearn.__version__}",
            "columns": [col.tolist() for col in x.T],
            "labels": y.tolist(),
            "weights": w.tolist(),
            "unpenalised": unpenalised,
            "l2": l2,
            "penalised": penalised,
        },
        indent=1,
    )
)
