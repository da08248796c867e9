package io.contrastkit.learn.label;

import io.contrastkit.learn.classify.Classifier;
import io.contrastkit.learn.classify.ClassifierTrainer;
import io.contrastkit.learn.classify.CrossValidation;
import io.contrastkit.learn.classify.KnnOptions;
import io.contrastkit.learn.classify.KnnTrainer;
import io.contrastkit.learn.classify.LogisticOptions;
import io.contrastkit.learn.classify.LogisticTrainer;
import io.contrastkit.learn.scale.Rows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Pseudo-labeling: from a few rows a person labelled, a label and a confidence for every row. k-nearest
 * neighbours and logistic regression are cross-validated on the labelled rows (same folds for both) and the
 * better one, k-NN on a tie, labels everything.
 */
public final class PseudoLabeler {

    /** Labelled rows needed before anything is propagated. */
    public static final int MIN_LABELLED = 2;

    private PseudoLabeler() {
    }

    /**
     * Learns from {@code labels} (row index to label) on {@code rows} (scaled features, n x d, finite) and labels
     * every row.
     *
     * @throws IllegalArgumentException with fewer than {@link #MIN_LABELLED} labelled rows or a single label,
     *                                  a labelled row outside {@code rows}, or rows that are not a finite matrix
     */
    public static PseudoLabeling label(double[][] rows, Map<Integer, String> labels, PseudoLabelOptions options) {
        if (rows == null || labels == null || options == null) {
            throw new IllegalArgumentException("rows, labels and options must not be null");
        }
        TreeMap<String, Integer> classOf = new TreeMap<>();
        for (String l : labels.values()) {
            if (l == null) {
                throw new IllegalArgumentException("a label must not be null");
            }
            classOf.putIfAbsent(l, 0);
        }
        // the count check comes first, so that an empty collection says what a person can do about it
        if (labels.size() < MIN_LABELLED || classOf.size() < 2) {
            throw new IllegalArgumentException("propagation needs at least two different labels on at least "
                    + MIN_LABELLED + " images; have " + labels.size() + " labelled image(s) with " + classOf.size()
                    + " label(s)");
        }
        Rows.requireMatrix(rows, "rows");
        for (Integer row : labels.keySet()) {
            if (row == null || row < 0 || row >= rows.length) {
                throw new IllegalArgumentException("labelled row " + row + " is outside the rows 0.." + (rows.length - 1));
            }
        }
        List<String> classes = new ArrayList<>(classOf.keySet());
        for (int c = 0; c < classes.size(); c++) {
            classOf.put(classes.get(c), c);
        }
        int n = labels.size();
        double[][] tx = new double[n][];
        int[] ty = new int[n];
        int[] count = new int[classes.size()];
        boolean[] human = new boolean[rows.length];
        int t = 0;
        for (Map.Entry<Integer, String> e : new TreeMap<>(labels).entrySet()) {
            tx[t] = rows[e.getKey()];
            ty[t] = classOf.get(e.getValue());
            human[e.getKey()] = true;
            count[ty[t]]++;
            t++;
        }
        int smallest = Arrays.stream(count).min().orElse(0);
        int folds = Math.min(options.maxFolds(), smallest);
        double knnAcc = Double.NaN;
        double logAcc = Double.NaN;
        PseudoLabeling.Method method = PseudoLabeling.Method.KNN;
        if (folds >= 2) {
            // Cross-validation scores the downstream check's classifiers (standardised on each training fold,
            // ties to the lowest label, Newton's logistic regression), while the final fit below is plain k-NN
            // with nearest-example ties or gradient-descent softmax: the explorer has always done it this way,
            // and keeping both keeps its choices and labels what they were.
            int trainRows = n - (n + folds - 1) / folds;
            int k = Math.max(1, Math.min(options.neighbours(), trainRows));
            int[] foldOf = CrossValidation.stratifiedFolds(ty, folds, new SplittableRandom(options.seed()));
            ClassifierTrainer knn = new KnnTrainer(new KnnOptions(k, KnnOptions.VoteTies.LOWEST_LABEL, true));
            ClassifierTrainer logistic = new LogisticTrainer(new LogisticOptions(options.inverseRegularisation(),
                    LogisticOptions.Solver.NEWTON, LogisticOptions.DEFAULT_NEWTON_ITERATIONS, true));
            knnAcc = CrossValidation.mean(CrossValidation.foldAccuracies(knn, tx, ty, foldOf, folds));
            logAcc = CrossValidation.mean(CrossValidation.foldAccuracies(logistic, tx, ty, foldOf, folds));
            // Ties go to k-NN: it assumes less about how labels are laid out in feature space.
            method = logAcc > knnAcc ? PseudoLabeling.Method.LOGISTIC : PseudoLabeling.Method.KNN;
        } else {
            folds = 0;
        }
        ClassifierTrainer finalTrainer = method == PseudoLabeling.Method.KNN
                ? new KnnTrainer(new KnnOptions(options.neighbours(), KnnOptions.VoteTies.NEAREST_EXAMPLE, false))
                : new LogisticTrainer(new LogisticOptions(options.inverseRegularisation(),
                        LogisticOptions.Solver.GRADIENT_DESCENT, options.logisticSweeps(), false));
        Classifier model = finalTrainer.fit(tx, ty);
        int[] label = new int[rows.length];
        double[] confidence = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            // every class has an example, so the class indices are the labels 0..classes-1 themselves
            Classifier.Prediction p = model.classify(rows[i]);
            label[i] = p.label();
            confidence[i] = p.confidence();
        }
        return new PseudoLabeling(method, folds, knnAcc, logAcc, classes, label, confidence, human);
    }
}
