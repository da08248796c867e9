package io.contrastkit.learn.classify;

import java.util.Arrays;

/**
 * A fitted classifier: immutable and safe to share between threads. Made by a {@link ClassifierTrainer};
 * it never changes after {@code fit} returns.
 */
public interface Classifier {

    /** The labels it can predict, ascending (a fresh copy); {@link Prediction#probabilities()} follows this order. */
    int[] classes();

    /** Number of feature columns a row must have. */
    int columns();

    /**
     * The label and the class probabilities of one row ({@link #columns()} finite values).
     *
     * @throws IllegalArgumentException when the row is null, of another width or not finite
     */
    Prediction classify(double[] row);

    /** The predicted label of one row, as {@code classify(row).label()}. */
    default int predict(double[] row) {
        return classify(row).label();
    }

    /** The probability of each of {@link #classes()} for one row, as {@code classify(row).probabilities()}. */
    default double[] probabilities(double[] row) {
        return classify(row).probabilities();
    }

    /**
     * What a classifier says about one row.
     *
     * @param label         the predicted label, one of {@link Classifier#classes()}
     * @param classIndex    its index in {@link Classifier#classes()}
     * @param probabilities the probability of each class, in {@link Classifier#classes()} order (copied)
     */
    record Prediction(int label, int classIndex, double[] probabilities) {

        /** Checks that the class index points into the probabilities, and copies them. */
        public Prediction {
            if (probabilities == null || classIndex < 0 || classIndex >= probabilities.length) {
                throw new IllegalArgumentException("classIndex " + classIndex + " outside the "
                        + (probabilities == null ? "missing" : String.valueOf(probabilities.length)) + " probabilities");
            }
            probabilities = probabilities.clone();
        }

        @Override
        public double[] probabilities() {
            return probabilities.clone();
        }

        /** The probability of the predicted label. */
        public double confidence() {
            return probabilities[classIndex];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Prediction p && label == p.label && classIndex == p.classIndex
                    && Arrays.equals(probabilities, p.probabilities);
        }

        @Override
        public int hashCode() {
            return 31 * label + Arrays.hashCode(probabilities);
        }

        @Override
        public String toString() {
            return "Prediction[label " + label + ", probabilities " + Arrays.toString(probabilities) + "]";
        }
    }
}
