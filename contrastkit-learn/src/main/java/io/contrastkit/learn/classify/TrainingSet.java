package io.contrastkit.learn.classify;

import io.contrastkit.learn.scale.Rows;
import java.util.Arrays;

/**
 * Validated training rows with their labels encoded as class indices (classes ascending), and the
 * standardisation when the trainer asked for one. The rows are fresh copies, so the fitted classifier may keep them.
 */
final class TrainingSet {

    final double[][] rows;
    final int[] classes;
    final int[] classIndex;
    final Standardisation standardisation;

    private TrainingSet(double[][] rows, int[] classes, int[] classIndex, Standardisation standardisation) {
        this.rows = rows;
        this.classes = classes;
        this.classIndex = classIndex;
        this.standardisation = standardisation;
    }

    static TrainingSet of(double[][] rows, int[] labels, boolean standardise) {
        Rows.requireMatrix(rows, "rows");
        if (labels == null || labels.length != rows.length) {
            throw new IllegalArgumentException("rows has " + rows.length + " rows but there are "
                    + (labels == null ? "no" : String.valueOf(labels.length)) + " labels");
        }
        Standardisation s = standardise ? Standardisation.fit(rows) : null;
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = s == null ? rows[i].clone() : s.apply(rows[i]);
        }
        int[] classes = Arrays.stream(labels).distinct().sorted().toArray();
        int[] index = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            index[i] = Arrays.binarySearch(classes, labels[i]);
        }
        return new TrainingSet(copy, classes, index, s);
    }

    int columns() {
        return rows[0].length;
    }

    /** Validates a row to classify and returns it in the space the classifier was fitted in. */
    static double[] prepare(double[] row, int columns, Standardisation s) {
        Rows.requireRow(row, columns);
        return s == null ? row : s.apply(row);
    }
}
