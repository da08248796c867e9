package io.contrastkit.learn.scale;

import java.util.Arrays;

/** The kinds of per-column scaling: standard (mean / population std) and robust (median / IQR). */
public enum Scaler {
    /** Centre on the mean, divide by the population standard deviation (scikit-learn's StandardScaler). */
    STANDARD,
    /** Centre on the median, divide by the interquartile range (scikit-learn's RobustScaler defaults). */
    ROBUST;

    /** Fits this kind of scaler to {@code rows} (n x d, finite) and returns the immutable result. */
    public FittedScaler fit(double[][] rows) {
        int d = Rows.requireMatrix(rows, "rows");
        int n = rows.length;
        double[] center = new double[d];
        double[] scale = new double[d];
        double[] column = new double[n];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = rows[i][j];
            }
            if (this == STANDARD) {
                double mean = 0;
                for (double v : column) {
                    mean += v;
                }
                mean /= n;
                double ss = 0;
                for (double v : column) {
                    double t = v - mean;
                    ss += t * t;
                }
                double var = ss / n;
                center[j] = mean;
                // A constant column still shows a variance of a few ulps from rounding in the mean;
                // treat anything below that rounding floor as zero spread (as scikit-learn does).
                double floor = n * Math.ulp(1.0) * Math.abs(mean);
                scale[j] = var <= floor * floor ? 1.0 : Math.sqrt(var);
            } else {
                Arrays.sort(column);
                center[j] = percentile(column, 50);
                double iqr = percentile(column, 75) - percentile(column, 25);
                scale[j] = iqr;
            }
            // Zero spread: dividing would give NaN/Inf for every row; scale 1 keeps the column centred
            // (all zeros after transform) so it carries no weight in distances instead of poisoning them.
            if (scale[j] == 0.0) {
                scale[j] = 1.0;
            }
        }
        return new FittedScaler(this, center, scale);
    }

    /** Fits to {@code rows} and transforms them in one call; equal to {@code fit(rows).transform(rows)}. */
    public double[][] fitTransform(double[][] rows) {
        return fit(rows).transform(rows);
    }

    /** Percentile of sorted values by numpy's default linear interpolation ({@code p} in [0, 100]). */
    static double percentile(double[] sorted, double p) {
        double pos = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double t = pos - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        // numpy's _lerp: interpolate from the nearer end so t=1 gives b exactly.
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }
}
