"""Golden values for Logistic5: scipy 1.10.1 curve_fit (MINPACK Levenberg-Marquardt) of
b1*(0.5 - 1/(1+exp(b2*(x-b3)))) + b4*x + b5 from the standard start
[sign(r)*(max(y)-min(y)), 1/std(x), mean(x), 0, mean(y)].

Run with /usr/bin/python3 logistic5.py > logistic5.json. Cases: synthetic rising, falling and steep
sigmoids, and the four IQA score files in ../../iqa-scores (MOS is y, the metric's score is x).
"""
import json
import os

import numpy as np
import scipy
from scipy import stats
from scipy.optimize import curve_fit

assert scipy.__version__ == "1.10.1", scipy.__version__
here = os.path.dirname(os.path.abspath(__file__))


def l5(x, b1, b2, b3, b4, b5):
    return b1 * (0.5 - 1 / (1 + np.exp(b2 * (x - b3)))) + b4 * x + b5


cases = []


def add(name, x, y, store_data=True):
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    r = stats.pearsonr(x, y)[0]
    p0 = [np.sign(r) * (y.max() - y.min()), 1 / np.std(x), np.mean(x), 0.0, np.mean(y)]
    p, _ = curve_fit(l5, x, y, p0=p0, maxfev=100000)
    fit = l5(x, *p)
    case = {"name": name, "start": p0, "params": p.tolist(),
            "sse": float(np.sum((fit - y) ** 2)),
            "plcc": float(stats.pearsonr(fit, y)[0]),
            "rmse": float(np.sqrt(np.mean((fit - y) ** 2)))}
    if store_data:
        case["x"] = x.tolist()
        case["y"] = y.tolist()
    cases.append(case)


rng = np.random.default_rng(5)
x = rng.uniform(0, 10, 150)
add("rising_sigmoid", x, l5(x, 4.0, 1.2, 5.0, 0.05, 3.0) + rng.normal(scale=0.15, size=150))
x = rng.normal(50, 20, 120)
add("falling_sigmoid", x, l5(x, -60.0, 0.08, 45.0, 0.1, 40.0) + rng.normal(scale=3.0, size=120))
x = rng.uniform(-1, 1, 200)
add("steep_sigmoid", x, l5(x, 2.0, 25.0, 0.1, 0.0, 1.0) + rng.normal(scale=0.1, size=200))
for f in ["ccid2014-niqmc.csv", "ccid2014-ceiq.csv", "cid2013-niqmc.csv", "cid2013-ceiq.csv"]:
    d = np.loadtxt(os.path.join(here, "..", "..", "iqa-scores", f), delimiter=",", skiprows=1)
    add(f, d[:, 2], d[:, 1], store_data=False)
print(json.dumps({"source": "scipy " + scipy.__version__ + " curve_fit", "cases": cases},
                 separators=(",", ":")))
