"""Golden values for ClusterAgreement: scikit-learn 1.2.1 adjusted_rand_score and
normalized_mutual_info_score (average_method="arithmetic", the default), plus mutual_info_score.

Run with /usr/bin/python3 cluster_agreement.py > cluster_agreement.json.
"""
import json

import numpy as np
import sklearn
from sklearn import metrics

assert sklearn.__version__ == "1.2.1", sklearn.__version__
rng = np.random.default_rng(11)
cases = []


def add(name, a, b):
    a = [int(v) for v in a]
    b = [int(v) for v in b]
    cases.append({"name": name, "a": a, "b": b,
                  "ari": float(metrics.adjusted_rand_score(a, b)),
                  "nmi": float(metrics.normalized_mutual_info_score(a, b)),
                  "mi": float(metrics.mutual_info_score(a, b))})


a = rng.integers(0, 4, 300)
add("independent_k4_n300", a, rng.integers(0, 4, 300))
noisy = a.copy()
flip = rng.random(300) < 0.2
noisy[flip] = rng.integers(0, 4, flip.sum())
add("noisy_copy_k4", a, noisy)
add("relabelled_identical", a, (a * 7 + 3) % 11 - 5)
add("different_k_3_vs_6", rng.integers(0, 3, 500), rng.integers(0, 6, 500))
add("negative_labels", [-1, -1, 0, 0, 1, 1, -1, 2], [5, 5, 5, -3, -3, 2, 2, 2])
add("one_cluster_vs_many", [0] * 10, list(range(10)))
add("one_cluster_both", [4] * 6, [9] * 6)
add("all_singletons_both", list(range(7)), list(range(7))[::-1])
add("sklearn_doc_negative", [0, 0, 1, 1], [0, 1, 0, 1])
add("sklearn_doc_partial", [0, 0, 1, 2], [0, 0, 1, 1])
add("single_point", [3], [8])
big = rng.integers(0, 25, 5000)
add("k25_n5000_nested", big, big // 5)
print(json.dumps({"source": "scikit-learn " + sklearn.__version__, "cases": cases}, separators=(",", ":")))
