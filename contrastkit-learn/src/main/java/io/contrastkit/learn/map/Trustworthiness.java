package io.contrastkit.learn.map;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/** Trustworthiness of an embedding (Venna and Kaski), computed as scikit-learn's {@code trustworthiness}. */
public final class Trustworthiness {

    private static final int BLOCK = 32;
    /** Reference rows per tile: 2048 x 20 doubles stay in L2 while a block of queries sweeps them. */
    private static final int TILE = 2048;

    private Trustworthiness() {
    }

    /** On all available processors; see {@link #of(double[][], double[][], int, int)}. */
    public static double of(double[][] x, double[][] y, int k) {
        return of(x, y, k, Runtime.getRuntime().availableProcessors());
    }

    /**
     * 1 - 2 / (n k (2n - 3k - 1)) * sum over i of sum over the k nearest embedded neighbours j of i of
     * max(0, r(i, j) - k), where r(i, j) is j's rank (1 = nearest) among i's neighbours in {@code x}; both
     * spaces euclidean, the point itself excluded. Needs k &lt; n / 2, as scikit-learn does. Time O(n^2 (d + 2)),
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
                int q = to - from;
                double[] buf = new double[TILE];
                // Per query: the squared input-space distances to its k embedded neighbours, sorted, and how
                // many points fall strictly below each of them (counted tile by tile, so the reference
                // columns are read from cache once per block of queries, not once per query).
                double[] thresholds = new double[q * k];
                long[] below = new long[q * (k + 1)];
                for (int a = 0; a < q; a++) {
                    int i = from + a;
                    for (int t = 0; t < k; t++) {
                        int j = embedded.indices[i * k + t];
                        // Same terms in the same order as the tile loop, so equal distances compare equal.
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            double diff = columns[c * n + j] - xs[i * d + c];
                            s += diff * diff;
                        }
                        thresholds[a * k + t] = s;
                    }
                    Arrays.sort(thresholds, a * k, (a + 1) * k);
                }
                for (int t0 = 0; t0 < n; t0 += TILE) {
                    int len = Math.min(TILE, n - t0);
                    for (int a = 0; a < q; a++) {
                        int i = from + a;
                        Arrays.fill(buf, 0, len, 0.0);
                        for (int c = 0; c < d; c++) {
                            double v = xs[i * d + c];
                            int off = c * n + t0;
                            for (int j = 0; j < len; j++) {
                                double diff = columns[off + j] - v;
                                buf[j] += diff * diff;
                            }
                        }
                        int base = a * k;
                        double largest = thresholds[base + k - 1];
                        for (int j = 0; j < len; j++) {
                            double v = buf[j];
                            if (v < largest && t0 + j != i) {
                                int lo = 0;
                                int hi = k - 1;
                                while (lo < hi) {
                                    int mid = (lo + hi) >>> 1;
                                    if (v < thresholds[base + mid]) {
                                        hi = mid;
                                    } else {
                                        lo = mid + 1;
                                    }
                                }
                                below[a * (k + 1) + lo]++;
                            }
                        }
                    }
                }
                long sum = 0;
                for (int a = 0; a < q; a++) {
                    long closer = 0;
                    for (int t = 0; t < k; t++) {
                        closer += below[a * (k + 1) + t];
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
