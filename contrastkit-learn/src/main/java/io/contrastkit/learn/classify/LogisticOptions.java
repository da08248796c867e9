package io.contrastkit.learn.classify;

/**
 * Options of {@link LogisticTrainer}: L2-penalised logistic regression, penalty {@code 1/(2C) * |W|^2}
 * with unpenalised intercepts.
 *
 * @param inverseRegularisation C (larger = weaker penalty), positive and finite
 * @param solver                how the weights are found
 * @param maxIterations         Newton steps at most ({@link Solver#NEWTON}), or the exact number of
 *                              gradient sweeps ({@link Solver#GRADIENT_DESCENT}); at least 1
 * @param standardise           whether to standardise columns on the training rows first
 */
public record LogisticOptions(double inverseRegularisation, Solver solver, int maxIterations, boolean standardise) {

    /** The default cap on Newton steps: Newton converges in far fewer on problems of this size. */
    public static final int DEFAULT_NEWTON_ITERATIONS = 200;

    /**
     * The solvers. The two do not give the same model: they are the two the project grew (the downstream check
     * and the explorer's pseudo-labeling), each kept so that its caller's numbers stay what they were.
     */
    public enum Solver {
        /**
         * Damped Newton steps to convergence, as scikit-learn's {@code LogisticRegression} does by default:
         * the binary model (one weight vector) for two classes, softmax for three or more; predicts the
         * class with the highest score.
         */
        NEWTON,
        /**
         * Exactly {@code maxIterations} full-gradient steps of a fixed length bounded by the Hessian (Böhning),
         * softmax over all classes even for two; predicts the class with the highest probability.
         */
        GRADIENT_DESCENT
    }

    /** Checks C, the solver and the iteration count. */
    public LogisticOptions {
        if (!(inverseRegularisation > 0) || Double.isInfinite(inverseRegularisation)) {
            throw new IllegalArgumentException("inverseRegularisation (C) must be positive and finite, got "
                    + inverseRegularisation);
        }
        if (solver == null) {
            throw new IllegalArgumentException("solver must not be null");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
    }

    /** C = 1, Newton (at most 200 steps), standardised columns: scikit-learn's pipeline defaults. */
    public static LogisticOptions defaults() {
        return new LogisticOptions(1.0, Solver.NEWTON, DEFAULT_NEWTON_ITERATIONS, true);
    }

    /** A copy with another C. */
    public LogisticOptions withInverseRegularisation(double newC) {
        return new LogisticOptions(newC, solver, maxIterations, standardise);
    }
}
