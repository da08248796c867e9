package io.contrastkit.app.explore;

import io.contrastkit.learn.validate.Downstream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pseudo-labeling: from a few images a person named, a label and a confidence for every image. k-nearest
 * neighbours and multinomial logistic regression are cross-validated on the labelled rows with the
 * validation package's {@link Downstream} (same folds for both) and the better one labels everything.
 *
 * <p>{@code Downstream} only scores classifiers, it exposes no fit/predict, so the two final fits are
 * written here, the same way: k-NN with uniform votes (ties to the label of the nearest example), and
 * L2-penalised softmax regression ({@code 1/(2C)|W|^2}, C = 1, unpenalised intercept).
 */
public final class Propagation {

    /** Labelled rows needed before anything is propagated. */
    public static final int MIN_LABELLED = 2;

    private static final int NEIGHBOURS = 5;
    private static final int MAX_FOLDS = 5;
    private static final double C = 1.0;
    private static final int LOGISTIC_SWEEPS = 3000;

    private Propagation() {
    }

    /**
     * The outcome.
     *
     * @param classifier     the classifier that labelled every image ({@code knn} or {@code logistic})
     * @param knnAccuracy    cross-validated accuracy of k-NN on the labelled images, NaN when not cross-validated
     * @param logisticAccuracy the same for logistic regression
     * @param note           why the choice was made, in words
     * @param classes        the labels, sorted
     * @param label          for every row, an index into classes
     * @param confidence     for every row, the classifier's probability of that label
     * @param labelled       number of labelled rows it learned from
     */
    public record Result(String classifier, double knnAccuracy, double logisticAccuracy, String note,
                         List<String> classes, int[] label, double[] confidence, int labelled) {
    }

    /**
     * Learns from {@code labels} (row to label) on the rows of {@code x} (scaled features) and labels every row.
     *
     * @throws IllegalArgumentException with fewer than {@link #MIN_LABELLED} labelled rows or a single label
     */
    public static Result propagate(double[][] x, Map<Integer, String> labels) {
        TreeMap<String, Integer> classOf = new TreeMap<>();
        labels.values().forEach(l -> classOf.putIfAbsent(l, 0));
        if (labels.size() < MIN_LABELLED || classOf.size() < 2) {
            throw new IllegalArgumentException("propagation needs at least two different labels on at least "
                    + MIN_LABELLED + " images; have " + labels.size() + " labelled image(s) with " + classOf.size()
                    + " label(s)");
        }
        List<String> classes = new ArrayList<>(classOf.keySet());
        for (int c = 0; c < classes.size(); c++) {
            classOf.put(classes.get(c), c);
        }
        int n = labels.size();
        double[][] tx = new double[n][];
        int[] ty = new int[n];
        int[] count = new int[classes.size()];
        int t = 0;
        for (Map.Entry<Integer, String> e : new TreeMap<>(labels).entrySet()) {
            tx[t] = x[e.getKey()];
            ty[t] = classOf.get(e.getValue());
            count[ty[t]]++;
            t++;
        }
        int smallest = Arrays.stream(count).min().orElse(0);
        int folds = Math.min(MAX_FOLDS, smallest);
        double knnAcc = Double.NaN;
        double logAcc = Double.NaN;
        String classifier;
        String note;
        if (folds >= 2) {
            int trainRows = n - (n + folds - 1) / folds;
            Downstream.Options o = new Downstream.Options(Downstream.Classifier.KNN, folds,
                    Math.max(1, Math.min(NEIGHBOURS, trainRows)), C, 42L);
            knnAcc = Downstream.crossValidate(tx, ty, o).accuracy();
            logAcc = Downstream.crossValidate(tx, ty, o.withClassifier(Downstream.Classifier.LOGISTIC)).accuracy();
            // Ties go to k-NN: it assumes less about how labels are laid out in feature space.
            classifier = logAcc > knnAcc ? "logistic" : "knn";
            note = String.format(java.util.Locale.ROOT, "%d-fold cross-validated accuracy: k-NN %.3f, logistic %.3f",
                    folds, knnAcc, logAcc);
        } else {
            classifier = "knn";
            note = "not cross-validated: a label has a single example (label two or more images of each)";
        }
        int[] label = new int[x.length];
        double[] confidence = new double[x.length];
        if (classifier.equals("knn")) {
            knn(tx, ty, classes.size(), x, label, confidence);
        } else {
            logistic(tx, ty, classes.size(), x, label, confidence);
        }
        return new Result(classifier, knnAcc, logAcc, note, List.copyOf(classes), label, confidence, n);
    }

    private static void knn(double[][] tx, int[] ty, int classes, double[][] x, int[] label, double[] confidence) {
        int k = Math.min(NEIGHBOURS, tx.length);
        int[] nearest = new int[k];
        double[] nearestD = new double[k];
        int[] votes = new int[classes];
        for (int i = 0; i < x.length; i++) {
            int size = 0;
            for (int j = 0; j < tx.length; j++) {
                double d = sqDist(x[i], tx[j]);
                if (size < k || d < nearestD[size - 1]) {
                    int p = size < k ? size++ : size - 1;
                    while (p > 0 && nearestD[p - 1] > d) {
                        nearest[p] = nearest[p - 1];
                        nearestD[p] = nearestD[p - 1];
                        p--;
                    }
                    nearest[p] = j;
                    nearestD[p] = d;
                }
            }
            Arrays.fill(votes, 0);
            for (int m = 0; m < size; m++) {
                votes[ty[nearest[m]]]++;
            }
            // Ties go to the tied label with the nearest example (with one example per label every vote ties).
            int best = ty[nearest[0]];
            for (int m = 1; m < size; m++) {
                int c = ty[nearest[m]];
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            label[i] = best;
            confidence[i] = votes[best] / (double) size;
        }
    }

    private static void logistic(double[][] tx, int[] ty, int classes, double[][] x, int[] label, double[] confidence) {
        int n = tx.length;
        int d = tx[0].length;
        // Weights per class: d coefficients then the intercept.
        double[][] w = new double[classes][d + 1];
        // Gradient steps of 1/L with L bounding the Hessian (Böhning: half the Gram matrix, here its trace,
        // plus the penalty): always a descent step, no line search, and the problem is small.
        double trace = 0;
        for (double[] row : tx) {
            trace += dot(row, row) + 1;
        }
        double step = 1.0 / (0.5 * trace + 1.0 / C);
        double[] p = new double[classes];
        double[][] grad = new double[classes][d + 1];
        for (int sweep = 0; sweep < LOGISTIC_SWEEPS; sweep++) {
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j < d; j++) {
                    grad[c][j] = w[c][j] / C;
                }
                grad[c][d] = 0;
            }
            for (int i = 0; i < n; i++) {
                softmax(w, tx[i], p);
                for (int c = 0; c < classes; c++) {
                    double r = p[c] - (ty[i] == c ? 1 : 0);
                    for (int j = 0; j < d; j++) {
                        grad[c][j] += r * tx[i][j];
                    }
                    grad[c][d] += r;
                }
            }
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j <= d; j++) {
                    w[c][j] -= step * grad[c][j];
                }
            }
        }
        for (int i = 0; i < x.length; i++) {
            softmax(w, x[i], p);
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            label[i] = best;
            confidence[i] = p[best];
        }
    }

    private static void softmax(double[][] w, double[] row, double[] p) {
        int d = row.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double z = w[c][d];
            for (int j = 0; j < d; j++) {
                z += w[c][j] * row[j];
            }
            p[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < w.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < w.length; c++) {
            p[c] /= sum;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static double sqDist(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }
}
