package io.contrastkit.learn.cluster;

/**
 * Options for {@link KMeans}: number of clusters, restarts, iteration cap, tolerance and seed.
 *
 * @param k        number of clusters, at least 1
 * @param nInit    number of k-means++ restarts; the run with the lowest inertia wins
 * @param maxIter  Lloyd iterations per restart, at least 1
 * @param tol      convergence tolerance relative to the data's mean per-feature variance, as in
 *                 scikit-learn: stop when the summed squared centre shift is {@code <= tol * mean(var)}
 * @param seed     seed for the k-means++ draws; the same seed gives the same result
 */
public record KMeansOptions(int k, int nInit, int maxIter, double tol, long seed) {
    /** scikit-learn 1.2's defaults: n_init 10, max_iter 300, tol 1e-4. */
    public static final int DEFAULT_N_INIT = 10;
    public static final int DEFAULT_MAX_ITER = 300;
    public static final double DEFAULT_TOL = 1e-4;

    public KMeansOptions {
        if (k < 1) {
            throw new IllegalArgumentException("k is " + k + ", must be >= 1");
        }
        if (nInit < 1) {
            throw new IllegalArgumentException("nInit is " + nInit + ", must be >= 1");
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("maxIter is " + maxIter + ", must be >= 1");
        }
        if (!(tol >= 0) || !Double.isFinite(tol)) {
            throw new IllegalArgumentException("tol is " + tol + ", must be finite and >= 0");
        }
    }

    /** {@code k} clusters with scikit-learn's defaults for the rest. */
    public static KMeansOptions of(int k, long seed) {
        return new KMeansOptions(k, DEFAULT_N_INIT, DEFAULT_MAX_ITER, DEFAULT_TOL, seed);
    }

    /** A copy with a different k. */
    public KMeansOptions withK(int newK) {
        return new KMeansOptions(newK, nInit, maxIter, tol, seed);
    }

    /** A copy with a different number of restarts. */
    public KMeansOptions withNInit(int newNInit) {
        return new KMeansOptions(k, newNInit, maxIter, tol, seed);
    }

    /** A copy with a different seed. */
    public KMeansOptions withSeed(long newSeed) {
        return new KMeansOptions(k, nInit, maxIter, tol, newSeed);
    }
}
