package io.contrastkit.learn.map;

import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * An immutable fitted t-SNE map: the fitted rows, their 2-D positions, and what placing new points needs.
 *
 * <p>{@link #place} puts new rows into the map without moving the fitted points. Each new point gets the
 * conditional P to its k nearest fitted rows (k and the perplexity calibration as in the fit), starts at the
 * P-weighted mean of those neighbours' positions, and then follows the fit's gradient for {@code placeIter}
 * iterations (final momentum, same learning rate and gains, no exaggeration) with only itself free: attraction
 * {@code p(j|i) / n} to its neighbours, whose scale matches a row of the fitted joint P, and Barnes-Hut
 * repulsion from the fitted map normalised by the fitted map's Z. New points do not interact with one another,
 * so a point lands in the same place whether it is placed alone or in a batch.
 */
public final class TsneMap {

    private final double[] rowColumns;
    private final int n;
    private final int d;
    private final double[] embedding;
    private final TsneOptions options;
    private final double klDivergence;
    private final int iterations;
    private final double learningRate;
    private final QuadTree tree;
    private final double z;

    TsneMap(double[] rows, int n, int d, double[] embedding, TsneOptions options, double klDivergence,
            int iterations, double learningRate, ForkJoinPool pool) {
        this.rowColumns = Matrices.transpose(rows, n, d);
        this.n = n;
        this.d = d;
        this.embedding = embedding;
        this.options = options;
        this.klDivergence = klDivergence;
        this.iterations = iterations;
        this.learningRate = learningRate;
        // Built once and only read afterwards, so place() may traverse it from many threads.
        this.tree = new QuadTree();
        tree.build(embedding, n);
        double thetaSquared = options.theta() * options.theta();
        double[] blockZ = new double[Blocks.count(n, Objective.BLOCK)];
        Blocks.run(pool, n, Objective.BLOCK, (from, to, block) -> {
            double[] acc = new double[3];
            for (int i = from; i < to; i++) {
                tree.repulsion(embedding[2 * i], embedding[2 * i + 1], thetaSquared, acc);
            }
            blockZ[block] = acc[2];
        });
        double sum = 0;
        for (double s : blockZ) {
            sum += s;
        }
        this.z = sum;
    }

    /**
     * A map from saved parts (e.g. a model file): the fitted rows, their positions and the options they were
     * fitted with; KL divergence and iteration count are unknown (NaN, 0). Both arrays are copied.
     */
    public static TsneMap restore(double[][] rows, double[][] embedding, TsneOptions options) {
        Objects.requireNonNull(options, "options");
        double[] flatRows = Matrices.flatten("rows", rows, 0);
        int n = rows.length;
        Tsne.checkSize(n, options.perplexity());
        if (embedding == null || embedding.length != n) {
            throw new IllegalArgumentException("embedding has " + (embedding == null ? "no" : embedding.length)
                    + " rows, rows has " + n);
        }
        double[] flatEmbedding = Matrices.flatten("embedding", embedding, 2);
        return new TsneMap(flatRows, n, rows[0].length, flatEmbedding, options, Double.NaN, 0,
                options.effectiveLearningRate(n), null);
    }

    /** Number of fitted points. */
    public int size() {
        return n;
    }

    /** Columns of the fitted rows, which new rows must match. */
    public int dimensions() {
        return d;
    }

    /** The fitted positions, {@code n x 2}, as a fresh copy. */
    public double[][] embedding() {
        return Matrices.unflatten(embedding, n, 2);
    }

    /** The fitted rows, {@code n x d}, as a fresh copy. */
    public double[][] rows() {
        double[][] rows = new double[n][d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                rows[i][j] = rowColumns[j * n + i];
            }
        }
        return rows;
    }

    public TsneOptions options() {
        return options;
    }

    /** KL(P || Q) at the last iteration (with P exaggerated if the fit stopped while exploring). */
    public double klDivergence() {
        return klDivergence;
    }

    /** Iterations run, both phases together. */
    public int iterations() {
        return iterations;
    }

    /** The learning rate the fit used (the "auto" rule resolved). */
    public double learningRate() {
        return learningRate;
    }

    /** Places {@code newRows} on all available processors; see {@link #place(double[][], int)}. */
    public double[][] place(double[][] newRows) {
        return place(newRows, Runtime.getRuntime().availableProcessors());
    }

    /** Positions ({@code m x 2}) for {@code newRows} ({@code m x d}) in this map; fitted points do not move. */
    public double[][] place(double[][] newRows, int parallelism) {
        double[] queries = Matrices.flatten("newRows", newRows, d);
        int m = newRows.length;
        int k = Tsne.neighbourCount(n, options.perplexity());
        double[] out = new double[2 * m];
        ForkJoinPool pool = Blocks.pool(parallelism);
        try {
            Knn knn = Knn.ofQueries(rowColumns, n, d, queries, m, k, pool);
            double thetaSquared = options.theta() * options.theta();
            Blocks.run(pool, m, 16, (from, to, block) -> {
                double[] p = new double[k];
                double[] sq = new double[k];
                for (int q = from; q < to; q++) {
                    System.arraycopy(knn.squaredDistances, q * k, sq, 0, k);
                    Perplexity.conditional(sq, 0, k, options.perplexity(), p);
                    placeOne(knn.indices, q * k, p, k, thetaSquared, out, q);
                }
            });
        } finally {
            Blocks.close(pool);
        }
        return Matrices.unflatten(out, m, 2);
    }

    private void placeOne(int[] neighbours, int offset, double[] p, int k, double thetaSquared, double[] out,
                          int q) {
        double yx = 0;
        double yy = 0;
        for (int a = 0; a < k; a++) {
            int j = neighbours[offset + a];
            yx += p[a] * embedding[2 * j];
            yy += p[a] * embedding[2 * j + 1];
        }
        double ux = 0;
        double uy = 0;
        double gx = 1;
        double gy = 1;
        double momentum = options.finalMomentum();
        double invN = 1.0 / n;
        double invZ = z > 0 ? 1.0 / z : 0.0;
        double[] acc = new double[3];
        for (int it = 0; it < options.placeIter(); it++) {
            double ax = 0;
            double ay = 0;
            for (int a = 0; a < k; a++) {
                int j = neighbours[offset + a];
                double dx = yx - embedding[2 * j];
                double dy = yy - embedding[2 * j + 1];
                double pw = p[a] * invN / (1.0 + dx * dx + dy * dy);
                ax += pw * dx;
                ay += pw * dy;
            }
            acc[0] = 0;
            acc[1] = 0;
            acc[2] = 0;
            tree.repulsion(yx, yy, thetaSquared, acc);
            double grx = 4.0 * (ax - acc[0] * invZ);
            double gry = 4.0 * (ay - acc[1] * invZ);
            gx = Math.max(ux * grx < 0 ? gx + 0.2 : gx * 0.8, options.minGain());
            gy = Math.max(uy * gry < 0 ? gy + 0.2 : gy * 0.8, options.minGain());
            ux = momentum * ux - learningRate * gx * grx;
            uy = momentum * uy - learningRate * gy * gry;
            yx += ux;
            yy += uy;
        }
        out[2 * q] = yx;
        out[2 * q + 1] = yy;
    }
}
