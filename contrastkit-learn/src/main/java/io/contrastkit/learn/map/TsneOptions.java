package io.contrastkit.learn.map;

import java.util.OptionalDouble;

/**
 * Settings of a Barnes-Hut t-SNE fit and of placing new points into its map; validated on construction.
 *
 * <p>The defaults are scikit-learn 1.2's {@code TSNE(perplexity=30, learning_rate="auto", init="pca")}:
 * early exaggeration 12 for the first 250 iterations with momentum 0.5, then momentum 0.8 up to 1000
 * iterations; gains grow by 0.2 where the gradient changes sign and shrink by 0.8 otherwise, floored at
 * {@code minGain}; convergence is checked every 50 iterations against {@code minGradNorm} and
 * {@code maxIterWithoutProgress}.
 *
 * <p><b>Learning rate.</b> An empty {@code learningRate} means scikit-learn's "auto" rule,
 * {@code max(n / earlyExaggeration / 4, 50)}: with the default exaggeration of 12 that is n/48 floored at
 * 50, not the n/12 the issue names (n/12 is the rule of Belkina et al. before scikit-learn divided by 4
 * to account for its gradient carrying the factor 4). We follow scikit-learn so that our maps can be
 * compared with its maps step for step; pass an explicit rate with {@link #withLearningRate} for n/12.
 *
 * @param perplexity             effective number of neighbours, > 0 and less than the row count
 * @param earlyExaggeration      factor on P during the exploration phase, >= 1
 * @param explorationIter        iterations of the exaggerated phase, 0..maxIter
 * @param learningRate           step size, or empty for the "auto" rule above
 * @param maxIter                total iterations, >= 1
 * @param theta                  Barnes-Hut opening angle, 0 (exact) .. 1
 * @param initialMomentum        momentum during the exploration phase, in [0, 1)
 * @param finalMomentum          momentum afterwards, in [0, 1)
 * @param minGain                floor of the per-coordinate gains, in (0, 1]
 * @param minGradNorm            stop when the gradient's norm falls to this, >= 0
 * @param maxIterWithoutProgress stop when the KL divergence has not improved for this many iterations
 * @param placeIter              iterations of the optimisation that places new points, >= 0
 * @param seed                   seed of the random initial map used when no initial map is passed
 */
public record TsneOptions(
        double perplexity,
        double earlyExaggeration,
        int explorationIter,
        OptionalDouble learningRate,
        int maxIter,
        double theta,
        double initialMomentum,
        double finalMomentum,
        double minGain,
        double minGradNorm,
        int maxIterWithoutProgress,
        int placeIter,
        long seed) {

    public TsneOptions {
        if (!(perplexity > 0) || !Double.isFinite(perplexity)) {
            throw bad("perplexity", perplexity, "> 0 and finite");
        }
        if (!(earlyExaggeration >= 1) || !Double.isFinite(earlyExaggeration)) {
            throw bad("earlyExaggeration", earlyExaggeration, ">= 1 and finite");
        }
        if (maxIter < 1) {
            throw bad("maxIter", maxIter, ">= 1");
        }
        if (explorationIter < 0 || explorationIter > maxIter) {
            throw bad("explorationIter", explorationIter, "in 0..maxIter (" + maxIter + ")");
        }
        if (learningRate == null) {
            throw new IllegalArgumentException(
                    "TsneOptions.learningRate must not be null (use OptionalDouble.empty() for auto)");
        }
        if (learningRate.isPresent()) {
            double rate = learningRate.getAsDouble();
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw bad("learningRate", rate, "> 0 and finite (or empty for auto)");
            }
        }
        if (!(theta >= 0 && theta <= 1)) {
            throw bad("theta", theta, "in [0, 1]");
        }
        if (!(initialMomentum >= 0 && initialMomentum < 1)) {
            throw bad("initialMomentum", initialMomentum, "in [0, 1)");
        }
        if (!(finalMomentum >= 0 && finalMomentum < 1)) {
            throw bad("finalMomentum", finalMomentum, "in [0, 1)");
        }
        if (!(minGain > 0 && minGain <= 1)) {
            throw bad("minGain", minGain, "in (0, 1]");
        }
        if (!(minGradNorm >= 0) || !Double.isFinite(minGradNorm)) {
            throw bad("minGradNorm", minGradNorm, ">= 0 and finite");
        }
        if (maxIterWithoutProgress < 1) {
            throw bad("maxIterWithoutProgress", maxIterWithoutProgress, ">= 1");
        }
        if (placeIter < 0) {
            throw bad("placeIter", placeIter, ">= 0");
        }
    }

    /** scikit-learn 1.2's defaults, seed 0, 250 placement iterations. */
    public static TsneOptions defaults() {
        return new TsneOptions(30, 12, 250, OptionalDouble.empty(), 1000, 0.5, 0.5, 0.8, 0.01, 1e-7, 300, 250, 0L);
    }

    /** The learning rate used for {@code n} rows: the explicit one, or max(n / earlyExaggeration / 4, 50). */
    public double effectiveLearningRate(int n) {
        return learningRate.isPresent() ? learningRate.getAsDouble() : Math.max(n / earlyExaggeration / 4.0, 50.0);
    }

    public TsneOptions withPerplexity(double value) {
        return new TsneOptions(value, earlyExaggeration, explorationIter, learningRate, maxIter, theta,
                initialMomentum, finalMomentum, minGain, minGradNorm, maxIterWithoutProgress, placeIter, seed);
    }

    public TsneOptions withLearningRate(double value) {
        return new TsneOptions(perplexity, earlyExaggeration, explorationIter, OptionalDouble.of(value), maxIter,
                theta, initialMomentum, finalMomentum, minGain, minGradNorm, maxIterWithoutProgress, placeIter, seed);
    }

    public TsneOptions withMaxIter(int value) {
        return new TsneOptions(perplexity, earlyExaggeration, explorationIter, learningRate, value, theta,
                initialMomentum, finalMomentum, minGain, minGradNorm, maxIterWithoutProgress, placeIter, seed);
    }

    public TsneOptions withTheta(double value) {
        return new TsneOptions(perplexity, earlyExaggeration, explorationIter, learningRate, maxIter, value,
                initialMomentum, finalMomentum, minGain, minGradNorm, maxIterWithoutProgress, placeIter, seed);
    }

    public TsneOptions withPlaceIter(int value) {
        return new TsneOptions(perplexity, earlyExaggeration, explorationIter, learningRate, maxIter, theta,
                initialMomentum, finalMomentum, minGain, minGradNorm, maxIterWithoutProgress, value, seed);
    }

    public TsneOptions withSeed(long value) {
        return new TsneOptions(perplexity, earlyExaggeration, explorationIter, learningRate, maxIter, theta,
                initialMomentum, finalMomentum, minGain, minGradNorm, maxIterWithoutProgress, placeIter, value);
    }

    private static IllegalArgumentException bad(String field, double value, String rule) {
        return new IllegalArgumentException("TsneOptions." + field + " must be " + rule + ", was " + value);
    }

    private static IllegalArgumentException bad(String field, int value, String rule) {
        return new IllegalArgumentException("TsneOptions." + field + " must be " + rule + ", was " + value);
    }
}
