package io.contrastkit.learn.label;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of {@link PseudoLabeler#label}: a label and a confidence for every row, which rows a person
 * labelled, and which classifier labelled them with its cross-validated accuracies. Arrays are copied in and out.
 *
 * @param classifier       the classifier that labelled every row
 * @param folds            cross-validation folds used, 0 when it could not cross-validate
 * @param knnAccuracy      cross-validated accuracy of k-NN on the labelled rows, NaN when not cross-validated
 * @param logisticAccuracy the same for logistic regression
 * @param classes          the labels, sorted
 * @param label            for every row, an index into classes: the classifier's label, for rows a person
 *                         labelled too (their own label is in the input and stands)
 * @param confidence       for every row, the classifier's probability of that label
 * @param human            for every row, whether a person labelled it
 */
public record PseudoLabeling(Method classifier, int folds, double knnAccuracy, double logisticAccuracy,
                             List<String> classes, int[] label, double[] confidence, boolean[] human) {

    /** The classifiers that can win. */
    public enum Method {
        /** k-nearest neighbours. */
        KNN("knn"),
        /** Logistic regression. */
        LOGISTIC("logistic");

        private final String id;

        Method(String id) {
            this.id = id;
        }

        /** The short lower-case name ({@code knn}, {@code logistic}) used in JSON and in the store. */
        public String id() {
            return id;
        }
    }

    /** Where a row's label comes from. */
    public enum Source {
        /** A person named it. */
        HUMAN,
        /** The classifier propagated it. */
        PROPAGATED
    }

    /** Checks that the per-row arrays agree, and copies them. */
    public PseudoLabeling {
        if (classifier == null || classes == null || label == null || confidence == null || human == null) {
            throw new IllegalArgumentException("no component may be null");
        }
        if (confidence.length != label.length || human.length != label.length) {
            throw new IllegalArgumentException("label, confidence and human must have one entry per row: "
                    + label.length + ", " + confidence.length + ", " + human.length);
        }
        classes = List.copyOf(classes);
        label = label.clone();
        confidence = confidence.clone();
        human = human.clone();
    }

    @Override
    public int[] label() {
        return label.clone();
    }

    @Override
    public double[] confidence() {
        return confidence.clone();
    }

    @Override
    public boolean[] human() {
        return human.clone();
    }

    /** Number of rows. */
    public int rows() {
        return label.length;
    }

    /** The label of one row, as text. */
    public String labelOf(int row) {
        return classes.get(label[row]);
    }

    /** The confidence of one row's label. */
    public double confidenceOf(int row) {
        return confidence[row];
    }

    /** Whether a person labelled the row or the classifier did. */
    public Source source(int row) {
        return human[row] ? Source.HUMAN : Source.PROPAGATED;
    }

    /** Number of rows a person labelled: what the classifier learned from. */
    public int labelled() {
        int n = 0;
        for (boolean h : human) {
            n += h ? 1 : 0;
        }
        return n;
    }

    /** How many rows got each label, in {@link #classes()} order. */
    public int[] counts() {
        int[] c = new int[classes.size()];
        for (int l : label) {
            c[l]++;
        }
        return c;
    }

    /** Why the classifier was chosen, in words. */
    public String note() {
        return folds >= 2
                ? String.format(Locale.ROOT, "%d-fold cross-validated accuracy: k-NN %.3f, logistic %.3f",
                        folds, knnAccuracy, logisticAccuracy)
                : "not cross-validated: a label has a single example (label two or more images of each)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PseudoLabeling p && classifier == p.classifier && folds == p.folds
                && Double.compare(knnAccuracy, p.knnAccuracy) == 0 && Double.compare(logisticAccuracy, p.logisticAccuracy) == 0
                && classes.equals(p.classes) && Arrays.equals(label, p.label) && Arrays.equals(confidence, p.confidence)
                && Arrays.equals(human, p.human);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * classifier.hashCode() + classes.hashCode()) + Arrays.hashCode(label);
    }

    @Override
    public String toString() {
        return "PseudoLabeling[" + classifier.id() + ", " + note() + ", " + label.length + " rows, " + labelled()
                + " labelled, classes " + classes + "]";
    }
}
