package io.contrastkit.learn.scale;

import java.util.Arrays;

/** An immutable fitted scaler: per-column centre and scale, applied as {@code (x - center) / scale}. */
public final class FittedScaler {
    private final Scaler kind;
    private final double[] center;
    private final double[] scale;

    FittedScaler(Scaler kind, double[] center, double[] scale) {
        this.kind = kind;
        this.center = center;
        this.scale = scale;
    }

    /**
     * Rebuilds a fitted scaler from saved parameters (e.g. a model file); arrays are copied. Every
     * scale must be finite and positive.
     */
    public static FittedScaler of(Scaler kind, double[] center, double[] scale) {
        if (kind == null) {
            throw new IllegalArgumentException("kind is null");
        }
        if (center == null || scale == null) {
            throw new IllegalArgumentException("center and scale must not be null");
        }
        if (center.length == 0 || center.length != scale.length) {
            throw new IllegalArgumentException(
                    "center has " + center.length + " columns but scale has " + scale.length);
        }
        for (int j = 0; j < center.length; j++) {
            if (!Double.isFinite(center[j])) {
                throw new IllegalArgumentException("center column " + j + " is " + center[j]);
            }
            if (!(scale[j] > 0) || !Double.isFinite(scale[j])) {
                throw new IllegalArgumentException("scale column " + j + " is " + scale[j] + ", must be finite and > 0");
            }
        }
        return new FittedScaler(kind, center.clone(), scale.clone());
    }

    /** Which kind of scaler produced these parameters. */
    public Scaler kind() {
        return kind;
    }

    /** Number of columns this scaler was fitted on. */
    public int dimension() {
        return center.length;
    }

    /** A copy of the per-column centres (mean or median). */
    public double[] center() {
        return center.clone();
    }

    /** A copy of the per-column scales (std or IQR; 1 where the column had no spread). */
    public double[] scale() {
        return scale.clone();
    }

    /** Scales one row into a new array. */
    public double[] transform(double[] row) {
        Rows.requireRow(row, center.length);
        double[] out = new double[row.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (row[j] - center[j]) / scale[j];
        }
        return out;
    }

    /** Scales every row into a new matrix. */
    public double[][] transform(double[][] rows) {
        int d = Rows.requireMatrix(rows, "rows");
        if (d != center.length) {
            throw new IllegalArgumentException("rows have " + d + " columns, scaler was fitted on " + center.length);
        }
        double[][] out = new double[rows.length][d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = (rows[i][j] - center[j]) / scale[j];
            }
        }
        return out;
    }

    /** Maps one scaled row back to the original units. */
    public double[] inverseTransform(double[] row) {
        Rows.requireRow(row, center.length);
        double[] out = new double[row.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = row[j] * scale[j] + center[j];
        }
        return out;
    }

    @Override
    public String toString() {
        return "FittedScaler[" + kind + ", center=" + Arrays.toString(center) + ", scale=" + Arrays.toString(scale) + "]";
    }
}
