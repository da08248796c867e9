package io.contrastkit.learn.classify;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Stratified k-fold cross-validation of any {@link ClassifierTrainer}: fold assignment and held-out accuracy. */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * A stratified assignment of rows to {@code folds} folds: each label's rows (labels ascending) are shuffled
     * with {@code random} and dealt round-robin, continuing the deal across labels, so every fold gets each
     * label's share within one and fold sizes differ by at most one. Needs at least {@code folds} rows.
     */
    public static int[] stratifiedFolds(int[] labels, int folds, SplittableRandom random) {
        if (labels.length < folds) {
            throw new IllegalArgumentException("need at least " + folds + " rows for " + folds + " folds, got " + labels.length);
        }
        int[] order = labels.clone();
        Arrays.sort(order);
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

    /**
     * The accuracy on each held-out fold, in fold order: for fold f, {@code trainer} fits the rows of the other
     * folds and predicts the rows of f. {@code foldOf} gives each row's fold ({@code 0..folds-1}); every fold
     * must be non-empty and leave some rows for training.
     */
    public static double[] foldAccuracies(ClassifierTrainer trainer, double[][] rows, int[] labels, int[] foldOf,
                                          int folds) {
        if (foldOf == null || foldOf.length != labels.length) {
            throw new IllegalArgumentException("foldOf must have one fold per row (" + labels.length + ")");
        }
        int[] foldSize = new int[folds];
        for (int i = 0; i < foldOf.length; i++) {
            if (foldOf[i] < 0 || foldOf[i] >= folds) {
                throw new IllegalArgumentException("foldOf[" + i + "] is " + foldOf[i] + ", outside 0.." + (folds - 1));
            }
            foldSize[foldOf[i]]++;
        }
        for (int f = 0; f < folds; f++) {
            if (foldSize[f] == 0 || foldSize[f] == labels.length) {
                throw new IllegalArgumentException("fold " + f + " holds " + foldSize[f] + " of " + labels.length
                        + " rows: each fold needs some rows and must leave some for training");
            }
        }
        double[] accuracies = new double[folds];
        for (int f = 0; f < folds; f++) {
            accuracies[f] = foldAccuracy(trainer, rows, labels, foldOf, f, foldSize[f]);
        }
        return accuracies;
    }

    /** The mean of fold accuracies, summed as {@code DoubleStream.sum} does (compensated), as the downstream check always has. */
    public static double mean(double[] foldAccuracies) {
        return Arrays.stream(foldAccuracies).sum() / foldAccuracies.length;
    }

    private static double foldAccuracy(ClassifierTrainer trainer, double[][] x, int[] labels, int[] foldOf, int fold,
                                       int nTest) {
        int nTrain = labels.length - nTest;
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
        // the classifier (and any standardisation in it) sees the training folds only
        Classifier model = trainer.fit(train, trainLabels);
        int correct = 0;
        for (int i = 0; i < nTest; i++) {
            correct += model.predict(test[i]) == testLabels[i] ? 1 : 0;
        }
        return (double) correct / nTest;
    }
}
