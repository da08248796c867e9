package io.contrastkit.learn.map;

import java.util.concurrent.ForkJoinPool;

/**
 * The t-SNE gradient with Barnes-Hut repulsion over a fixed P: 4 (E p_ij w_ij - w_ij^2 / Z)(y_i - y_j) with
 * w_ij = 1 / (1 + |y_i - y_j|^2), as scikit-learn's {@code _kl_divergence_bh} computes it (one degree of
 * freedom, the exaggeration E applied to P). Not thread-safe: one per fit.
 *
 * <p>Points are renumbered now and then into the quadtree's depth-first order ({@link #reorder}), so that a
 * point's neighbours in P sit near it in memory: the attractive sum then reads mostly cached positions.
 */
final class Objective {

    /** Points per work block of the attractive sums and the divergence. */
    static final int BLOCK = 256;
    /** Largest quadtree cell whose points share one traversal of the repulsion. */
    static final int GROUP = 32;
    /** Groups per work block of the repulsion. */
    private static final int GROUPS_PER_BLOCK = 4;
    /** scikit-learn clamps p and q at float32's smallest normal number inside the logarithm. */
    private static final double FLOAT32_TINY = 1.1754943508222875e-38;

    private final int n;
    private final double thetaSquared;
    private final ForkJoinPool pool;
    private final QuadTree tree = new QuadTree();
    private final double[] attraction;
    private final double[] repulsion;
    private final double[] blockSums;
    private final int[] groups;
    private final ThreadLocal<QuadTree.Scratch> scratch = ThreadLocal.withInitial(() -> new QuadTree.Scratch(GROUP));
    private int[] rowStart;
    private int[] columns;
    private double[] values;
    /** Current position of each original point; identity until the first {@link #reorder}. */
    private int[] position;
    private double z;

    Objective(JointP p, int n, double theta, ForkJoinPool pool) {
        this.n = n;
        this.thetaSquared = theta * theta;
        this.pool = pool;
        this.attraction = new double[2 * n];
        this.repulsion = new double[2 * n];
        this.blockSums = new double[Math.max(Blocks.count(n, BLOCK), Blocks.count(n, GROUPS_PER_BLOCK))];
        this.groups = new int[n];
        this.rowStart = p.rowStart;
        this.columns = p.columns;
        this.values = p.values;
        this.position = new int[n];
        for (int i = 0; i < n; i++) {
            position[i] = i;
        }
    }

    /** Writes the gradient at {@code y} into {@code grad}. */
    void gradient(double[] y, double exaggeration, double[] grad) {
        tree.build(y, n);
        int groupCount = tree.groups(GROUP, groups);
        Blocks.run(pool, groupCount, GROUPS_PER_BLOCK, (from, to, block) -> {
            QuadTree.Scratch s = scratch.get();
            double zBlock = 0;
            for (int g = from; g < to; g++) {
                zBlock += tree.groupRepulsion(groups[g], thetaSquared, s, repulsion);
            }
            blockSums[block] = zBlock;
        });
        double sum = 0;
        for (int b = 0, blocks = Blocks.count(groupCount, GROUPS_PER_BLOCK); b < blocks; b++) {
            sum += blockSums[b];
        }
        z = sum;
        final int[] start = rowStart;
        final int[] cols = columns;
        final double[] vals = values;
        Blocks.run(pool, n, BLOCK, (from, to, block) -> {
            for (int i = from; i < to; i++) {
                double yx = y[2 * i];
                double yy = y[2 * i + 1];
                // Two interleaved sums per axis: a single running sum would wait on the adder's latency.
                double ax0 = 0;
                double ay0 = 0;
                double ax1 = 0;
                double ay1 = 0;
                int e = start[i];
                int end = start[i + 1];
                for (; e + 1 < end; e += 2) {
                    int j0 = cols[e];
                    int j1 = cols[e + 1];
                    double dx0 = yx - y[2 * j0];
                    double dy0 = yy - y[2 * j0 + 1];
                    double dx1 = yx - y[2 * j1];
                    double dy1 = yy - y[2 * j1 + 1];
                    double pw0 = vals[e] / (1.0 + dx0 * dx0 + dy0 * dy0);
                    double pw1 = vals[e + 1] / (1.0 + dx1 * dx1 + dy1 * dy1);
                    ax0 += pw0 * dx0;
                    ay0 += pw0 * dy0;
                    ax1 += pw1 * dx1;
                    ay1 += pw1 * dy1;
                }
                if (e < end) {
                    int j = cols[e];
                    double dx = yx - y[2 * j];
                    double dy = yy - y[2 * j + 1];
                    double pw = vals[e] / (1.0 + dx * dx + dy * dy);
                    ax0 += pw * dx;
                    ay0 += pw * dy;
                }
                attraction[2 * i] = ax0 + ax1;
                attraction[2 * i + 1] = ay0 + ay1;
            }
        });
        // Z is 0 only when every point is a duplicate of every other: there is then nothing to repel.
        double invZ = z > 0 ? 1.0 / z : 0.0;
        for (int c = 0; c < 2 * n; c++) {
            grad[c] = 4.0 * (exaggeration * attraction[c] - repulsion[c] * invZ);
        }
    }

    /** KL(P || Q) over the nonzero entries of P at the positions of the last {@link #gradient} call. */
    double divergence(double[] y, double exaggeration) {
        final int[] start = rowStart;
        final int[] cols = columns;
        final double[] vals = values;
        final double invZ = z > 0 ? 1.0 / z : 0.0;
        Blocks.run(pool, n, BLOCK, (from, to, block) -> {
            double c = 0;
            for (int i = from; i < to; i++) {
                for (int e = start[i], end = start[i + 1]; e < end; e++) {
                    int j = cols[e];
                    double dx = y[2 * i] - y[2 * j];
                    double dy = y[2 * i + 1] - y[2 * j + 1];
                    double q = invZ / (1.0 + dx * dx + dy * dy);
                    double pij = exaggeration * vals[e];
                    c += pij * Math.log(Math.max(pij, FLOAT32_TINY) / Math.max(q, FLOAT32_TINY));
                }
            }
            blockSums[block] = c;
        });
        double sum = 0;
        for (int b = 0, blocks = Blocks.count(n, BLOCK); b < blocks; b++) {
            sum += blockSums[b];
        }
        return sum;
    }

    /**
     * Renumbers the points into the depth-first order of the quadtree of {@code y}, permuting {@code y},
     * every array in {@code perPoint} (two entries per point, like y) and P alike. Depends on positions only,
     * so it keeps fits deterministic.
     */
    void reorder(double[] y, double[]... perPoint) {
        tree.build(y, n);
        int[] order = tree.order.clone();
        int[] newIndex = new int[n];
        for (int r = 0; r < n; r++) {
            newIndex[order[r]] = r;
        }
        permute(y, order);
        for (double[] a : perPoint) {
            permute(a, order);
        }
        int[] start = new int[n + 1];
        int[] cols = new int[columns.length];
        double[] vals = new double[values.length];
        int out = 0;
        for (int r = 0; r < n; r++) {
            int old = order[r];
            start[r] = out;
            for (int e = rowStart[old], end = rowStart[old + 1]; e < end; e++) {
                cols[out] = newIndex[columns[e]];
                vals[out++] = values[e];
            }
        }
        start[n] = out;
        rowStart = start;
        columns = cols;
        values = vals;
        for (int i = 0; i < n; i++) {
            position[i] = newIndex[position[i]];
        }
    }

    /** Positions in the original numbering. */
    double[] original(double[] y) {
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) {
            out[2 * i] = y[2 * position[i]];
            out[2 * i + 1] = y[2 * position[i] + 1];
        }
        return out;
    }

    private static void permute(double[] a, int[] order) {
        double[] copy = a.clone();
        for (int r = 0; r < order.length; r++) {
            a[2 * r] = copy[2 * order[r]];
            a[2 * r + 1] = copy[2 * order[r] + 1];
        }
    }
}
