package io.contrastkit.learn.cluster;

import io.contrastkit.learn.compute.DistanceKernel;
import io.contrastkit.learn.compute.Parallel;
import io.contrastkit.learn.scale.Rows;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * k-means: greedy k-means++ seeding and Lloyd iterations accelerated by Hamerly's bounds, on all
 * cores. Follows scikit-learn's Lloyd loop (tolerance on the summed squared centre shift, early stop
 * on unchanged labels, a final E-step when stopped by tolerance, empty clusters re-seeded with the
 * farthest points). Results depend only on the data and the options, not on the thread count.
 */
public final class KMeans {
    private KMeans() {
    }

    /** Fits on the common pool. */
    public static KMeansResult fit(double[][] rows, KMeansOptions options) {
        return fit(rows, options, null);
    }

    /** Fits on {@code pool} (null: the common pool with the caller helping). */
    public static KMeansResult fit(double[][] rows, KMeansOptions options, ForkJoinPool pool) {
        if (options == null) {
            throw new IllegalArgumentException("options is null");
        }
        int d = Rows.requireMatrix(rows, "rows");
        int n = rows.length;
        if (options.k() > n) {
            throw new IllegalArgumentException("k is " + options.k() + " but there are only " + n + " rows");
        }
        return fitFlat(Rows.flatten(rows, "rows"), n, d, options, pool);
    }

    /**
     * Fits on a row-major n x d array that the caller has already validated (finite values); the
     * array is read, never written or kept.
     */
    public static KMeansResult fitFlat(double[] x, int n, int d, KMeansOptions options, ForkJoinPool pool) {
        if (x.length != n * d) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected n * d = " + (long) n * d);
        }
        if (options.k() > n) {
            throw new IllegalArgumentException("k is " + options.k() + " but there are only " + n + " rows");
        }
        double tolAbs = options.tol() * meanVariance(x, n, d);
        SplittableRandom root = new SplittableRandom(options.seed());
        Run best = null;
        for (int init = 0; init < options.nInit(); init++) {
            SplittableRandom rng = root.split();
            double[] centers = kmeansPlusPlus(x, n, d, options.k(), rng, pool);
            Run run = new Run(x, n, d, options.k(), pool).lloyd(centers, options.maxIter(), tolAbs);
            if (best == null || run.inertia < best.inertia) {
                best = run;
            }
        }
        return new KMeansResult(best.centers, options.k(), d, best.labels, best.inertia, best.iterations, best.converged);
    }

    /**
     * Lloyd iterations (same loop as {@link #fit}) started from the given centroids instead of
     * k-means++: for warm starts, e.g. refining centroids found on a sample. {@code tol} is relative
     * to the mean feature variance as in {@link KMeansOptions}.
     */
    public static KMeansResult fitFrom(double[][] rows, double[][] initialCentroids, int maxIter, double tol,
                                       ForkJoinPool pool) {
        int d = Rows.requireMatrix(rows, "rows");
        int cd = Rows.requireMatrix(initialCentroids, "initialCentroids");
        if (cd != d) {
            throw new IllegalArgumentException("initialCentroids have " + cd + " columns but rows have " + d);
        }
        int k = initialCentroids.length;
        KMeansOptions checked = new KMeansOptions(k, 1, maxIter, tol, 0);
        int n = rows.length;
        if (k > n) {
            throw new IllegalArgumentException("k is " + k + " but there are only " + n + " rows");
        }
        double[] x = Rows.flatten(rows, "rows");
        double tolAbs = checked.tol() * meanVariance(x, n, d);
        Run run = new Run(x, n, d, k, pool).lloyd(Rows.flatten(initialCentroids, "initialCentroids"), maxIter, tolAbs);
        return new KMeansResult(run.centers, k, d, run.labels, run.inertia, run.iterations, run.converged);
    }

    private static double meanVariance(double[] x, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                mean[t] += x[i * d + t];
            }
        }
        for (int t = 0; t < d; t++) {
            mean[t] /= n;
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                double diff = x[i * d + t] - mean[t];
                ss += diff * diff;
            }
        }
        return ss / n / d;
    }

    /** Squared distance between row i of x and row j of c, with four accumulators for throughput. */
    static double sqDist(double[] x, int xo, double[] c, int co, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < d; t += 4) {
            double a = x[xo + t] - c[co + t];
            double b = x[xo + t + 1] - c[co + t + 1];
            double e = x[xo + t + 2] - c[co + t + 2];
            double f = x[xo + t + 3] - c[co + t + 3];
            s0 += a * a;
            s1 += b * b;
            s2 += e * e;
            s3 += f * f;
        }
        for (; t < d; t++) {
            double a = x[xo + t] - c[co + t];
            s0 += a * a;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Greedy k-means++ as in scikit-learn: each new centre is the best of 2 + floor(ln k) candidates
     * drawn proportionally to D^2, "best" meaning the lowest resulting potential.
     */
    static double[] kmeansPlusPlus(double[] x, int n, int d, int k, SplittableRandom rng, ForkJoinPool pool) {
        int trials = 2 + (int) Math.log(k);
        int bs = Parallel.ROWS_PER_BLOCK;
        int blocks = Parallel.blockCount(n, bs);
        double[] centers = new double[k * d];
        double[] closest = new double[n];
        double[] blockSum = new double[blocks];
        int first = rng.nextInt(n);
        System.arraycopy(x, first * d, centers, 0, d);
        Parallel.forEachBlock(pool, blocks, b -> {
            double s = 0;
            for (int i = b * bs, end = Math.min(n, i + bs); i < end; i++) {
                closest[i] = sqDist(x, i * d, centers, 0, d);
                s += closest[i];
            }
            blockSum[b] = s;
        });
        double[] candPot = new double[blocks * trials];
        int[] cand = new int[trials];
        double[] candRows = new double[trials * d];
        // Distances of every row to every candidate, kept so the winner's need no second pass.
        double[] candDist = new double[trials * n];
        for (int c = 1; c < k; c++) {
            double pot = 0;
            for (double s : blockSum) {
                pot += s;
            }
            for (int t = 0; t < trials; t++) {
                cand[t] = searchCumulative(closest, blockSum, bs, n, rng.nextDouble() * pot);
                System.arraycopy(x, cand[t] * d, candRows, t * d, d);
            }
            Parallel.forEachBlock(pool, blocks, b -> {
                double[] local = new double[trials];
                double[][] tile = new double[d][TILE];
                double[] acc = new double[TILE];
                int end = Math.min(n, (b + 1) * bs);
                for (int r0 = b * bs; r0 < end; r0 += TILE) {
                    int len = Math.min(TILE, end - r0);
                    DistanceKernel.transpose(x, d, r0, len, tile);
                    for (int t = 0; t < trials; t++) {
                        DistanceKernel.squaredDistances(tile, len, candRows, t * d, acc);
                        System.arraycopy(acc, 0, candDist, t * n + r0, len);
                        double s = 0;
                        for (int r = 0; r < len; r++) {
                            s += Math.min(closest[r0 + r], acc[r]);
                        }
                        local[t] += s;
                    }
                }
                System.arraycopy(local, 0, candPot, b * trials, trials);
            });
            int bestT = 0;
            double bestPot = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double p = 0;
                for (int b = 0; b < blocks; b++) {
                    p += candPot[b * trials + t];
                }
                if (p < bestPot) {
                    bestPot = p;
                    bestT = t;
                }
            }
            System.arraycopy(candRows, bestT * d, centers, c * d, d);
            int off = bestT * n;
            Parallel.forEachBlock(pool, blocks, b -> {
                double s = 0;
                for (int i = b * bs, end = Math.min(n, i + bs); i < end; i++) {
                    closest[i] = Math.min(closest[i], candDist[off + i]);
                    s += closest[i];
                }
                blockSum[b] = s;
            });
        }
        return centers;
    }

    /** Rows per feature-major tile: 20 features x 256 rows x 8 bytes stays in L1/L2. */
    static final int TILE = 256;

    /** First index whose running sum of weights exceeds r (numpy searchsorted on the cumsum), clipped to n-1. */
    private static int searchCumulative(double[] w, double[] blockSum, int bs, int n, double r) {
        double acc = 0;
        int b = 0;
        while (b < blockSum.length - 1 && acc + blockSum[b] <= r) {
            acc += blockSum[b];
            b++;
        }
        int end = Math.min(n, (b + 1) * bs);
        for (int i = b * bs; i < end; i++) {
            acc += w[i];
            if (acc > r) {
                return i;
            }
        }
        // r landed past the last positive weight through rounding: take the last row with weight.
        for (int i = n - 1; i > 0; i--) {
            if (w[i] > 0) {
                return i;
            }
        }
        return n - 1;
    }

    /** One Lloyd run with Hamerly bounds; fields hold its outcome. */
    private static final class Run {
        final double[] x;
        final int n;
        final int d;
        final int k;
        final ForkJoinPool pool;
        final int bs = Parallel.ROWS_PER_BLOCK;
        final int blocks;
        final int[] labels;
        final double[] upper;
        final double[] lower;
        final int[] counts;
        final double[] sums;
        final double[][] blockDelta;
        final int[][] blockCount;
        final int[] blockChanges;
        double[] centers;
        double inertia;
        int iterations;
        boolean converged;

        Run(double[] x, int n, int d, int k, ForkJoinPool pool) {
            this.x = x;
            this.n = n;
            this.d = d;
            this.k = k;
            this.pool = pool;
            this.blocks = Parallel.blockCount(n, bs);
            this.labels = new int[n];
            this.upper = new double[n];
            this.lower = new double[n];
            this.counts = new int[k];
            this.sums = new double[k * d];
            this.blockDelta = new double[blocks][k * d];
            this.blockCount = new int[blocks][k];
            this.blockChanges = new int[blocks];
        }

        Run lloyd(double[] initialCenters, int maxIter, double tolAbs) {
            centers = initialCenters;
            Arrays.fill(labels, -1);
            double[] shift = new double[k];
            boolean strict = false;
            boolean byTol = false;
            int it = 0;
            for (; it < maxIter; it++) {
                int changes = assign(shift);
                double[] next = new double[k * d];
                for (int j = 0; j < k; j++) {
                    if (counts[j] > 0) {
                        for (int t = 0; t < d; t++) {
                            next[j * d + t] = sums[j * d + t] / counts[j];
                        }
                    }
                }
                relocateEmpty(next);
                double shiftTot = 0;
                for (int j = 0; j < k; j++) {
                    double s = sqDist(next, j * d, centers, j * d, d);
                    shift[j] = Math.sqrt(s);
                    shiftTot += s;
                }
                centers = next;
                if (changes == 0 && it > 0) {
                    strict = true;
                    break;
                }
                if (shiftTot <= tolAbs) {
                    byTol = true;
                    break;
                }
            }
            iterations = Math.min(it + 1, maxIter);
            converged = strict || byTol;
            if (!strict) {
                // The last centre update moved the centres: re-assign so labels match them.
                assign(shift);
            }
            inertia = inertia();
            return this;
        }

        /**
         * One assignment pass. Bounds from the previous pass are first loosened by how far the
         * centres moved ({@code shift}); a row whose upper bound stays below both its lower bound
         * and half the distance from its centre to the nearest other centre cannot change cluster.
         * Cluster sums are kept incrementally (only rows that move touch them), with per-block
         * deltas added in block order so the rounding is the same on any number of threads.
         */
        int assign(double[] shift) {
            double[] half = new double[k];
            double[][] centersT = new double[d][k];
            for (int j = 0; j < k; j++) {
                double m = Double.POSITIVE_INFINITY;
                for (int j2 = 0; j2 < k; j2++) {
                    if (j2 != j) {
                        m = Math.min(m, sqDist(centers, j * d, centers, j2 * d, d));
                    }
                }
                half[j] = 0.5 * Math.sqrt(m);
                for (int t = 0; t < d; t++) {
                    centersT[t][j] = centers[j * d + t];
                }
            }
            int maxJ = 0;
            for (int j = 1; j < k; j++) {
                if (shift[j] > shift[maxJ]) {
                    maxJ = j;
                }
            }
            double max1 = shift[maxJ];
            double max2 = 0;
            for (int j = 0; j < k; j++) {
                if (j != maxJ) {
                    max2 = Math.max(max2, shift[j]);
                }
            }
            final int mj = maxJ;
            final double m2 = max2;
            Parallel.forEachBlock(pool, blocks, b -> {
                double[] delta = blockDelta[b];
                int[] cnt = blockCount[b];
                Arrays.fill(delta, 0.0);
                Arrays.fill(cnt, 0);
                double[] acc = new double[k];
                int changes = 0;
                for (int i = b * bs, end = Math.min(n, i + bs); i < end; i++) {
                    int a = labels[i];
                    int xo = i * d;
                    if (a >= 0) {
                        double u = upper[i] + shift[a];
                        double l = lower[i] - (a == mj ? m2 : max1);
                        double bound = Math.max(half[a], l);
                        lower[i] = l;
                        if (u <= bound) {
                            upper[i] = u;
                            continue;
                        }
                        u = Math.sqrt(sqDist(x, xo, centers, a * d, d));
                        upper[i] = u;
                        if (u <= bound) {
                            continue;
                        }
                    }
                    // Full scan, vectorised across centres through the transposed centre matrix.
                    DistanceKernel.squaredDistances(centersT, k, x, xo, acc);
                    int bj = 0;
                    double d1 = Double.POSITIVE_INFINITY;
                    double d2 = Double.POSITIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        double v = acc[j];
                        if (v < d1) {
                            d2 = d1;
                            d1 = v;
                            bj = j;
                        } else if (v < d2) {
                            d2 = v;
                        }
                    }
                    upper[i] = Math.sqrt(d1);
                    lower[i] = Math.sqrt(d2);
                    if (bj != a) {
                        labels[i] = bj;
                        changes++;
                        cnt[bj]++;
                        int no = bj * d;
                        for (int q = 0; q < d; q++) {
                            delta[no + q] += x[xo + q];
                        }
                        if (a >= 0) {
                            cnt[a]--;
                            int oo = a * d;
                            for (int q = 0; q < d; q++) {
                                delta[oo + q] -= x[xo + q];
                            }
                        }
                    }
                }
                blockChanges[b] = changes;
            });
            int changes = 0;
            for (int b = 0; b < blocks; b++) {
                changes += blockChanges[b];
                double[] delta = blockDelta[b];
                int[] cnt = blockCount[b];
                for (int j = 0; j < k; j++) {
                    counts[j] += cnt[j];
                }
                for (int q = 0; q < sums.length; q++) {
                    sums[q] += delta[q];
                }
            }
            return changes;
        }

        /**
         * scikit-learn's rule for clusters left empty: give each the row farthest from its current
         * centre (moving that row's contribution out of its old cluster's sum). Labels stay; the
         * next pass reassigns.
         */
        void relocateEmpty(double[] next) {
            int empty = 0;
            for (int j = 0; j < k; j++) {
                if (counts[j] == 0) {
                    empty++;
                }
            }
            if (empty == 0) {
                return;
            }
            double[] dist = new double[n];
            for (int i = 0; i < n; i++) {
                dist[i] = sqDist(x, i * d, centers, labels[i] * d, d);
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, q) -> Double.compare(dist[q], dist[p]));
            int used = 0;
            for (int j = 0; j < k; j++) {
                if (counts[j] != 0) {
                    continue;
                }
                int far = order[used++];
                int old = labels[far];
                int fo = far * d;
                for (int t = 0; t < d; t++) {
                    sums[old * d + t] -= x[fo + t];
                    sums[j * d + t] = x[fo + t];
                }
                counts[old]--;
                counts[j] = 1;
            }
            for (int j = 0; j < k; j++) {
                for (int t = 0; t < d; t++) {
                    next[j * d + t] = counts[j] > 0 ? sums[j * d + t] / counts[j] : centers[j * d + t];
                }
            }
            // The relocated rows' labels no longer match the sums; rebuild sums from labels so the
            // incremental bookkeeping stays exact for the next pass.
            Arrays.fill(sums, 0.0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int a = labels[i];
                counts[a]++;
                for (int t = 0; t < d; t++) {
                    sums[a * d + t] += x[i * d + t];
                }
            }
        }

        double inertia() {
            double[] partial = new double[blocks];
            Parallel.forEachBlock(pool, blocks, b -> {
                double s = 0;
                for (int i = b * bs, end = Math.min(n, i + bs); i < end; i++) {
                    s += sqDist(x, i * d, centers, labels[i] * d, d);
                }
                partial[b] = s;
            });
            double s = 0;
            for (double p : partial) {
                s += p;
            }
            return s;
        }
    }
}
