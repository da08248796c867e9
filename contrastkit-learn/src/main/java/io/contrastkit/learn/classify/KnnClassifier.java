package io.contrastkit.learn.classify;

import java.util.Arrays;

/** A fitted k-NN classifier: its (copied, possibly standardised) training rows and their classes. */
final class KnnClassifier implements Classifier {

    private final TrainingSet train;
    private final int k;
    private final KnnOptions.VoteTies ties;

    KnnClassifier(TrainingSet train, KnnOptions options) {
        this.train = train;
        this.k = Math.min(options.neighbours(), train.rows.length);
        this.ties = options.voteTies();
    }

    @Override
    public int[] classes() {
        return train.classes.clone();
    }

    @Override
    public int columns() {
        return train.columns();
    }

    @Override
    public Prediction classify(double[] row) {
        double[] q = TrainingSet.prepare(row, columns(), train.standardisation);
        // The k nearest by insertion, kept ordered by distance and, among equal distances, by training order:
        // the same k rows, in the same order, as a stable sort of all distances.
        int[] nearest = new int[k];
        double[] nearestD = new double[k];
        int size = 0;
        double[][] rows = train.rows;
        for (int j = 0; j < rows.length; j++) {
            double d = squaredDistance(q, rows[j]);
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
        int[] cls = train.classIndex;
        int[] votes = new int[train.classes.length];
        for (int m = 0; m < size; m++) {
            votes[cls[nearest[m]]]++;
        }
        int best;
        if (ties == KnnOptions.VoteTies.LOWEST_LABEL) {
            best = 0;
            for (int c = 1; c < votes.length; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
        } else {
            // walking the neighbours nearest first, the first label to reach the top count wins
            best = cls[nearest[0]];
            for (int m = 1; m < size; m++) {
                int c = cls[nearest[m]];
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
        }
        double[] p = new double[votes.length];
        for (int c = 0; c < votes.length; c++) {
            p[c] = votes[c] / (double) size;
        }
        return new Prediction(train.classes[best], best, p);
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }

    @Override
    public String toString() {
        return "KnnClassifier[k " + k + ", " + train.rows.length + " rows, classes " + Arrays.toString(train.classes) + "]";
    }
}
