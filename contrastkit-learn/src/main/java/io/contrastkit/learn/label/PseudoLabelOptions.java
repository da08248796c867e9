package io.contrastkit.learn.label;

/**
 * Options of {@link PseudoLabeler}.
 *
 * @param neighbours            k of k-nearest neighbours, at least 1
 * @param maxFolds              most cross-validation folds, at least 2 (fewer when a label has fewer examples)
 * @param inverseRegularisation C of the logistic regression (larger = weaker penalty), positive and finite
 * @param logisticSweeps        gradient sweeps of the final logistic regression fit, at least 1
 * @param seed                  seed of the cross-validation folds
 */
public record PseudoLabelOptions(int neighbours, int maxFolds, double inverseRegularisation, int logisticSweeps,
                                 long seed) {

    /** Checks every option. */
    public PseudoLabelOptions {
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
        }
        if (maxFolds < 2) {
            throw new IllegalArgumentException("maxFolds must be >= 2, got " + maxFolds);
        }
        if (!(inverseRegularisation > 0) || Double.isInfinite(inverseRegularisation)) {
            throw new IllegalArgumentException("inverseRegularisation (C) must be positive and finite, got "
                    + inverseRegularisation);
        }
        if (logisticSweeps < 1) {
            throw new IllegalArgumentException("logisticSweeps must be >= 1, got " + logisticSweeps);
        }
    }

    /** 5 neighbours, at most 5 folds, C = 1, 3000 sweeps, seed 42: what the explorer has always used. */
    public static PseudoLabelOptions defaults() {
        return new PseudoLabelOptions(5, 5, 1.0, 3000, 42L);
    }

    /** A copy with another seed. */
    public PseudoLabelOptions withSeed(long newSeed) {
        return new PseudoLabelOptions(neighbours, maxFolds, inverseRegularisation, logisticSweeps, newSeed);
    }
}
