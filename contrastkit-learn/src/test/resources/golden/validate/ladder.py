"""Golden values for Ladder: within-family scipy 1.10.1 spearmanr of value with level times the
expected direction (0 for constant values), strict perfect order, and pairwise accuracy over pairs of
distinct levels (a tie in value counting one half), with their means over families and per kind.

Run with /usr/bin/python3 ladder.py > ladder.json.
"""
import itertools
import json

import numpy as np
import scipy
from scipy import stats

assert scipy.__version__ == "1.10.1", scipy.__version__
rng = np.random.default_rng(4)
families = []
kinds = ["compression", "haze", "s-curve"]
for f in range(12):
    kind = kinds[f % 3]
    direction = -1 if kind in ("compression", "haze") else 1
    levels = np.arange(5, dtype=float)
    noise = [0.0, 0.05, 0.3, 1.5][f % 4]
    values = direction * levels + rng.normal(scale=noise, size=5)
    if f == 5:
        values = np.round(values)  # ties in the measure
        values[1] = values[2]
    if f == 7:
        values = np.full(5, 0.42)  # a measure blind to the manipulation
    if f == 10:
        levels = np.array([0.0, 0.0, 1.0, 2.0, 2.0])  # repeated levels
    families.append({"source": "img%d" % (f // 3), "kind": kind, "levels": levels.tolist(),
                     "values": [float(v) for v in values], "direction": direction})

results = []
for fam in families:
    lv = np.array(fam["levels"])
    va = np.array(fam["values"])
    d = fam["direction"]
    rho = stats.spearmanr(lv, va)[0] if np.ptp(va) > 0 else np.nan
    srcc = 0.0 if np.isnan(rho) else d * rho
    score, pairs, perfect = 0.0, 0, True
    for i, j in itertools.combinations(range(len(lv)), 2):
        if lv[i] == lv[j]:
            continue
        pairs += 1
        s = np.sign(lv[j] - lv[i]) * np.sign(va[j] - va[i]) * d
        score += 1.0 if s > 0 else (0.5 if s == 0 else 0.0)
        perfect = perfect and s > 0
    results.append({"srcc": float(srcc), "perfect": bool(perfect), "accuracy": score / pairs})


def summary(rs):
    return {"families": len(rs), "mean_srcc": float(np.mean([r["srcc"] for r in rs])),
            "share_ordered": float(np.mean([r["perfect"] for r in rs])),
            "mean_accuracy": float(np.mean([r["accuracy"] for r in rs]))}


by_kind = {k: summary([r for r, f in zip(results, families) if f["kind"] == k]) for k in kinds}
print(json.dumps({"source": "scipy " + scipy.__version__, "families": families, "results": results,
                  "overall": summary(results), "by_kind": by_kind}, separators=(",", ":")))
