package io.contrastkit.learn.hierarchy;

import java.util.Arrays;

/**
 * An immutable Ward hierarchy: the linkage in scipy's format over its leaves (the rows themselves
 * when exact, else the micro-clusters), which leaf each row belongs to, and flat cuts.
 */
public final class WardResult {
    private final double[][] linkage;
    private final int leaves;
    private final int[] leafOfPoint; // null when exact: row i is leaf i
    private final boolean exact;
    private final int[] coarse;
    private final int[] fine;
    private final double[] maxHeight; // scipy's "max dists": largest height within each merge's subtree

    WardResult(double[][] linkage, int leaves, int[] leafOfPoint, boolean exact, WardOptions options) {
        this.linkage = linkage;
        this.leaves = leaves;
        this.leafOfPoint = leafOfPoint;
        this.exact = exact;
        this.maxHeight = new double[linkage.length];
        for (int r = 0; r < linkage.length; r++) {
            double h = linkage[r][2];
            for (int side = 0; side < 2; side++) {
                int child = (int) linkage[r][side];
                if (child >= leaves) {
                    h = Math.max(h, maxHeight[child - leaves]);
                }
            }
            maxHeight[r] = h;
        }
        this.coarse = cut(options.coarseClusters());
        this.fine = cut(options.fineClusters());
    }

    /** A copy of the linkage: rows {@code [a, b, height, count]}, sorted by height, ids as scipy numbers them. */
    public double[][] linkage() {
        double[][] z = new double[linkage.length][];
        for (int i = 0; i < z.length; i++) {
            z[i] = linkage[i].clone();
        }
        return z;
    }

    /** Whether the linkage is over the rows themselves (true) or over micro-clusters (false). */
    public boolean exact() {
        return exact;
    }

    /** Number of leaves in the linkage: the row count when exact, else the micro-cluster count. */
    public int leafCount() {
        return leaves;
    }

    /** Number of rows the hierarchy was fitted on. */
    public int pointCount() {
        return leafOfPoint == null ? leaves : leafOfPoint.length;
    }

    /** A copy of each row's leaf (micro-cluster) id; the identity when exact. */
    public int[] leafOfPoint() {
        if (leafOfPoint == null) {
            int[] id = new int[leaves];
            Arrays.setAll(id, i -> i);
            return id;
        }
        return leafOfPoint.clone();
    }

    /** A copy of the labels of the coarse cut (options' coarseClusters). */
    public int[] coarseLabels() {
        return coarse.clone();
    }

    /** A copy of the labels of the fine cut (options' fineClusters). */
    public int[] fineLabels() {
        return fine.clone();
    }

    /**
     * Flat clusters per row, like scipy's {@code fcluster(Z, clusters, 'maxclust') - 1}: the lowest
     * merge height (scipy searches from the second-lowest) that leaves at most {@code clusters}
     * clusters, numbered 0.. in scipy's tree-walk order. Ties in height can leave fewer clusters;
     * over micro-clusters no cut is finer than the leaves.
     */
    public int[] cut(int clusters) {
        if (clusters < 1) {
            throw new IllegalArgumentException("clusters is " + clusters + ", must be >= 1");
        }
        int[] leafLabels = cutLeaves(clusters);
        if (leafOfPoint == null) {
            return leafLabels;
        }
        int[] out = new int[leafOfPoint.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = leafLabels[leafOfPoint[i]];
        }
        return out;
    }

    private int[] cutLeaves(int maxClusters) {
        int n = leaves;
        double[] sorted = maxHeight.clone();
        Arrays.sort(sorted);
        // scipy's binary search: index 0 is assumed to give too many clusters and never chosen.
        int lower = 0;
        int upper = sorted.length - 1;
        while (upper - lower > 1) {
            int i = (lower + upper) >>> 1;
            if (clustersAt(sorted[i]) > maxClusters) {
                lower = i;
            } else {
                upper = i;
            }
        }
        return label(sorted[upper]);
    }

    private int clustersAt(double threshold) {
        int merged = 0;
        for (double h : maxHeight) {
            if (h <= threshold) {
                merged++;
            }
        }
        return leaves - merged;
    }

    /** scipy's cluster_monocrit walk: internal children first (left, right), then leaf children. */
    private int[] label(double cutoff) {
        int n = leaves;
        int[] t = new int[n];
        boolean[] visited = new boolean[linkage.length];
        int[] stack = new int[linkage.length + 1];
        int k = 0;
        stack[0] = 2 * n - 2;
        int cluster = 0;
        int leader = -1;
        while (k >= 0) {
            int root = stack[k] - n;
            int lc = (int) linkage[root][0];
            int rc = (int) linkage[root][1];
            if (leader == -1 && maxHeight[root] <= cutoff) {
                leader = root;
                cluster++;
            }
            if (lc >= n && !visited[lc - n]) {
                visited[lc - n] = true;
                stack[++k] = lc;
                continue;
            }
            if (rc >= n && !visited[rc - n]) {
                visited[rc - n] = true;
                stack[++k] = rc;
                continue;
            }
            if (lc < n) {
                if (leader == -1) {
                    cluster++;
                }
                t[lc] = cluster - 1;
            }
            if (rc < n) {
                if (leader == -1) {
                    cluster++;
                }
                t[rc] = cluster - 1;
            }
            if (leader == root) {
                leader = -1;
            }
            k--;
        }
        return t;
    }
}
