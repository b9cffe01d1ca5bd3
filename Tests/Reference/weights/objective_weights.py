"""Reference values for ObjectiveWeightsTests: entropy, CRITIC and coefficient-of-variation weights of a small
table, computed with numpy from the definitions in Sources/RiskTraining/Weights/ObjectiveWeights.swift.

Run once (numpy only) from this folder and commit the output:
    python objective_weights.py > objective_weights.json
"""
import json

import numpy as np

nan = float("nan")
# Six rows, five indicators: increasing, decreasing (with a missing value), increasing with a missing value,
# constant, and a direction-less one (normalised as increasing).
columns = {
    "penalties": [0, 1, 3, 0, 2, 6],
    "years": [12.5, 3, 0.5, 20, nan, 7],
    "complaints": [1, nan, 4, 0, 2, 9],
    "constant": [5, 5, 5, 5, 5, 5],
    "branches": [0, 2, 1, 1, 0, 3],
}
directions = ["increasing", "decreasing", "increasing", "increasing", "none"]

names = list(columns)
raw = np.array([columns[n] for n in names], dtype=float).T  # rows × indicators
observed = ~np.isnan(raw)
lo, hi = np.nanmin(raw, axis=0), np.nanmax(raw, axis=0)
varying = hi > lo
with np.errstate(invalid="ignore", divide="ignore"):
    norm = np.where(np.array(directions) == "decreasing", (hi - raw) / (hi - lo), (raw - lo) / (hi - lo))

entropy, critic_sd, cv = np.zeros(len(names)), np.zeros(len(names)), np.zeros(len(names))
for j in range(len(names)):
    if not varying[j]:
        continue
    x = norm[observed[:, j], j]
    p = x / x.sum()
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0.0)
    entropy[j] = 1 + plogp.sum() / np.log(len(x))  # d_j = 1 - e_j
    critic_sd[j] = x.std(ddof=1)
    cv[j] = x.std(ddof=1) / x.mean()

# CRITIC's correlation: Pearson over all rows with a missing value at its column's mean (varying columns only).
v = np.flatnonzero(varying)
imputed = np.where(observed[:, v], norm[:, v], np.nanmean(norm[:, v], axis=0))
r = np.corrcoef(imputed.T)
critic = np.zeros(len(names))
critic[v] = critic_sd[v] * (1 - r).sum(axis=1)

def shares(x):
    return (x / x.sum()).tolist()

print(json.dumps({
    "columns": {n: [None if np.isnan(value) else value for value in columns[n]] for n in names},
    "directions": directions,
    "entropy": shares(entropy),
    "critic": shares(critic),
    "coefficient_of_variation": shares(cv),
}, indent=2))
