package io.contrastkit.learn.hierarchy;

import io.contrastkit.learn.cluster.KMeans;
import io.contrastkit.learn.cluster.KMeansOptions;
import io.contrastkit.learn.cluster.KMeansResult;
import io.contrastkit.learn.scale.Rows;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Ward's minimum-variance hierarchy by the nearest-neighbour chain algorithm with the Lance-Williams
 * update, reporting heights as scipy's {@code linkage(X, 'ward')} does (the Euclidean distance for two
 * single points). Exact over the rows up to {@link WardOptions#exactThreshold()}, otherwise over
 * k-means micro-clusters weighted by their sizes.
 */
public final class Ward {
    private Ward() {
    }

    /** Fits on the common pool. */
    public static WardResult fit(double[][] rows, WardOptions options) {
        return fit(rows, options, null);
    }

    /** Fits on {@code pool} (null: the common pool; only the micro-cluster k-means is parallel). */
    public static WardResult fit(double[][] rows, WardOptions options, ForkJoinPool pool) {
        if (options == null) {
            throw new IllegalArgumentException("options is null");
        }
        int d = Rows.requireMatrix(rows, "rows");
        int n = rows.length;
        if (n < 2) {
            throw new IllegalArgumentException("rows has " + n + " row; a hierarchy needs at least 2");
        }
        if (n <= options.exactThreshold()) {
            double[] w = new double[n];
            Arrays.fill(w, 1.0);
            double[][] z = linkage(Rows.flatten(rows, "rows"), w, n, d);
            return new WardResult(z, n, null, true, options);
        }
        KMeansResult micro = microClusters(rows, Math.min(options.microClusters(), n), options.seed(), pool);
        int k = micro.k();
        int[] sizes = micro.clusterSizes();
        // A micro-cluster can end empty (scikit-learn's Lloyd allows it too); drop it and renumber.
        int[] leafOf = new int[k];
        int m = 0;
        for (int j = 0; j < k; j++) {
            leafOf[j] = sizes[j] > 0 ? m++ : -1;
        }
        double[] centres = new double[m * d];
        double[] weights = new double[m];
        for (int j = 0; j < k; j++) {
            if (leafOf[j] >= 0) {
                System.arraycopy(micro.centroid(j), 0, centres, leafOf[j] * d, d);
                weights[leafOf[j]] = sizes[j];
            }
        }
        int[] labels = micro.labels();
        int[] leafOfPoint = new int[n];
        for (int i = 0; i < n; i++) {
            leafOfPoint[i] = leafOf[labels[i]];
        }
        if (m < 2) {
            throw new IllegalArgumentException("all " + n + " rows are identical; no hierarchy to build");
        }
        double[][] z = linkage(centres, weights, m, d);
        return new WardResult(z, m, leafOfPoint, false, options);
    }

    /** Rows per micro-cluster in the seeding sample: enough for k-means++ to see every region. */
    private static final int SAMPLE_PER_CLUSTER = 20;
    private static final int MICRO_SAMPLE_ITER = 30;
    private static final int MICRO_FULL_ITER = 8;
    private static final double MICRO_TOL = 1e-3;

    /**
     * k-means micro-clusters. At k = 1000 every full Lloyd pass costs n k d and the triangle bounds
     * prune little in 20 dimensions, so: k-means++ and a short Lloyd run on a seeded sample of 20 rows
     * per cluster, then a few Lloyd passes over all rows from those centroids. Micro-clusters only
     * need to be compact summaries for Ward, not a converged k-means optimum.
     */
    static KMeansResult microClusters(double[][] rows, int k, long seed, ForkJoinPool pool) {
        int n = rows.length;
        long sampleSize = (long) k * SAMPLE_PER_CLUSTER;
        if (sampleSize >= n) {
            return KMeans.fit(rows, new KMeansOptions(k, 1, MICRO_SAMPLE_ITER, MICRO_TOL, seed), pool);
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        double[][] sample = new double[(int) sampleSize][];
        for (int i = 0; i < sample.length; i++) {
            int j = i + rng.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            sample[i] = rows[idx[i]];
        }
        KMeansResult seeded = KMeans.fit(sample, new KMeansOptions(k, 1, MICRO_SAMPLE_ITER, MICRO_TOL, rng.nextLong()), pool);
        return KMeans.fitFrom(rows, seeded.centroids(), MICRO_FULL_ITER, MICRO_TOL, pool);
    }

    /**
     * Ward linkage of m weighted points (row-major {@code x}, weights = how many original rows each
     * stands for), in scipy's format: rows {@code [a, b, height, count]} sorted by height (stable),
     * leaves 0..m-1 and merged clusters m+i.
     */
    public static double[][] linkage(double[] x, double[] weights, int m, int d) {
        if (m < 2 || d < 1 || x == null || x.length != m * d) {
            throw new IllegalArgumentException("x must hold m * d values with m >= 2 and d >= 1 (m=" + m + ", d=" + d + ")");
        }
        if (weights == null || weights.length != m) {
            throw new IllegalArgumentException("weights must have m = " + m + " entries");
        }
        for (int i = 0; i < m; i++) {
            if (!(weights[i] > 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " is " + weights[i] + ", must be finite and > 0");
            }
            for (int t = 0; t < d; t++) {
                if (!Double.isFinite(x[i * d + t])) {
                    throw new IllegalArgumentException("row " + i + " column " + t + " is " + x[i * d + t]);
                }
            }
        }
        if ((long) m * (m - 1) / 2 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("m is " + m + "; the condensed distance matrix would not fit in one array");
        }
        double[] dist = new double[m * (m - 1) / 2];
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double diff = x[i * d + t] - x[j * d + t];
                    s += diff * diff;
                }
                // Ward distance between two clusters of sizes wi, wj: sqrt(2 wi wj / (wi + wj)) * |ci - cj|,
                // which is the plain Euclidean distance for single points (scipy's convention).
                double wi = weights[i];
                double wj = weights[j];
                double scale = (wi == 1.0 && wj == 1.0) ? 1.0 : Math.sqrt(2 * wi * wj / (wi + wj));
                dist[index(m, i, j)] = scale * Math.sqrt(s);
            }
        }
        return relabel(nnChain(dist, weights.clone(), m), m, weights);
    }

    static int index(int m, int i, int j) {
        if (i > j) {
            int t = i;
            i = j;
            j = t;
        }
        return (int) ((long) m * i - (long) i * (i + 1) / 2 + (j - i - 1));
    }

    /**
     * Nearest-neighbour chain (Müllner 2011), the same walk as scipy's {@code nn_chain}: follow
     * nearest neighbours until two clusters are mutual nearest neighbours, merge them (Ward is
     * reducible, so this yields the same tree as greedy merging), update by Lance-Williams.
     */
    private static double[][] nnChain(double[] dist, double[] size, int m) {
        double[][] raw = new double[m - 1][];
        int[] chain = new int[m];
        int chainLength = 0;
        for (int step = 0; step < m - 1; step++) {
            if (chainLength == 0) {
                chainLength = 1;
                for (int i = 0; i < m; i++) {
                    if (size[i] > 0) {
                        chain[0] = i;
                        break;
                    }
                }
            }
            int x;
            int y = 0;
            double currentMin;
            while (true) {
                x = chain[chainLength - 1];
                if (chainLength > 1) {
                    y = chain[chainLength - 2];
                    currentMin = dist[index(m, x, y)];
                } else {
                    currentMin = Double.POSITIVE_INFINITY;
                }
                for (int i = 0; i < m; i++) {
                    if (size[i] == 0 || i == x) {
                        continue;
                    }
                    double v = dist[index(m, x, i)];
                    if (v < currentMin) {
                        currentMin = v;
                        y = i;
                    }
                }
                if (chainLength > 1 && y == chain[chainLength - 2]) {
                    break;
                }
                chain[chainLength++] = y;
            }
            chainLength -= 2;
            if (x > y) {
                int t = x;
                x = y;
                y = t;
            }
            double nx = size[x];
            double ny = size[y];
            raw[step] = new double[] {x, y, currentMin, nx + ny};
            size[x] = 0;
            size[y] = nx + ny;
            for (int i = 0; i < m; i++) {
                double ni = size[i];
                if (ni == 0 || i == y) {
                    continue;
                }
                int iy = index(m, i, y);
                dist[iy] = lanceWilliams(dist[index(m, i, x)], dist[iy], currentMin, nx, ny, ni);
            }
        }
        return raw;
    }

    /** Ward's Lance-Williams update on distances, written as scipy writes it so rounding agrees. */
    private static double lanceWilliams(double dxi, double dyi, double dxy, double nx, double ny, double ni) {
        double t = 1.0 / (nx + ny + ni);
        return Math.sqrt((ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * dxy * dxy);
    }

    /** Stable sort by height, then renumber merged clusters m+i in that order (union-find, like scipy). */
    private static double[][] relabel(double[][] raw, int m, double[] leafWeights) {
        Integer[] order = new Integer[raw.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(raw[p][2], raw[q][2]));
        int[] parent = new int[2 * m - 1];
        double[] weight = new double[2 * m - 1];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        double[][] z = new double[raw.length][];
        int next = m;
        for (int s = 0; s < raw.length; s++) {
            double[] r = raw[order[s]];
            int a = find(parent, (int) r[0]);
            int b = find(parent, (int) r[1]);
            double wa = a < m ? leafWeights[a] : weight[a];
            double wb = b < m ? leafWeights[b] : weight[b];
            parent[a] = next;
            parent[b] = next;
            weight[next] = wa + wb;
            z[s] = new double[] {Math.min(a, b), Math.max(a, b), r[2], wa + wb};
            next++;
        }
        return z;
    }

    private static int find(int[] parent, int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) {
            int next = parent[x];
            parent[x] = root;
            x = next;
        }
        return root;
    }
}
