package io.contrastkit.learn.hierarchy;

/**
 * Options for {@link Ward}.
 *
 * @param exactThreshold  up to this many rows the linkage is exact over the rows themselves (the
 *                        condensed distance matrix holds n(n-1)/2 doubles: 64 MB at 4000)
 * @param microClusters   above the threshold, rows are first summarised by this many k-means
 *                        micro-clusters, merged by size-weighted Ward
 * @param coarseClusters  clusters in the coarse cut
 * @param fineClusters    clusters in the fine cut, at least coarseClusters
 * @param seed            seed for the micro-cluster k-means
 */
public record WardOptions(int exactThreshold, int microClusters, int coarseClusters, int fineClusters, long seed) {
    public static final int DEFAULT_EXACT_THRESHOLD = 4000;
    public static final int DEFAULT_MICRO_CLUSTERS = 1000;
    public static final int DEFAULT_COARSE = 3;
    public static final int DEFAULT_FINE = 5;

    public WardOptions {
        if (exactThreshold < 2) {
            throw new IllegalArgumentException("exactThreshold is " + exactThreshold + ", must be >= 2");
        }
        if (microClusters < 2) {
            throw new IllegalArgumentException("microClusters is " + microClusters + ", must be >= 2");
        }
        if (coarseClusters < 1) {
            throw new IllegalArgumentException("coarseClusters is " + coarseClusters + ", must be >= 1");
        }
        if (fineClusters < coarseClusters) {
            throw new IllegalArgumentException("fineClusters is " + fineClusters
                    + ", must be >= coarseClusters (" + coarseClusters + ")");
        }
    }

    /** Threshold 4000, 1000 micro-clusters, cuts at 3 and 5. */
    public static WardOptions defaults(long seed) {
        return new WardOptions(DEFAULT_EXACT_THRESHOLD, DEFAULT_MICRO_CLUSTERS, DEFAULT_COARSE, DEFAULT_FINE, seed);
    }
}
