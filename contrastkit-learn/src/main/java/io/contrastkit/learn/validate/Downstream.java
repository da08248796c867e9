package io.contrastkit.learn.validate;

import io.contrastkit.learn.classify.ClassifierTrainer;
import io.contrastkit.learn.classify.CrossValidation;
import io.contrastkit.learn.classify.KnnOptions;
import io.contrastkit.learn.classify.KnnTrainer;
import io.contrastkit.learn.classify.LogisticOptions;
import io.contrastkit.learn.classify.LogisticTrainer;
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
 * each training fold only. The classifiers themselves are {@link io.contrastkit.learn.classify}'s, shared with
 * pseudo-labeling.
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
        double[] accuracies = CrossValidation.foldAccuracies(trainer(options), features, labels, foldOf, options.folds());
        return new Result(options.classifier(), accuracies, CrossValidation.mean(accuracies), majorityShare(labels));
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
     * Same as {@link CrossValidation#stratifiedFolds} with {@code new SplittableRandom(seed)}.
     */
    public static int[] stratifiedFolds(int[] labels, int folds, long seed) {
        return CrossValidation.stratifiedFolds(labels, folds, new SplittableRandom(seed));
    }

    /**
     * The trainer the options name. Both standardise on the training fold, so nothing of the held-out rows
     * leaks into the fit; k-NN ties go to the lowest label and logistic regression is Newton's, as scikit-learn.
     */
    public static ClassifierTrainer trainer(Options options) {
        return options.classifier() == Classifier.KNN
                ? new KnnTrainer(new KnnOptions(options.neighbours(), KnnOptions.VoteTies.LOWEST_LABEL, true))
                : new LogisticTrainer(new LogisticOptions(options.inverseRegularisation(), LogisticOptions.Solver.NEWTON,
                        LogisticOptions.DEFAULT_NEWTON_ITERATIONS, true));
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
