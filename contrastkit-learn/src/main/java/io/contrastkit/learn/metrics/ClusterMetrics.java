package io.contrastkit.learn.metrics;

import io.contrastkit.learn.compute.DistanceKernel;
import io.contrastkit.learn.compute.Parallel;
import io.contrastkit.learn.scale.Rows;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Internal cluster-quality indices with scikit-learn's definitions: silhouette (exact, all cores),
 * Davies-Bouldin and Calinski-Harabasz. Labels may be any ints; they are treated as categories.
 */
public final class ClusterMetrics {
    /** Rows of the query side handled by one task in the silhouette's pairwise pass. */
    private static final int SIL_ROWS = 32;
    /** Columns of the reference side per tile: 20 features x 1024 rows x 8 bytes stays in L2. */
    private static final int SIL_TILE = 1024;

    private ClusterMetrics() {
    }

    /** Mean silhouette coefficient over all rows, exact (O(n^2 d)), on the common pool. */
    public static double silhouette(double[][] rows, int[] labels) {
        return silhouette(rows, labels, null);
    }

    /** Mean silhouette coefficient over all rows, exact, on {@code pool} (null: common pool). */
    public static double silhouette(double[][] rows, int[] labels, ForkJoinPool pool) {
        double[] s = silhouetteSamples(rows, labels, pool);
        return mean(s);
    }

    /**
     * Mean silhouette over a seeded random sample of {@code sampleSize} rows (distances among the
     * sample only, as scikit-learn's {@code silhouette_score(sample_size=...)}); exact when
     * {@code sampleSize >= n}.
     */
    public static double silhouette(double[][] rows, int[] labels, int sampleSize, long seed, ForkJoinPool pool) {
        if (sampleSize < 2) {
            throw new IllegalArgumentException("sampleSize is " + sampleSize + ", must be >= 2");
        }
        if (rows == null || sampleSize >= rows.length) {
            return silhouette(rows, labels, pool);
        }
        int[] index = sampleIndices(rows.length, sampleSize, seed);
        double[][] sub = new double[sampleSize][];
        int[] subLabels = new int[sampleSize];
        checkLabels(rows, labels);
        for (int i = 0; i < sampleSize; i++) {
            sub[i] = rows[index[i]];
            subLabels[i] = labels[index[i]];
        }
        return silhouette(sub, subLabels, pool);
    }

    /** Silhouette coefficient of every row (0 for members of singleton clusters), exact. */
    public static double[] silhouetteSamples(double[][] rows, int[] labels, ForkJoinPool pool) {
        return silhouetteSamples(rows, labels, pool, rows != null && rows.length <= SYMMETRIC_MAX_ROWS);
    }

    static double[] silhouetteSamples(double[][] rows, int[] labels, ForkJoinPool pool, boolean symmetric) {
        int d = Rows.requireMatrix(rows, "rows");
        int n = rows.length;
        Encoded enc = encode(rows, labels);
        int m = enc.clusters;
        // Sort rows by cluster so that each tile's columns fall into a few contiguous cluster runs:
        // per-pair work is then a vectorisable distance loop plus a plain running sum.
        int[] start = new int[m + 1];
        for (int c = 0; c < m; c++) {
            start[c + 1] = start[c] + enc.counts[c];
        }
        int[] fill = Arrays.copyOf(start, m);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[fill[enc.codes[i]]++] = i;
        }
        double[] xs = new double[n * d];
        int[] sortedCode = new int[n];
        for (int p = 0; p < n; p++) {
            double[] r = rows[order[p]];
            System.arraycopy(r, 0, xs, p * d, d);
            sortedCode[p] = enc.codes[order[p]];
        }
        double[] sums = symmetric
                ? clusterSumsSymmetric(xs, sortedCode, start, n, d, m, pool)
                : clusterSumsFull(xs, sortedCode, start, n, d, m, pool);
        double[] sil = new double[n];
        for (int i = 0; i < n; i++) {
            int so = i * m;
            int own = sortedCode[i];
            int size = enc.counts[own];
            double s;
            if (size <= 1) {
                s = 0.0; // scikit-learn: a singleton's silhouette is 0 by definition
            } else {
                double a = sums[so + own] / (size - 1);
                double bMin = Double.POSITIVE_INFINITY;
                for (int c = 0; c < m; c++) {
                    if (c != own) {
                        bMin = Math.min(bMin, sums[so + c] / enc.counts[c]);
                    }
                }
                double den = Math.max(a, bMin);
                s = den == 0 ? 0.0 : (bMin - a) / den;
            }
            sil[order[i]] = s;
        }
        return sil;
    }

    /** Up to this many rows the symmetric tiling is used; its side buffers grow as n^2 / SYM_BLOCK. */
    static final int SYMMETRIC_MAX_ROWS = 40_000;
    private static final int SYM_BLOCK = 128;

    /**
     * Per row (cluster-sorted), the summed distance to every cluster: n x m, row-major. Each pair of
     * row blocks (I <= J) is computed once. Row I's side is summed straight into I's rows; J's side
     * is kept per (I, J) and added to J's rows in a second pass in ascending I, so every sum is
     * accumulated in a fixed order whatever the thread count.
     */
    static double[] clusterSumsSymmetric(double[] xs, int[] code, int[] start, int n, int d, int m,
                                         ForkJoinPool pool) {
        int bs = SYM_BLOCK;
        int nb = Parallel.blockCount(n, bs);
        double[] sums = new double[n * m];
        // Cluster runs inside each block (rows are sorted by cluster, so a block holds a few runs).
        int[][] runStart = new int[nb][];
        for (int b = 0; b < nb; b++) {
            int i0 = b * bs;
            int i1 = Math.min(n, i0 + bs);
            int[] tmp = new int[i1 - i0 + 1];
            int r = 0;
            for (int i = i0; i < i1; i = Math.min(i1, start[code[i] + 1])) {
                tmp[r++] = i;
            }
            tmp[r] = i1;
            runStart[b] = Arrays.copyOf(tmp, r + 1);
        }
        double[][][][] side = new double[nb][][][];
        Parallel.forEachBlock(pool, nb, bi -> {
            int i0 = bi * bs;
            int i1 = Math.min(n, i0 + bs);
            int[] runs = runStart[bi];
            side[bi] = new double[nb - bi - 1][][];
            double[] acc = new double[bs];
            double[][] tile = new double[d][bs];
            for (int bj = bi; bj < nb; bj++) {
                int j0 = bj * bs;
                int j1 = Math.min(n, j0 + bs);
                int len = j1 - j0;
                double[][] col = bj == bi ? null : new double[runs.length - 1][bs];
                DistanceKernel.transpose(xs, d, j0, len, tile);
                for (int r = 0; r + 1 < runs.length; r++) {
                    double[] colRun = col == null ? null : col[r];
                    for (int i = runs[r]; i < runs[r + 1]; i++) {
                        DistanceKernel.squaredDistances(tile, len, xs, i * d, acc);
                        for (int j = 0; j < len; j++) {
                            acc[j] = Math.sqrt(acc[j]);
                        }
                        addRuns(acc, code, start, j0, j1, sums, i * m);
                        if (colRun != null) {
                            for (int j = 0; j < len; j++) {
                                colRun[j] += acc[j];
                            }
                        }
                    }
                }
                if (col != null) {
                    side[bi][bj - bi - 1] = col;
                }
            }
        });
        Parallel.forEachBlock(pool, nb, bj -> {
            int j0 = bj * bs;
            int j1 = Math.min(n, j0 + bs);
            for (int bi = 0; bi < bj; bi++) {
                double[][] col = side[bi][bj - bi - 1];
                int[] runs = runStart[bi];
                for (int r = 0; r + 1 < runs.length; r++) {
                    int c = code[runs[r]];
                    double[] colRun = col[r];
                    for (int j = j0; j < j1; j++) {
                        sums[j * m + c] += colRun[j - j0];
                    }
                }
                side[bi][bj - bi - 1] = null; // consumed: let it go
            }
        });
        return sums;
    }

    /** Per row, the summed distance to every cluster, computing all n^2 pairs (no side buffers). */
    static double[] clusterSumsFull(double[] xs, int[] code, int[] start, int n, int d, int m,
                                    ForkJoinPool pool) {
        double[] sums = new double[n * m];
        int blocks = Parallel.blockCount(n, SIL_ROWS);
        Parallel.forEachBlock(pool, blocks, b -> {
            int i0 = b * SIL_ROWS;
            int i1 = Math.min(n, i0 + SIL_ROWS);
            double[] acc = new double[SIL_TILE];
            double[][] tile = new double[d][SIL_TILE];
            for (int j0 = 0; j0 < n; j0 += SIL_TILE) {
                int j1 = Math.min(n, j0 + SIL_TILE);
                int len = j1 - j0;
                DistanceKernel.transpose(xs, d, j0, len, tile);
                for (int i = i0; i < i1; i++) {
                    DistanceKernel.squaredDistances(tile, len, xs, i * d, acc);
                    for (int j = 0; j < len; j++) {
                        acc[j] = Math.sqrt(acc[j]);
                    }
                    addRuns(acc, code, start, j0, j1, sums, i * m);
                }
            }
        });
        return sums;
    }

    /** Adds acc's entries for columns [j0, j1) to sums[so + cluster], one contiguous cluster run at a time. */
    private static void addRuns(double[] acc, int[] code, int[] start, int j0, int j1, double[] sums, int so) {
        int j = j0;
        while (j < j1) {
            int c = code[j];
            int runEnd = Math.min(j1, start[c + 1]);
            sums[so + c] += sumRange(acc, j - j0, runEnd - j0);
            j = runEnd;
        }
    }

    /** Four independent partial sums: breaks the floating-point add latency chain, fixed order. */
    private static double sumRange(double[] v, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = from;
        for (; j + 3 < to; j += 4) {
            s0 += v[j];
            s1 += v[j + 1];
            s2 += v[j + 2];
            s3 += v[j + 3];
        }
        for (; j < to; j++) {
            s0 += v[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Davies-Bouldin index (lower is better): mean over clusters of the worst
     * {@code (s_i + s_j) / d(c_i, c_j)}, with s the mean distance of members to their centroid.
     */
    public static double daviesBouldin(double[][] rows, int[] labels) {
        int d = Rows.requireMatrix(rows, "rows");
        Encoded enc = encode(rows, labels);
        int m = enc.clusters;
        double[] centroids = centroids(rows, enc, d);
        double[] intra = new double[m];
        for (int i = 0; i < rows.length; i++) {
            int c = enc.codes[i];
            intra[c] += Math.sqrt(sqDist(rows[i], centroids, c * d, d));
        }
        for (int c = 0; c < m; c++) {
            intra[c] /= enc.counts[c];
        }
        double[][] cd = new double[m][m];
        boolean allIntraZero = true;
        boolean allCentroidZero = true;
        for (int a = 0; a < m; a++) {
            allIntraZero &= Math.abs(intra[a]) <= 1e-8;
            for (int b = 0; b < m; b++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double diff = centroids[a * d + t] - centroids[b * d + t];
                    s += diff * diff;
                }
                cd[a][b] = Math.sqrt(s);
                allCentroidZero &= cd[a][b] <= 1e-8;
            }
        }
        // scikit-learn's np.allclose(x, 0) guard: degenerate clusterings score 0.
        if (allIntraZero || allCentroidZero) {
            return 0.0;
        }
        double total = 0;
        for (int a = 0; a < m; a++) {
            double worst = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < m; b++) {
                double dist = cd[a][b] == 0 ? Double.POSITIVE_INFINITY : cd[a][b];
                worst = Math.max(worst, (intra[a] + intra[b]) / dist);
            }
            total += worst;
        }
        return total / m;
    }

    /** Calinski-Harabasz index (higher is better): between- over within-cluster dispersion, dof-scaled. */
    public static double calinskiHarabasz(double[][] rows, int[] labels) {
        int d = Rows.requireMatrix(rows, "rows");
        Encoded enc = encode(rows, labels);
        int n = rows.length;
        int m = enc.clusters;
        double[] centroids = centroids(rows, enc, d);
        double[] mean = new double[d];
        for (double[] r : rows) {
            for (int t = 0; t < d; t++) {
                mean[t] += r[t];
            }
        }
        for (int t = 0; t < d; t++) {
            mean[t] /= n;
        }
        double extra = 0;
        for (int c = 0; c < m; c++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double diff = centroids[c * d + t] - mean[t];
                s += diff * diff;
            }
            extra += enc.counts[c] * s;
        }
        double intra = 0;
        for (int i = 0; i < n; i++) {
            intra += sqDist(rows[i], centroids, enc.codes[i] * d, d);
        }
        return intra == 0.0 ? 1.0 : extra * (n - m) / (intra * (m - 1.0));
    }

    private static double sqDist(double[] row, double[] flat, int offset, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            double diff = row[t] - flat[offset + t];
            s += diff * diff;
        }
        return s;
    }

    private static double[] centroids(double[][] rows, Encoded enc, int d) {
        double[] c = new double[enc.clusters * d];
        for (int i = 0; i < rows.length; i++) {
            int o = enc.codes[i] * d;
            for (int t = 0; t < d; t++) {
                c[o + t] += rows[i][t];
            }
        }
        for (int k = 0; k < enc.clusters; k++) {
            for (int t = 0; t < d; t++) {
                c[k * d + t] /= enc.counts[k];
            }
        }
        return c;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static int[] sampleIndices(int n, int size, long seed) {
        // Partial Fisher-Yates: a uniform sample without replacement, fixed by the seed.
        SplittableRandom rng = new SplittableRandom(seed);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + rng.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        int[] out = Arrays.copyOf(all, size);
        Arrays.sort(out);
        return out;
    }

    private static void checkLabels(double[][] rows, int[] labels) {
        if (labels == null) {
            throw new IllegalArgumentException("labels is null");
        }
        if (labels.length != rows.length) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries but rows has " + rows.length);
        }
    }

    /** Labels mapped to 0..m-1 in ascending label order (scikit-learn's LabelEncoder). */
    private record Encoded(int[] codes, int[] counts, int clusters) {
    }

    private static Encoded encode(double[][] rows, int[] labels) {
        checkLabels(rows, labels);
        int n = labels.length;
        int[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
        int m = distinct.length;
        if (m < 2 || m > n - 1) {
            throw new IllegalArgumentException("number of distinct labels is " + m
                    + "; valid values are 2 to n - 1 = " + (n - 1) + " (inclusive)");
        }
        int[] codes = new int[n];
        int[] counts = new int[m];
        for (int i = 0; i < n; i++) {
            int c = Arrays.binarySearch(distinct, labels[i]);
            codes[i] = c;
            counts[c]++;
        }
        return new Encoded(codes, counts, m);
    }
}
