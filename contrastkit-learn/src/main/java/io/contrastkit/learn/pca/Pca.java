package io.contrastkit.learn.pca;

import io.contrastkit.learn.compute.Parallel;
import io.contrastkit.learn.scale.Rows;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealVector;

/**
 * Principal component analysis by eigen-decomposition of the sample covariance (n - 1 denominator,
 * as scikit-learn reports {@code explained_variance_}). The covariance is accumulated over row blocks
 * on all cores and reduced in block order, so results do not depend on the thread count. Hipparchus
 * does the d x d eigen-decomposition; only plain arrays leave this class.
 */
public final class Pca {
    private Pca() {
    }

    /** Fits all components on the common pool. */
    public static PcaResult fit(double[][] rows) {
        return fit(rows, null);
    }

    /** Fits all components on {@code pool} (null: the common pool). */
    public static PcaResult fit(double[][] rows, ForkJoinPool pool) {
        int d = Rows.requireMatrix(rows, "rows");
        int n = rows.length;
        if (n < 2) {
            throw new IllegalArgumentException("rows has " + n + " row; PCA needs at least 2");
        }
        int bs = Parallel.ROWS_PER_BLOCK;
        int blocks = Parallel.blockCount(n, bs);
        double[][] partialSum = new double[blocks][];
        Parallel.forEachBlock(pool, blocks, b -> {
            double[] s = new double[d];
            for (int i = b * bs, end = Math.min(n, i + bs); i < end; i++) {
                double[] r = rows[i];
                for (int t = 0; t < d; t++) {
                    s[t] += r[t];
                }
            }
            partialSum[b] = s;
        });
        double[] mean = new double[d];
        for (double[] s : partialSum) {
            for (int t = 0; t < d; t++) {
                mean[t] += s[t];
            }
        }
        for (int t = 0; t < d; t++) {
            mean[t] /= n;
        }
        // Cross-products of centred rows (two passes: far more accurate than E[xx] - E[x]E[x]).
        double[][][] partialCov = new double[blocks][][];
        Parallel.forEachBlock(pool, blocks, b -> {
            // One array per covariance row so the inner loop indexes every array by t (vectorises).
            double[][] cov = new double[d][d];
            double[] c = new double[d];
            for (int i = b * bs, end = Math.min(n, i + bs); i < end; i++) {
                double[] r = rows[i];
                for (int t = 0; t < d; t++) {
                    c[t] = r[t] - mean[t];
                }
                for (int a = 0; a < d; a++) {
                    double ca = c[a];
                    double[] row = cov[a];
                    for (int t = a; t < d; t++) {
                        row[t] += ca * c[t];
                    }
                }
            }
            partialCov[b] = cov;
        });
        double[][] cov = new double[d][d];
        for (double[][] p : partialCov) {
            for (int a = 0; a < d; a++) {
                for (int t = a; t < d; t++) {
                    cov[a][t] += p[a][t];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int t = a; t < d; t++) {
                cov[a][t] /= (n - 1);
                cov[t][a] = cov[a][t];
            }
        }
        return fromCovariance(mean, cov, n);
    }

    static PcaResult fromCovariance(double[] mean, double[][] cov, int n) {
        int d = mean.length;
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(cov, false));
        double[] values = eig.getEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
        double[] variance = new double[d];
        double[][] components = new double[d][];
        for (int c = 0; c < d; c++) {
            // Round-off can leave a rank-deficient covariance with tiny negative eigenvalues.
            variance[c] = Math.max(0.0, values[order[c]]);
            RealVector v = eig.getEigenvector(order[c]);
            double[] comp = v.toArray();
            // Eigenvectors have no intrinsic sign: make the largest-|loading| entry positive (first
            // such entry on ties) so the same data always gives the same axes and readable names.
            int arg = 0;
            for (int t = 1; t < d; t++) {
                if (Math.abs(comp[t]) > Math.abs(comp[arg])) {
                    arg = t;
                }
            }
            if (comp[arg] < 0) {
                for (int t = 0; t < d; t++) {
                    comp[t] = -comp[t];
                }
            }
            components[c] = comp;
        }
        return new PcaResult(mean, components, variance, n);
    }
}
