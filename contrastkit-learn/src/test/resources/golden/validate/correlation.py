"""Golden values for Correlation: scipy 1.10.1 pearsonr / spearmanr / kendalltau (tau-b).

Run with /usr/bin/python3 correlation.py > correlation.json (numpy + scipy 1.10.1).
Cases include ties-heavy inputs (small integer grids), ties in both x and y, large offsets,
tiny n and a perfectly anti-ordered pair.
"""
import json

import numpy as np
import scipy
from scipy import stats

assert scipy.__version__ == "1.10.1", scipy.__version__
rng = np.random.default_rng(20240505)
cases = []


def add(name, x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    cases.append({
        "name": name,
        "x": x.tolist(),
        "y": y.tolist(),
        "pearson": float(stats.pearsonr(x, y)[0]),
        "spearman": float(stats.spearmanr(x, y)[0]),
        "kendall": float(stats.kendalltau(x, y)[0]),
    })


x = rng.normal(size=200)
add("continuous_n200", x, 0.6 * x + rng.normal(size=200))
add("continuous_negative_n50", x[:50], -np.exp(x[:50]) + 0.3 * rng.normal(size=50))
add("ties_in_x_n300", rng.integers(0, 5, size=300), rng.normal(size=300))
xi = rng.integers(0, 4, size=400)
add("ties_in_both_n400", xi, xi + rng.integers(0, 3, size=400))
add("ties_heavy_binary_vs_grid_n120", rng.integers(0, 2, size=120), rng.integers(0, 7, size=120))
xr = np.round(rng.normal(size=257), 1)
add("ties_rounded_n257", xr, np.round(xr + rng.normal(scale=0.7, size=257), 1))
add("large_offset_n100", 1e6 + x[:100], 3e5 - 2 * x[:100] + rng.normal(size=100))
add("n2", [1.0, 2.0], [5.0, 3.0])
add("n3_ties", [1.0, 1.0, 2.0], [3.0, 4.0, 4.0])
add("perfect_anti_n20", np.arange(20), -np.arange(20) ** 3)
add("negative_zero", [-0.0, 0.0, 1.0, 2.0, 0.0], [1.0, 0.5, 2.0, 1.0, 3.0])
print(json.dumps({"source": "scipy " + scipy.__version__, "cases": cases}, separators=(",", ":")))
