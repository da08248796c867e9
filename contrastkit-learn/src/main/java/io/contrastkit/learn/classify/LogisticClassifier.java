package io.contrastkit.learn.classify;

import java.util.Arrays;

/** A fitted logistic regression: per output, d coefficients then the intercept. */
final class LogisticClassifier implements Classifier {

    /**
     * Which argmax decides. The two differ only when rounding makes two probabilities equal whose scores are
     * not; each solver keeps the rule its caller always used, so their labels stay what they were.
     */
    enum Decision {
        /** Highest score (scikit-learn's {@code predict}); for the binary model, class 1 when the score is positive. */
        SCORES,
        /** Highest probability, the lowest class on a tie. */
        PROBABILITIES
    }

    private final int[] classes;
    private final int columns;
    private final Standardisation standardisation;
    private final double[] w;
    private final int outputs;
    private final Decision decision;

    LogisticClassifier(int[] classes, int columns, Standardisation standardisation, double[] w, int outputs,
                       Decision decision) {
        this.classes = classes;
        this.columns = columns;
        this.standardisation = standardisation;
        this.w = w;
        this.outputs = outputs;
        this.decision = decision;
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public Prediction classify(double[] row) {
        double[] x = TrainingSet.prepare(row, columns, standardisation);
        if (classes.length == 1) {
            return new Prediction(classes[0], 0, new double[] {1});
        }
        double[] z = new double[outputs];
        scores(x, w, outputs, z);
        double[] p;
        int best;
        if (outputs == 1) {
            double p1 = 1 / (1 + Math.exp(-z[0]));
            p = new double[] {1 - p1, p1};
            best = z[0] > 0 ? 1 : 0;
        } else {
            p = new double[outputs];
            softmaxOfScores(z, p);
            double[] by = decision == Decision.SCORES ? z : p;
            best = 0;
            for (int k = 1; k < outputs; k++) {
                if (by[k] > by[best]) {
                    best = k;
                }
            }
        }
        return new Prediction(classes[best], best, p);
    }

    /** The score of each output: intercept plus the weighted row, summed in column order. */
    static void scores(double[] x, double[] w, int outputs, double[] z) {
        int width = x.length + 1;
        for (int k = 0; k < outputs; k++) {
            double s = w[k * width + x.length];
            for (int j = 0; j < x.length; j++) {
                s += w[k * width + j] * x[j];
            }
            z[k] = s;
        }
    }

    /** Softmax probabilities of one row over {@code outputs} classes, into p (z is scratch for the scores). */
    static void softmax(double[] x, double[] w, int outputs, double[] z, double[] p) {
        scores(x, w, outputs, z);
        softmaxOfScores(z, p);
    }

    private static void softmaxOfScores(double[] z, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
    }

    @Override
    public String toString() {
        return "LogisticClassifier[classes " + Arrays.toString(classes) + ", " + outputs + " output(s), " + decision + "]";
    }
}
