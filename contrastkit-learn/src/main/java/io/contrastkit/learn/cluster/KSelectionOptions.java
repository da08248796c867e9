package io.contrastkit.learn.cluster;

/**
 * Options for {@link KSelection}: the k range, the k-means settings used at every k, and the
 * silhouette sample size.
 *
 * @param minK             smallest k tried, at least 2 (silhouette needs two clusters)
 * @param maxK             largest k tried, at least minK; clipped to n - 1 at run time
 * @param nInit            k-means++ restarts per k
 * @param maxIter          Lloyd iterations per restart
 * @param tol              k-means tolerance (scikit-learn's, relative to mean feature variance)
 * @param seed             seed for k-means and for the silhouette sample
 * @param silhouetteSample rows used for the silhouette when n is larger (the same seeded rows for
 *                         every k); the exact silhouette is O(n^2)
 */
public record KSelectionOptions(int minK, int maxK, int nInit, int maxIter, double tol, long seed, int silhouetteSample) {
    /** Default range 2..12 and a 10,000-row silhouette sample. */
    public static final int DEFAULT_MIN_K = 2;
    public static final int DEFAULT_MAX_K = 12;
    public static final int DEFAULT_SILHOUETTE_SAMPLE = 10_000;

    public KSelectionOptions {
        if (minK < 2) {
            throw new IllegalArgumentException("minK is " + minK + ", must be >= 2");
        }
        if (maxK < minK) {
            throw new IllegalArgumentException("maxK is " + maxK + ", must be >= minK (" + minK + ")");
        }
        if (silhouetteSample < 2) {
            throw new IllegalArgumentException("silhouetteSample is " + silhouetteSample + ", must be >= 2");
        }
        new KMeansOptions(minK, nInit, maxIter, tol, seed); // same checks, same messages
    }

    /** k from 2 to 12 with scikit-learn's k-means defaults. */
    public static KSelectionOptions defaults(long seed) {
        return new KSelectionOptions(DEFAULT_MIN_K, DEFAULT_MAX_K, KMeansOptions.DEFAULT_N_INIT,
                KMeansOptions.DEFAULT_MAX_ITER, KMeansOptions.DEFAULT_TOL, seed, DEFAULT_SILHOUETTE_SAMPLE);
    }

    /** The k-means options used at one k. */
    public KMeansOptions kmeans(int k) {
        return new KMeansOptions(k, nInit, maxIter, tol, seed);
    }
}
