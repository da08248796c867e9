package io.contrastkit.learn.classify;

/**
 * Per-column centring and scaling fitted on training rows (mean, population standard deviation), as
 * scikit-learn's {@code StandardScaler} in front of a classifier.
 *
 * <p>Not {@link io.contrastkit.learn.scale.Scaler#STANDARD}: that one also treats a spread within rounding
 * of zero as none, this one only an exact zero, and the downstream check's numbers were measured with this
 * one. A constant column stays centred (scale 1).
 */
final class Standardisation {

    private final double[] mean;
    private final double[] scale;

    private Standardisation(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** Fits to validated rows. */
    static Standardisation fit(double[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / n);
            scale[j] = sd > 0 ? sd : 1;
        }
        return new Standardisation(mean, scale);
    }

    /** A fresh standardised copy of one row. */
    double[] apply(double[] row) {
        double[] out = new double[mean.length];
        for (int j = 0; j < mean.length; j++) {
            out[j] = (row[j] - mean[j]) / scale[j];
        }
        return out;
    }

    /** Fresh standardised copies of rows. */
    double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = apply(rows[i]);
        }
        return out;
    }
}
