#!/usr/bin/python3
"""Golden values for io.contrastkit.learn.map tests (scikit-learn 1.2.1, numpy 1.24.2, Debian python3).

Run from this folder:  /usr/bin/python3 make_golden.py ../../../../../../../shared/anchors/sk_bench.py (the anchors beside the repository)
Writes
  trustworthiness.json  X (150 x 6), Y (150 x 2) and sklearn.manifold.trustworthiness(X, Y, k) for k = 1, 5, 10, 30
  mixture_1000.f64      the first 1000 rows of `sk_bench.py make OUT 1000 7` (little-endian float64, 1000 x 20)
  quality.json          trustworthiness (k=10) of scikit-learn's t-SNE of mixture_1000.f64, exactly as
                        sk_bench.py runs it: TSNE(perplexity=30, init="pca", learning_rate="auto", random_state=s)
"""
import json
import subprocess
import sys

import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness

sk_bench = sys.argv[1]

rng = np.random.default_rng(42)
X = rng.normal(size=(150, 6))
Y = X[:, :2] + 0.7 * rng.normal(size=(150, 2))
values = {str(k): trustworthiness(X, Y, n_neighbors=k) for k in (1, 5, 10, 30)}
with open("trustworthiness.json", "w") as f:
    json.dump({"source": "sklearn %s manifold.trustworthiness, euclidean" % sklearn.__version__,
               "x": X.tolist(), "y": Y.tolist(), "values": values}, f)

subprocess.run([sys.executable, sk_bench, "make", "mixture_1000.f64", "1000", "7"], check=True)
Xm = np.fromfile("mixture_1000.f64", dtype="<f8").reshape(-1, 20)
runs = {}
for seed in (0, 1, 2):
    Ym = TSNE(n_components=2, perplexity=30, init="pca", learning_rate="auto", random_state=seed).fit_transform(Xm)
    runs[str(seed)] = trustworthiness(Xm, Ym, n_neighbors=10)
with open("quality.json", "w") as f:
    json.dump({"source": "sklearn %s TSNE(perplexity=30, init='pca', learning_rate='auto') by random_state"
               % sklearn.__version__, "rows": len(Xm), "trustworthiness_k10": runs}, f, indent=1)
print(values, runs)
