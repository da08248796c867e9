package io.contrastkit.learn.pca;

import io.contrastkit.learn.scale.Rows;
import java.util.Arrays;

/**
 * An immutable PCA fit: the mean, unit components sorted by decreasing variance (largest-|loading|
 * entry of each made positive), their variances and variance ratios. Arrays in and out are copies.
 */
public final class PcaResult {
    private final double[] mean;
    private final double[][] components;
    private final double[] variance;
    private final int samples;

    PcaResult(double[] mean, double[][] components, double[] variance, int samples) {
        this.mean = mean;
        this.components = components;
        this.variance = variance;
        this.samples = samples;
    }

    /** Rebuilds a fit from saved parameters (e.g. a model file); arrays are copied and checked. */
    public static PcaResult of(double[] mean, double[][] components, double[] variance, int samples) {
        int d = Rows.requireMatrix(components, "components");
        if (mean == null || mean.length != d) {
            throw new IllegalArgumentException("mean must have " + d + " entries (one per feature)");
        }
        if (variance == null || variance.length != components.length) {
            throw new IllegalArgumentException("variance must have " + components.length + " entries (one per component)");
        }
        double[][] c = new double[components.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = components[i].clone();
        }
        return new PcaResult(mean.clone(), c, variance.clone(), samples);
    }

    /** Number of input features. */
    public int dimension() {
        return mean.length;
    }

    /** Number of components held. */
    public int componentCount() {
        return components.length;
    }

    /** Rows the fit saw. */
    public int samples() {
        return samples;
    }

    /** A copy of the per-feature mean. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the components, one unit-length row per component (scikit-learn's {@code components_}). */
    public double[][] components() {
        double[][] c = new double[components.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = components[i].clone();
        }
        return c;
    }

    /** A copy of component {@code c}'s unit vector. */
    public double[] component(int c) {
        return components[c].clone();
    }

    /**
     * Loadings: each component scaled by the standard deviation along it, so entry (c, j) is the
     * covariance of feature j with component c's score divided by that score's std.
     */
    public double[][] loadings() {
        double[][] l = components();
        for (int c = 0; c < l.length; c++) {
            double s = Math.sqrt(variance[c]);
            for (int j = 0; j < l[c].length; j++) {
                l[c][j] *= s;
            }
        }
        return l;
    }

    /** A copy of the variance along each component (sample variance, n - 1 denominator). */
    public double[] explainedVariance() {
        return variance.clone();
    }

    /** Each component's share of the total variance. */
    public double[] explainedVarianceRatio() {
        double total = Arrays.stream(variance).sum();
        double[] r = new double[variance.length];
        for (int c = 0; c < r.length; c++) {
            r[c] = total == 0 ? 0 : variance[c] / total;
        }
        return r;
    }

    /** Scores of one row on every component. */
    public double[] transform(double[] row) {
        return transform(row, components.length);
    }

    /** Scores of one row on the first {@code count} components. */
    public double[] transform(double[] row, int count) {
        Rows.requireRow(row, mean.length);
        if (count < 1 || count > components.length) {
            throw new IllegalArgumentException("count is " + count + ", must be in [1, " + components.length + "]");
        }
        double[] out = new double[count];
        for (int c = 0; c < count; c++) {
            double s = 0;
            double[] comp = components[c];
            for (int j = 0; j < row.length; j++) {
                s += (row[j] - mean[j]) * comp[j];
            }
            out[c] = s;
        }
        return out;
    }

    /** Scores of every row on the first {@code count} components. */
    public double[][] transform(double[][] rows, int count) {
        Rows.requireMatrix(rows, "rows");
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform(rows[i], count);
        }
        return out;
    }
}
