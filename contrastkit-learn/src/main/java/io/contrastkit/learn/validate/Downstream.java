package io.contrastkit.learn.validate;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealVector;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Downstream check: stratified k-fold cross-validated accuracy of a simple classifier (k-nearest neighbours, or
 * multinomial logistic regression) on standardised feature columns against known labels, so that two inputs
 * (say, the model's outputs and the raw features) can be compared on the same folds.
 *
 * <p>Both classifiers behave as scikit-learn's {@code StandardScaler} followed by {@code KNeighborsClassifier}
 * (uniform weights, Euclidean, vote ties to the smallest label) or {@code LogisticRegression} (L2 penalty
 * {@code 1/(2C)*|W|^2}, unpenalised intercept, multinomial for 3+ classes, binary for 2), the scaler fitted on
 * each training fold only.
 */
public final class Downstream {

    private Downstream() {
    }

    /** The classifiers on offer. */
    public enum Classifier {
        /** k-nearest neighbours, majority vote. */
        KNN,
        /** L2-regularised logistic regression, fitted to convergence by Newton's method. */
        LOGISTIC
    }

    /**
     * Options of the cross-validation.
     *
     * @param classifier     which classifier
     * @param folds          number of stratified folds, at least 2
     * @param neighbours     k of k-nearest neighbours
     * @param inverseRegularisation C of the logistic regression (larger = weaker penalty)
     * @param seed           seed of the fold assignment
     */
    public record Options(Classifier classifier, int folds, int neighbours, double inverseRegularisation, long seed) {

        public Options {
            if (classifier == null) {
                throw new IllegalArgumentException("classifier must not be null");
            }
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be >= 2, got " + folds);
            }
            if (neighbours < 1) {
                throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
            }
            if (!(inverseRegularisation > 0) || Double.isInfinite(inverseRegularisation)) {
                throw new IllegalArgumentException("inverseRegularisation (C) must be positive and finite, got " + inverseRegularisation);
            }
        }

        /** k-NN with k = 5, 5 folds, C = 1 for logistic regression, seed 42. */
        public static Options defaults() {
            return new Options(Classifier.KNN, 5, 5, 1.0, 42L);
        }

        public Options withClassifier(Classifier newClassifier) {
            return new Options(newClassifier, folds, neighbours, inverseRegularisation, seed);
        }

        public Options withSeed(long newSeed) {
            return new Options(classifier, folds, neighbours, inverseRegularisation, newSeed);
        }
    }

    /**
     * Cross-validated accuracy of a classifier on one input.
     *
     * @param classifier       the classifier used
     * @param foldAccuracies   accuracy on each held-out fold, in fold order (a copy is returned)
     * @param accuracy         mean of the fold accuracies (as scikit-learn's cross_val_score(...).mean())
     * @param majorityBaseline share of the most frequent label: what always guessing it would score
     */
    public record Result(Classifier classifier, double[] foldAccuracies, double accuracy, double majorityBaseline) {

        public Result {
            foldAccuracies = foldAccuracies.clone();
        }

        @Override
        public double[] foldAccuracies() {
            return foldAccuracies.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && classifier == r.classifier && Arrays.equals(foldAccuracies, r.foldAccuracies)
                    && Double.compare(accuracy, r.accuracy) == 0 && Double.compare(majorityBaseline, r.majorityBaseline) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * classifier.hashCode() + Arrays.hashCode(foldAccuracies);
        }

        @Override
        public String toString() {
            return "Result[" + classifier + ", accuracy " + accuracy + ", folds " + Arrays.toString(foldAccuracies)
                    + ", majority baseline " + majorityBaseline + "]";
        }
    }

    /**
     * Two inputs scored on the same folds.
     *
     * @param first      result on the first input
     * @param second     result on the second input
     * @param difference {@code first.accuracy() - second.accuracy()}
     */
    public record Comparison(Result first, Result second, double difference) {
    }

    /** Cross-validates on stratified folds drawn with {@code options.seed()}. */
    public static Result crossValidate(double[][] features, int[] labels, Options options) {
        checkInputs(features, labels, "features");
        return crossValidate(features, labels, stratifiedFolds(labels, options.folds(), options.seed()), options);
    }

    /**
     * Cross-validates on the given fold of each row ({@code 0..options.folds()-1}; every fold must be non-empty
     * and leave some rows for training).
     */
    public static Result crossValidate(double[][] features, int[] labels, int[] foldOf, Options options) {
        checkInputs(features, labels, "features");
        if (foldOf == null || foldOf.length != labels.length) {
            throw new IllegalArgumentException("foldOf must have one fold per row (" + labels.length + ")");
        }
        int k = options.folds();
        int[] foldSize = new int[k];
        for (int i = 0; i < foldOf.length; i++) {
            if (foldOf[i] < 0 || foldOf[i] >= k) {
                throw new IllegalArgumentException("foldOf[" + i + "] is " + foldOf[i] + ", outside 0.." + (k - 1));
            }
            foldSize[foldOf[i]]++;
        }
        for (int f = 0; f < k; f++) {
            if (foldSize[f] == 0 || foldSize[f] == labels.length) {
                throw new IllegalArgumentException("fold " + f + " holds " + foldSize[f] + " of " + labels.length
                        + " rows: each fold needs some rows and must leave some for training");
            }
        }
        double[] accuracies = new double[k];
        for (int f = 0; f < k; f++) {
            accuracies[f] = foldAccuracy(features, labels, foldOf, f, options);
        }
        return new Result(options.classifier(), accuracies, Arrays.stream(accuracies).sum() / k, majorityShare(labels));
    }

    /** Scores {@code first} and {@code second} (same rows, any columns) on the same seeded folds. */
    public static Comparison compare(double[][] first, double[][] second, int[] labels, Options options) {
        checkInputs(first, labels, "first");
        checkInputs(second, labels, "second");
        int[] folds = stratifiedFolds(labels, options.folds(), options.seed());
        Result a = crossValidate(first, labels, folds, options);
        Result b = crossValidate(second, labels, folds, options);
        return new Comparison(a, b, a.accuracy() - b.accuracy());
    }

    /**
     * A seeded stratified assignment of rows to {@code folds} folds: each label's rows are shuffled and dealt
     * round-robin, continuing the deal across labels, so every fold gets each label's share within one and
     * fold sizes differ by at most one. Needs at least {@code folds} rows.
     */
    public static int[] stratifiedFolds(int[] labels, int folds, long seed) {
        if (labels.length < folds) {
            throw new IllegalArgumentException("need at least " + folds + " rows for " + folds + " folds, got " + labels.length);
        }
        int[] order = labels.clone();
        Arrays.sort(order);
        SplittableRandom random = new SplittableRandom(seed);
        int[] foldOf = new int[labels.length];
        int dealt = 0;
        int start = 0;
        while (start < order.length) {
            int label = order[start];
            int end = start;
            while (end < order.length && order[end] == label) {
                end++;
            }
            int[] members = new int[end - start];
            int m = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == label) {
                    members[m++] = i;
                }
            }
            for (int i = members.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
            }
            for (int member : members) {
                foldOf[member] = dealt++ % folds;
            }
            start = end;
        }
        return foldOf;
    }

    private static double foldAccuracy(double[][] x, int[] labels, int[] foldOf, int fold, Options options) {
        int nTest = 0;
        for (int f : foldOf) {
            nTest += f == fold ? 1 : 0;
        }
        int nTrain = labels.length - nTest;
        int d = x[0].length;
        double[][] train = new double[nTrain][];
        int[] trainLabels = new int[nTrain];
        double[][] test = new double[nTest][];
        int[] testLabels = new int[nTest];
        int a = 0;
        int b = 0;
        for (int i = 0; i < labels.length; i++) {
            if (foldOf[i] == fold) {
                test[b] = x[i];
                testLabels[b++] = labels[i];
            } else {
                train[a] = x[i];
                trainLabels[a++] = labels[i];
            }
        }
        // the scaler sees the training fold only, so nothing of the held-out rows leaks into the fit
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : train) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= nTrain;
        }
        for (double[] row : train) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / nTrain);
            // a constant column stays as is (centred), like scikit-learn's StandardScaler
            scale[j] = sd > 0 ? sd : 1;
        }
        double[][] trainZ = standardise(train, mean, scale);
        double[][] testZ = standardise(test, mean, scale);
        int[] classes = Arrays.stream(trainLabels).distinct().sorted().toArray();
        int[] trainClass = new int[nTrain];
        for (int i = 0; i < nTrain; i++) {
            trainClass[i] = Arrays.binarySearch(classes, trainLabels[i]);
        }
        int[] predicted = options.classifier() == Classifier.KNN
                ? knn(trainZ, trainClass, classes.length, testZ, options.neighbours())
                : logistic(trainZ, trainClass, classes.length, testZ, options.inverseRegularisation());
        int correct = 0;
        for (int i = 0; i < nTest; i++) {
            correct += classes[predicted[i]] == testLabels[i] ? 1 : 0;
        }
        return (double) correct / nTest;
    }

    private static double[][] standardise(double[][] rows, double[] mean, double[] scale) {
        double[][] out = new double[rows.length][mean.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (rows[i][j] - mean[j]) / scale[j];
            }
        }
        return out;
    }

    /** Class index of each test row by majority of its k nearest training rows; ties go to the lowest class. */
    private static int[] knn(double[][] train, int[] trainClass, int classCount, double[][] test, int k) {
        int kk = Math.min(k, train.length);
        int[] predicted = new int[test.length];
        double[] dist = new double[train.length];
        Integer[] order = new Integer[train.length];
        for (int t = 0; t < test.length; t++) {
            for (int i = 0; i < train.length; i++) {
                double s = 0;
                for (int j = 0; j < test[t].length; j++) {
                    double diff = test[t][j] - train[i][j];
                    s += diff * diff;
                }
                dist[i] = s;
                order[i] = i;
            }
            // distance ties broken by training order, the stable choice
            Arrays.sort(order, (p, q) -> dist[p] != dist[q] ? Double.compare(dist[p], dist[q]) : Integer.compare(p, q));
            int[] votes = new int[classCount];
            for (int n = 0; n < kk; n++) {
                votes[trainClass[order[n]]]++;
            }
            int best = 0;
            for (int c = 1; c < classCount; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            predicted[t] = best;
        }
        return predicted;
    }

    /**
     * Fits L2-regularised logistic regression by damped Newton steps and predicts the most probable class.
     * Two classes use the binary model with one weight vector, three or more the multinomial (softmax) one,
     * as scikit-learn's default does; the optimum is unique, so any convergent solver reaches the same model.
     */
    private static int[] logistic(double[][] train, int[] trainClass, int classCount, double[][] test, double c) {
        int[] predicted = new int[test.length];
        if (classCount == 1) {
            return predicted;
        }
        int d = train[0].length;
        int outputs = classCount == 2 ? 1 : classCount;
        int width = d + 1;
        int p = outputs * width;
        double[] w = new double[p];
        double lambda = 1.0 / c;
        double f = logisticObjective(train, trainClass, outputs, w, lambda, null, null);
        for (int iter = 0; iter < 200; iter++) {
            double[] grad = new double[p];
            double[][] hess = new double[p][p];
            logisticObjective(train, trainClass, outputs, w, lambda, grad, hess);
            double gmax = 0;
            for (double g : grad) {
                gmax = Math.max(gmax, Math.abs(g));
            }
            if (gmax < 1e-10 * train.length) {
                break;
            }
            // the softmax is unchanged by a common shift of all intercepts: a tiny ridge makes that flat
            // direction solvable without moving the optimum (the gradient along it is zero)
            for (int k = 0; k < p; k++) {
                hess[k][k] += 1e-10;
            }
            RealVector step = new LUDecomposition(new Array2DRowRealMatrix(hess, false)).getSolver()
                    .solve(new ArrayRealVector(grad, false));
            double slope = 0;
            for (int k = 0; k < p; k++) {
                slope += grad[k] * step.getEntry(k);
            }
            double t = 1;
            double[] next = new double[p];
            double fNext;
            do {
                for (int k = 0; k < p; k++) {
                    next[k] = w[k] - t * step.getEntry(k);
                }
                fNext = logisticObjective(train, trainClass, outputs, next, lambda, null, null);
                t /= 2;
            } while (fNext > f - 1e-4 * 2 * t * slope && t > 1e-12);
            boolean done = f - fNext <= 1e-15 * Math.max(1, Math.abs(f));
            System.arraycopy(next, 0, w, 0, p);
            f = Math.min(f, fNext);
            if (done) {
                break;
            }
        }
        double[] z = new double[outputs];
        for (int t = 0; t < test.length; t++) {
            scores(test[t], w, outputs, z);
            if (outputs == 1) {
                predicted[t] = z[0] > 0 ? 1 : 0;
            } else {
                int best = 0;
                for (int k = 1; k < outputs; k++) {
                    if (z[k] > z[best]) {
                        best = k;
                    }
                }
                predicted[t] = best;
            }
        }
        return predicted;
    }

    private static void scores(double[] x, double[] w, int outputs, double[] z) {
        int width = x.length + 1;
        for (int k = 0; k < outputs; k++) {
            double s = w[k * width + x.length];
            for (int j = 0; j < x.length; j++) {
                s += w[k * width + j] * x[j];
            }
            z[k] = s;
        }
    }

    /**
     * Summed log-loss plus {@code lambda/2 * |W|^2} (intercepts unpenalised); fills the gradient and Hessian
     * when they are given.
     */
    private static double logisticObjective(double[][] x, int[] cls, int outputs, double[] w, double lambda,
                                            double[] grad, double[][] hess) {
        int d = x[0].length;
        int width = d + 1;
        double loss = 0;
        double[] z = new double[outputs];
        double[] prob = new double[outputs];
        double[] row = new double[width];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, row, 0, d);
            row[d] = 1;
            scores(x[i], w, outputs, z);
            if (outputs == 1) {
                double y = cls[i] == 1 ? 1 : 0;
                // log(1 + e^z) - y z, written to stay finite for large |z|
                loss += Math.max(z[0], 0) + Math.log1p(Math.exp(-Math.abs(z[0]))) - y * z[0];
                prob[0] = 1 / (1 + Math.exp(-z[0]));
                if (grad != null) {
                    double r = prob[0] - y;
                    double v = prob[0] * (1 - prob[0]);
                    for (int a = 0; a < width; a++) {
                        grad[a] += r * row[a];
                        for (int b = 0; b < width; b++) {
                            hess[a][b] += v * row[a] * row[b];
                        }
                    }
                }
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int k = 0; k < outputs; k++) {
                    prob[k] = Math.exp(z[k] - max);
                    sum += prob[k];
                }
                loss += Math.log(sum) + max - z[cls[i]];
                for (int k = 0; k < outputs; k++) {
                    prob[k] /= sum;
                }
                if (grad != null) {
                    for (int k = 0; k < outputs; k++) {
                        double r = prob[k] - (cls[i] == k ? 1 : 0);
                        for (int a = 0; a < width; a++) {
                            grad[k * width + a] += r * row[a];
                        }
                        for (int l = 0; l < outputs; l++) {
                            double v = prob[k] * ((k == l ? 1 : 0) - prob[l]);
                            for (int a = 0; a < width; a++) {
                                double va = v * row[a];
                                for (int b = 0; b < width; b++) {
                                    hess[k * width + a][l * width + b] += va * row[b];
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int k = 0; k < outputs; k++) {
            for (int j = 0; j < d; j++) {
                double wk = w[k * width + j];
                loss += 0.5 * lambda * wk * wk;
                if (grad != null) {
                    grad[k * width + j] += lambda * wk;
                    hess[k * width + j][k * width + j] += lambda;
                }
            }
        }
        return loss;
    }

    private static double majorityShare(int[] labels) {
        int[] sorted = labels.clone();
        Arrays.sort(sorted);
        int best = 0;
        int run = 0;
        for (int i = 0; i < sorted.length; i++) {
            run = i > 0 && sorted[i] == sorted[i - 1] ? run + 1 : 1;
            best = Math.max(best, run);
        }
        return (double) best / labels.length;
    }

    private static void checkInputs(double[][] features, int[] labels, String name) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        if (features == null || features.length != labels.length) {
            throw new IllegalArgumentException(name + " has " + (features == null ? "no" : features.length)
                    + " rows but there are " + labels.length + " labels");
        }
        Stability.checkData(features);
        if (features[0].length == 0) {
            throw new IllegalArgumentException(name + " has no columns");
        }
    }
}
