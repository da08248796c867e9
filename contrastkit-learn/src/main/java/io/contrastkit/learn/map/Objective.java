package io.contrastkit.learn.map;

import java.util.concurrent.ForkJoinPool;

/**
 * The t-SNE gradient with Barnes-Hut repulsion over a fixed P: 4 (E p_ij w_ij - w_ij^2 / Z)(y_i - y_j) with
 * w_ij = 1 / (1 + |y_i - y_j|^2), as scikit-learn's {@code _kl_divergence_bh} computes it (one degree of
 * freedom, the exaggeration E applied to P). Not thread-safe: one per fit.
 */
final class Objective {

    /** Points per work block; sums are formed per block and combined in block order. */
    static final int BLOCK = 128;
    /** scikit-learn clamps p and q at float32's smallest normal number inside the logarithm. */
    private static final double FLOAT32_TINY = 1.1754943508222875e-38;

    private final JointP p;
    private final int n;
    private final double thetaSquared;
    private final ForkJoinPool pool;
    private final QuadTree tree = new QuadTree();
    private final double[] attraction;
    private final double[] repulsion;
    private final double[] blockSums;
    private double z;

    Objective(JointP p, int n, double theta, ForkJoinPool pool) {
        this.p = p;
        this.n = n;
        this.thetaSquared = theta * theta;
        this.pool = pool;
        this.attraction = new double[2 * n];
        this.repulsion = new double[2 * n];
        this.blockSums = new double[Blocks.count(n, BLOCK)];
    }

    /** Writes the gradient at {@code y} into {@code grad}. */
    void gradient(double[] y, double exaggeration, double[] grad) {
        tree.build(y, n);
        final int[] order = tree.order;
        final int[] start = p.rowStart;
        final int[] cols = p.columns;
        final double[] vals = p.values;
        Blocks.run(pool, n, BLOCK, (from, to, block) -> {
            double[] acc = new double[3];
            double zBlock = 0;
            for (int a = from; a < to; a++) {
                int i = order[a];
                double yx = y[2 * i];
                double yy = y[2 * i + 1];
                acc[0] = 0;
                acc[1] = 0;
                acc[2] = 0;
                tree.repulsion(yx, yy, thetaSquared, acc);
                repulsion[2 * i] = acc[0];
                repulsion[2 * i + 1] = acc[1];
                zBlock += acc[2];
                double ax = 0;
                double ay = 0;
                for (int e = start[i], end = start[i + 1]; e < end; e++) {
                    int j = cols[e];
                    double dx = yx - y[2 * j];
                    double dy = yy - y[2 * j + 1];
                    double pw = vals[e] / (1.0 + dx * dx + dy * dy);
                    ax += pw * dx;
                    ay += pw * dy;
                }
                attraction[2 * i] = ax;
                attraction[2 * i + 1] = ay;
            }
            blockSums[block] = zBlock;
        });
        double sum = 0;
        for (double s : blockSums) {
            sum += s;
        }
        z = sum;
        double invZ = 1.0 / z;
        for (int c = 0; c < 2 * n; c++) {
            grad[c] = 4.0 * (exaggeration * attraction[c] - repulsion[c] * invZ);
        }
    }

    /** KL(P || Q) over the nonzero entries of P at the positions of the last {@link #gradient} call. */
    double divergence(double[] y, double exaggeration) {
        final int[] start = p.rowStart;
        final int[] cols = p.columns;
        final double[] vals = p.values;
        final double invZ = 1.0 / z;
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
        for (double s : blockSums) {
            sum += s;
        }
        return sum;
    }
}
