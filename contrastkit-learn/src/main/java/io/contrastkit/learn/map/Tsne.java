package io.contrastkit.learn.map;

import io.contrastkit.learn.compute.Gaussian;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Barnes-Hut t-SNE to two dimensions, step for step as scikit-learn 1.2's {@code TSNE(method="barnes_hut")}.
 *
 * <p>Steps: exact k = min(n - 1, floor(3 perplexity + 1)) nearest neighbours (squared euclidean), a bisection
 * per point for the Gaussian precision matching the perplexity, P = (C + C^T) / sum, then gradient descent
 * with per-coordinate gains and momentum, P exaggerated during the first {@code explorationIter} iterations,
 * repulsion summarised by a quadtree with opening angle theta. Two deliberate differences, both towards
 * accuracy: all arithmetic is in double precision (scikit-learn uses float32 for the embedding), and the
 * quadtree is traversed once per group of at most 32 nearby points with theta's test applied at the group's
 * bounding box, so every point is summarised by the same or finer cells than scikit-learn's per-point test
 * would give it (and the per-point work becomes vectorisable loops). Maps therefore agree with
 * scikit-learn's in quality, not bit for bit.
 *
 * <p>Work is split into fixed blocks of points whatever the thread count and partial sums are combined in
 * block order, so a fit is bit-identical for the same input, initial map and options on any pool size.
 */
public final class Tsne {

    /** Convergence (KL divergence, gradient norm) is checked every this many iterations, as scikit-learn does. */
    private static final int CHECK_EVERY = 50;
    /** Points drift slowly: renumbering them for memory locality this often is plenty. */
    private static final int REORDER_EVERY = 25;
    private static final double GAIN_UP = 0.2;
    private static final double GAIN_DOWN = 0.8;

    private Tsne() {
    }

    /** Fits on all available processors; {@code init} is the {@code n x 2} starting map, or null for a random one. */
    public static TsneMap fit(double[][] x, double[][] init, TsneOptions options) {
        return fit(x, init, options, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Fits a map of the rows of {@code x} starting from {@code init} ({@code n x 2}, e.g. {@link #pcaInit}; null
     * draws scikit-learn's random start, 1e-4 N(0, 1), from {@code options.seed()}) on {@code parallelism}
     * threads. Neither array is kept: the map holds copies.
     */
    public static TsneMap fit(double[][] x, double[][] init, TsneOptions options, int parallelism) {
        Objects.requireNonNull(options, "options");
        double[] rows = Matrices.flatten("x", x, 0);
        int n = x.length;
        int d = x[0].length;
        checkSize(n, options.perplexity());
        double[] y;
        if (init == null) {
            y = flatRandom(n, options.seed());
        } else {
            if (init.length != n) {
                throw new IllegalArgumentException("init has " + init.length + " rows, x has " + n);
            }
            y = Matrices.flatten("init", init, 2);
        }
        ForkJoinPool pool = Blocks.pool(parallelism);
        try {
            int k = neighbourCount(n, options.perplexity());
            double[] columns = Matrices.transpose(rows, n, d);
            Knn knn = Knn.ofSelf(columns, n, d, k, pool);
            double[] conditional = new double[n * k];
            Blocks.run(pool, n, Objective.BLOCK, (from, to, block) -> {
                for (int i = from; i < to; i++) {
                    Perplexity.conditional(knn.squaredDistances, i * k, k, options.perplexity(), conditional);
                }
            });
            JointP p = JointP.symmetrise(knn.indices, conditional, n, k);
            double rate = options.effectiveLearningRate(n);
            Objective objective = new Objective(p, n, options.theta(), pool);
            double[] result = new double[2];
            int last = descend(objective, y, 0, options.explorationIter(), options.earlyExaggeration(),
                    options.initialMomentum(), rate, options.explorationIter(), options, result);
            // scikit-learn resumes after the last exploration iteration with fresh gains and momentum.
            int resume = options.explorationIter() == 0 ? 0 : last + 1;
            int iterations = last + 1;
            if (resume < options.maxIter()) {
                iterations = descend(objective, y, resume, options.maxIter(), 1.0, options.finalMomentum(), rate,
                        options.maxIterWithoutProgress(), options, result) + 1;
            }
            return new TsneMap(rows, n, d, objective.original(y), options, result[0], iterations, rate, pool);
        } finally {
            Blocks.close(pool);
        }
    }

    /** Number of neighbours scikit-learn keeps per point: min(n - 1, floor(3 perplexity + 1)). */
    static int neighbourCount(int n, double perplexity) {
        return (int) Math.min(n - 1L, (long) (3.0 * perplexity + 1.0));
    }

    static void checkSize(int n, double perplexity) {
        if (n < 2) {
            throw new IllegalArgumentException("t-SNE needs at least 2 rows, got " + n);
        }
        if (perplexity >= n) {
            throw new IllegalArgumentException(
                    "perplexity " + perplexity + " must be less than the number of rows " + n);
        }
    }

    /**
     * Gradient descent from iteration {@code from} (inclusive) to {@code to} (exclusive) with fresh gains and
     * momentum buffer; returns the last iteration run and leaves the last KL divergence in {@code out[0]}.
     */
    private static int descend(Objective objective, double[] y, int from, int to, double exaggeration,
                               double momentum, double rate, int maxWithoutProgress, TsneOptions options,
                               double[] out) {
        int m = y.length;
        double[] update = new double[m];
        double[] gains = new double[m];
        Arrays.fill(gains, 1.0);
        double[] grad = new double[m];
        double bestError = Double.MAX_VALUE;
        int bestIter = from;
        int i = from;
        for (; i < to; i++) {
            if ((i - from) % REORDER_EVERY == 0) {
                objective.reorder(y, update, gains);
            }
            boolean check = (i + 1) % CHECK_EVERY == 0;
            objective.gradient(y, exaggeration, grad);
            if (check || i == to - 1) {
                out[0] = objective.divergence(y, exaggeration);
            }
            double norm2 = 0;
            for (int c = 0; c < m; c++) {
                double g = grad[c];
                double gain = update[c] * g < 0.0 ? gains[c] + GAIN_UP : gains[c] * GAIN_DOWN;
                gain = Math.max(gain, options.minGain());
                gains[c] = gain;
                g *= gain;
                norm2 += g * g;
                update[c] = momentum * update[c] - rate * g;
                y[c] += update[c];
            }
            if (check) {
                double error = out[0];
                if (error < bestError) {
                    bestError = error;
                    bestIter = i;
                } else if (i - bestIter > maxWithoutProgress) {
                    break;
                }
                if (Math.sqrt(norm2) <= options.minGradNorm()) {
                    break;
                }
            }
        }
        return Math.min(i, to - 1);
    }

    /**
     * The first two principal components of {@code x}, scaled as scikit-learn's PCA initialisation:
     * {@code pca / std(pca[:, 0]) * 1e-4} (population std), each component's sign chosen so that its score of
     * largest magnitude is positive (scikit-learn's {@code svd_flip}). With one column the second is zero.
     */
    public static double[][] pcaInit(double[][] x) {
        double[] rows = Matrices.flatten("x", x, 0);
        int n = x.length;
        int d = x[0].length;
        if (n < 2) {
            throw new IllegalArgumentException("PCA initialisation needs at least 2 rows, got " + n);
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += rows[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] scatter = new double[d][d];
        double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[j] = rows[i * d + j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                for (int b = a; b < d; b++) {
                    scatter[a][b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                scatter[a][b] = scatter[b][a];
            }
        }
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(scatter, false));
        double[] values = eigen.getEigenvalues();
        Integer[] byValue = new Integer[d];
        for (int j = 0; j < d; j++) {
            byValue[j] = j;
        }
        Arrays.sort(byValue, (a, b) -> Double.compare(values[b], values[a]));
        double[][] scores = new double[n][2];
        for (int comp = 0; comp < Math.min(2, d); comp++) {
            double[] v = eigen.getEigenvector(byValue[comp]).toArray();
            double largest = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (rows[i * d + j] - mean[j]) * v[j];
                }
                scores[i][comp] = s;
                if (Math.abs(s) > Math.abs(largest)) {
                    largest = s;
                }
            }
            if (largest < 0) {
                for (int i = 0; i < n; i++) {
                    scores[i][comp] = -scores[i][comp];
                }
            }
        }
        double m0 = 0;
        for (double[] s : scores) {
            m0 += s[0];
        }
        m0 /= n;
        double var = 0;
        for (double[] s : scores) {
            var += (s[0] - m0) * (s[0] - m0);
        }
        double std = Math.sqrt(var / n);
        if (!(std > 0)) {
            throw new IllegalArgumentException("PCA initialisation: x has no variance (all rows are equal)");
        }
        double scale = 1e-4 / std;
        for (double[] s : scores) {
            s[0] *= scale;
            s[1] *= scale;
        }
        return scores;
    }

    /** scikit-learn's random start: {@code 1e-4 * N(0, 1)} per coordinate, from {@code seed}. */
    public static double[][] randomInit(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("randomInit needs n >= 1, got " + n);
        }
        return Matrices.unflatten(flatRandom(n, seed), n, 2);
    }

    private static double[] flatRandom(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[2 * n];
        for (int c = 0; c < y.length; c++) {
            y[c] = 1e-4 * Gaussian.next(random);
        }
        return y;
    }
}
