package io.contrastkit.learn.map;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/** Trustworthiness of an embedding (Venna and Kaski), computed as scikit-learn's {@code trustworthiness}. */
public final class Trustworthiness {

    private static final int BLOCK = 64;

    private Trustworthiness() {
    }

    /** On all available processors; see {@link #of(double[][], double[][], int, int)}. */
    public static double of(double[][] x, double[][] y, int k) {
        return of(x, y, k, Runtime.getRuntime().availableProcessors());
    }

    /**
     * 1 - 2 / (n k (2n - 3k - 1)) * sum over i of sum over the k nearest embedded neighbours j of i of
     * max(0, r(i, j) - k), where r(i, j) is j's rank (1 = nearest) among i's neighbours in {@code x}; both
     * spaces euclidean, the point itself excluded. Needs k < n / 2, as scikit-learn does. Time O(n^2 (d + 2)),
     * memory O(n k): no n x n matrix is formed.
     */
    public static double of(double[][] x, double[][] y, int k, int parallelism) {
        double[] xs = Matrices.flatten("x", x, 0);
        int n = x.length;
        int d = x[0].length;
        if (y == null || y.length != n) {
            throw new IllegalArgumentException("y has " + (y == null ? "no" : y.length) + " rows, x has " + n);
        }
        double[] ys = Matrices.flatten("y", y, 0);
        int e = y[0].length;
        if (k < 1 || k >= n / 2.0) {
            throw new IllegalArgumentException("k must be >= 1 and < n / 2 = " + (n / 2.0) + ", was " + k);
        }
        ForkJoinPool pool = Blocks.pool(parallelism);
        long[] blockSums = new long[Blocks.count(n, BLOCK)];
        try {
            Knn embedded = Knn.ofSelf(Matrices.transpose(ys, n, e), n, e, k, pool);
            double[] columns = Matrices.transpose(xs, n, d);
            Blocks.run(pool, n, BLOCK, (from, to, block) -> {
                double[] dist = new double[n];
                double[] thresholds = new double[k];
                int[] below = new int[k + 1];
                long sum = 0;
                for (int i = from; i < to; i++) {
                    Arrays.fill(dist, 0.0);
                    for (int c = 0; c < d; c++) {
                        double v = xs[i * d + c];
                        int off = c * n;
                        for (int j = 0; j < n; j++) {
                            double diff = columns[off + j] - v;
                            dist[j] += diff * diff;
                        }
                    }
                    dist[i] = Double.POSITIVE_INFINITY;
                    for (int a = 0; a < k; a++) {
                        thresholds[a] = dist[embedded.indices[i * k + a]];
                    }
                    Arrays.sort(thresholds);
                    // below[t] counts points strictly closer than the t-th smallest threshold (and farther
                    // than the previous one): one binary search per point instead of k passes.
                    Arrays.fill(below, 0);
                    for (int j = 0; j < n; j++) {
                        double v = dist[j];
                        if (v < thresholds[k - 1]) {
                            int lo = 0;
                            int hi = k - 1;
                            while (lo < hi) {
                                int mid = (lo + hi) >>> 1;
                                if (v < thresholds[mid]) {
                                    hi = mid;
                                } else {
                                    lo = mid + 1;
                                }
                            }
                            below[lo]++;
                        }
                    }
                    long closer = 0;
                    for (int a = 0; a < k; a++) {
                        closer += below[a];
                        long rank = closer + 1;
                        if (rank > k) {
                            sum += rank - k;
                        }
                    }
                }
                blockSums[block] = sum;
            });
        } finally {
            Blocks.close(pool);
        }
        long total = 0;
        for (long s : blockSums) {
            total += s;
        }
        return 1.0 - total * (2.0 / (n * (double) k * (2.0 * n - 3.0 * k - 1.0)));
    }
}
