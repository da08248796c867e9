#!/usr/bin/python3
"""Writes the golden files for contrastkit-learn's parity tests.

Run with /usr/bin/python3 (scikit-learn 1.2.1, scipy 1.10.1, numpy 1.24.2):
    cd contrastkit-learn/src/test/resources/golden && /usr/bin/python3 make_golden.py
Outputs: metrics.json, kmeans.json, pca.json, ward.json (tests read these; they never run Python).
"""
import json

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_samples, silhouette_score

VERSIONS = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}


def dump(name, obj):
    obj["versions"] = VERSIONS
    with open(name, "w") as f:
        json.dump(obj, f, indent=None, separators=(",", ":"))
        f.write("\n")


def metrics():
    cases = []
    X, y = make_blobs(n_samples=400, centers=5, n_features=6, cluster_std=1.5, random_state=7)
    cases.append(("blobs_true_labels", X, y))
    lab = KMeans(n_clusters=4, n_init=3, random_state=1).fit_predict(X)
    cases.append(("blobs_kmeans4", X, lab))
    # A singleton cluster (silhouette 0 by definition) and non-contiguous label values.
    y2 = y.copy() * 3 + 10
    y2[17] = 99
    cases.append(("singleton_and_sparse_labels", X, y2))
    rng = np.random.default_rng(3)
    Xr = rng.normal(size=(257, 3))
    yr = rng.integers(0, 3, size=257)
    cases.append(("noise_random_labels", Xr, yr))
    out = []
    for name, X_, y_ in cases:
        out.append({
            "name": name, "X": X_.tolist(), "labels": [int(v) for v in y_],
            "silhouette": float(silhouette_score(X_, y_)),
            "silhouette_samples": silhouette_samples(X_, y_).tolist(),
            "davies_bouldin": float(davies_bouldin_score(X_, y_)),
            "calinski_harabasz": float(calinski_harabasz_score(X_, y_)),
        })
    dump("metrics.json", {"cases": out})


def kmeans():
    X, _ = make_blobs(n_samples=3000, centers=12, n_features=8, cluster_std=2.5, random_state=11)
    rng = np.random.default_rng(5)
    X = np.vstack([X, rng.normal(0, 6, size=(300, 8))])
    res = []
    for k in (3, 8, 16):
        for n_init in (1, 3):
            inert = [float(KMeans(n_clusters=k, n_init=n_init, max_iter=300, tol=1e-4, algorithm="lloyd",
                                  random_state=s).fit(X).inertia_) for s in range(7)]
            res.append({"k": k, "n_init": n_init, "inertias": inert, "median": float(np.median(inert))})
    dump("kmeans.json", {"X": X.tolist(), "runs": res})


def pca():
    rng = np.random.default_rng(21)
    A = rng.normal(size=(7, 7))
    X = rng.normal(size=(600, 7)) @ A * np.array([5, 3, 2, 1, 0.5, 0.2, 0.1]) + rng.normal(size=7) * 10
    p = PCA().fit(X)
    dump("pca.json", {"X": X.tolist(), "mean": p.mean_.tolist(),
                      "explained_variance": p.explained_variance_.tolist(),
                      "explained_variance_ratio": p.explained_variance_ratio_.tolist(),
                      "components": p.components_.tolist(),
                      "transformed_first5": p.transform(X[:5]).tolist()})


def ward():
    X, _ = make_blobs(n_samples=300, centers=6, n_features=4, cluster_std=2.0, random_state=3)
    Z = linkage(X, "ward")
    dump("ward.json", {"X": X.tolist(), "linkage": Z.tolist(),
                       "maxclust3": (fcluster(Z, 3, "maxclust") - 1).tolist(),
                       "maxclust5": (fcluster(Z, 5, "maxclust") - 1).tolist(),
                       "maxclust12": (fcluster(Z, 12, "maxclust") - 1).tolist()})


if __name__ == "__main__":
    metrics()
    kmeans()
    pca()
    ward()
