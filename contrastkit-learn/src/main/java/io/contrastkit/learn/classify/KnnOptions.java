package io.contrastkit.learn.classify;

/**
 * Options of {@link KnnTrainer}.
 *
 * @param neighbours  k, at least 1; a fit on fewer rows uses them all
 * @param voteTies    which of the labels tied on votes wins
 * @param standardise whether to standardise columns on the training rows first (scikit-learn's
 *                    {@code StandardScaler} in a pipeline), or take the rows as they are
 */
public record KnnOptions(int neighbours, VoteTies voteTies, boolean standardise) {

    /** The default k. */
    public static final int DEFAULT_NEIGHBOURS = 5;

    /** How a tie on votes is broken. */
    public enum VoteTies {
        /** The smallest label wins, as scikit-learn's {@code KNeighborsClassifier} does. */
        LOWEST_LABEL,
        /**
         * The tied label with the nearest example wins, so that with one example per label every vote ties
         * and the nearest example decides (the explorer's pseudo-labeling).
         */
        NEAREST_EXAMPLE
    }

    /** Checks k and the tie rule. */
    public KnnOptions {
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
        }
        if (voteTies == null) {
            throw new IllegalArgumentException("voteTies must not be null");
        }
    }

    /** 5 neighbours, ties to the lowest label, standardised columns: scikit-learn's pipeline defaults. */
    public static KnnOptions defaults() {
        return new KnnOptions(DEFAULT_NEIGHBOURS, VoteTies.LOWEST_LABEL, true);
    }

    /** A copy with another k. */
    public KnnOptions withNeighbours(int newNeighbours) {
        return new KnnOptions(newNeighbours, voteTies, standardise);
    }
}
