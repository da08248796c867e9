"""Golden values for Downstream: scikit-learn 1.2.1 cross_val_score accuracy of
make_pipeline(StandardScaler(), KNeighborsClassifier(5)) and of
make_pipeline(StandardScaler(), LogisticRegression(C=1.0)) on predefined folds (PredefinedSplit),
the fold of each row stored beside the data. LogisticRegression runs with tol=1e-10 and max_iter=10000
so that it sits at the (unique) optimum that the Java Newton solver also reaches.

Run with /usr/bin/python3 downstream.py > downstream.json.
"""
import json

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import PredefinedSplit, StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__
rng = np.random.default_rng(21)
cases = []


def add(name, x, y):
    folds = np.empty(len(y), dtype=int)
    for f, (_, test) in enumerate(StratifiedKFold(5, shuffle=True, random_state=0).split(x, y)):
        folds[test] = f
    split = PredefinedSplit(folds)
    knn = cross_val_score(make_pipeline(StandardScaler(), KNeighborsClassifier(5)), x, y, cv=split)
    lr = cross_val_score(make_pipeline(StandardScaler(), LogisticRegression(C=1.0, tol=1e-10, max_iter=10000)),
                         x, y, cv=split)
    cases.append({"name": name, "x": x.tolist(), "y": [int(v) for v in y], "folds": folds.tolist(),
                  "knn_folds": knn.tolist(), "logistic_folds": lr.tolist()})


# three overlapping classes in 4-D, columns on very different scales (so standardising matters)
y = np.repeat([0, 1, 2], 60)
centres = np.array([[0, 0, 0, 0], [1.2, 0.8, 0, 0], [0, 1.5, 1.0, 0]])
x = centres[y] + rng.normal(size=(180, 4))
x *= np.array([1.0, 100.0, 0.01, 5.0])
add("three_classes_4d", x, y)
# two classes with labels that are not 0/1 and unequal sizes
y2 = np.where(rng.random(150) < 0.35, 7, -2)
x2 = rng.normal(size=(150, 3)) + np.where(y2 == 7, 1.0, 0.0)[:, None] * np.array([1.0, 0.5, 0.0])
add("two_classes_3d", x2, y2)
# five classes, 6-D, 250 rows
y5 = rng.integers(0, 5, 250)
x5 = rng.normal(size=(5, 6))[y5] * 1.5 + rng.normal(size=(250, 6))
add("five_classes_6d", x5, y5)
print(json.dumps({"source": "scikit-learn " + sklearn.__version__, "cases": cases}, separators=(",", ":")))
