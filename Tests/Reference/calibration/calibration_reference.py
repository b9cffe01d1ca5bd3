"""Reference values for CalibrationTests: scikit-learn's Platt scaling (the sigmoid method of
CalibratedClassifierCV, `sklearn.calibration._sigmoid_calibration`) and IsotonicRegression, on small seeded
data sets written into the output with the results.

Run once from this folder with scikit-learn installed and commit the output:
    python calibration_reference.py > calibration_reference.json

scikit-learn writes Platt's map as p = 1/(1 + exp(A·f + B)); RiskGrade's PlattScaling is
p = 1/(1 + exp(-(slope·margin + intercept))), so slope = -A and intercept = -B.
"""
import json

import numpy as np
import sklearn
from sklearn.calibration import _sigmoid_calibration
from sklearn.isotonic import IsotonicRegression

rng = np.random.default_rng(20261130)


def platt_case(name, n, scale, shift, weighted):
    margins = rng.normal(shift, scale, n)
    truth = 1 / (1 + np.exp(-(0.7 * margins - 0.4)))
    labels = (rng.random(n) < truth).astype(float)
    weights = rng.uniform(0.2, 3.0, n).round(3) if weighted else None
    a, b = _sigmoid_calibration(margins, labels, sample_weight=weights)
    return {
        "name": name,
        "margins": margins.round(6).tolist(),
        "labels": labels.tolist(),
        "weights": None if weights is None else weights.tolist(),
        "slope": -float(a),
        "intercept": -float(b),
    }


def isotonic_case(name, n, weighted):
    x = rng.uniform(0, 1, n).round(2)  # rounded so that some inputs tie
    labels = (rng.random(n) < 0.1 + 0.6 * x**2).astype(float)
    weights = rng.uniform(0.2, 3.0, n).round(3) if weighted else None
    model = IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1)
    model.fit(x, labels, sample_weight=weights)
    queries = np.concatenate([[-0.5, 0.0, 1.0, 1.5], rng.uniform(0, 1, 40).round(4)])
    return {
        "name": name,
        "x": x.tolist(),
        "labels": labels.tolist(),
        "weights": None if weights is None else weights.tolist(),
        "queries": queries.tolist(),
        "predictions": model.predict(queries).tolist(),
    }


print(
    json.dumps(
        {
            "sklearn": sklearn.__version__,
            "platt": [
                platt_case("unweighted", 300, 1.5, -1.0, False),
                platt_case("weighted", 300, 1.0, -2.0, True),
                platt_case("large margins", 200, 25.0, 0.0, False),
            ],
            "isotonic": [
                isotonic_case("unweighted", 150, False),
                isotonic_case("weighted", 150, True),
            ],
        },
        indent=1,
    )
)
