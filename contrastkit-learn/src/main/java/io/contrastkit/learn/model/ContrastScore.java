package io.contrastkit.learn.model;

import io.contrastkit.core.FeatureSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The contrast score in [0, 100]: a consensus direction over the contrast-magnitude features, calibrated
 * to percentiles of the fitted collection with smooth, strictly monotone tails.
 *
 * <p>The magnitude features are standardised against the collection; the direction is the first
 * principal component of their correlation matrix, signed so that {@code c_rms} loads positively, with
 * negative weights set to zero (every input measures "more contrast", so a negative weight can only be
 * noise, and it would break monotonicity) and renormalised to unit length. The projection is mapped to
 * a percentile by linear interpolation between knots (the sorted projections of the collection at
 * plotting positions {@code 100 (i + 0.5) / n}), and beyond the collection's range by hyperbolic tails
 * {@code s0 / (1 + (v0 - p) slope / s0)} (and the mirror image at the top) that continue the slope of the
 * outer knots and approach 0 and 100 without reaching them. Exponential tails would be the obvious choice
 * but reach the last double below 100 within a couple of projection units; these stay strictly ordered
 * for any image a camera can produce.
 */
public final class ContrastScore {

    /** The features the score is built from, in the order stored. */
    public static final List<String> MAGNITUDE_FEATURES = List.of("c_rms", "std", "u_dr", "michelson",
            "mean_local_contrast", "local_contrast_p99", "luminance_contrast");

    /** Knots kept at most; quantiles of the collection beyond this. */
    static final int MAX_KNOTS = 257;
    /** Knots over which the tail slope is averaged, so one close pair at the edge does not decide it. */
    private static final int TAIL_SEGMENTS = 10;

    private final List<String> features;
    private final int[] columns;
    private final double[] center;
    private final double[] spread;
    private final double[] weights;
    private final double[] knotProjection;
    private final double[] knotPercentile;
    private final double lowSlope;
    private final double highSlope;

    ContrastScore(List<String> features, int[] columns, double[] center, double[] spread, double[] weights,
                  double[] knotProjection, double[] knotPercentile) {
        this.features = List.copyOf(features);
        this.columns = columns;
        this.center = center;
        this.spread = spread;
        this.weights = weights;
        this.knotProjection = knotProjection;
        this.knotPercentile = knotPercentile;
        int last = knotProjection.length - 1;
        if (last == 0) {
            // A collection whose projections are all equal: one percentile unit per unit of projection.
            this.lowSlope = 1;
            this.highSlope = 1;
        } else {
            int j = Math.min(TAIL_SEGMENTS, last);
            this.lowSlope = (knotPercentile[j] - knotPercentile[0]) / (knotProjection[j] - knotProjection[0]);
            this.highSlope = (knotPercentile[last] - knotPercentile[last - j])
                    / (knotProjection[last] - knotProjection[last - j]);
        }
    }

    /** Rebuilds a score from saved parts, checking them against the schema. */
    static ContrastScore restore(FeatureSchema schema, List<String> features, double[] center, double[] spread,
                                 double[] weights, double[] knotProjection, double[] knotPercentile) {
        int m = features.size();
        int[] columns = new int[m];
        for (int i = 0; i < m; i++) {
            columns[i] = schema.indexOf(features.get(i));
        }
        requireLength("contrast_score.center", center, m);
        requireLength("contrast_score.spread", spread, m);
        requireLength("contrast_score.weights", weights, m);
        if (knotProjection.length == 0 || knotProjection.length != knotPercentile.length) {
            throw new IllegalArgumentException("contrast_score knots have " + knotProjection.length
                    + " projections and " + knotPercentile.length + " percentiles; expected the same, at least 1");
        }
        for (int i = 1; i < knotProjection.length; i++) {
            if (!(knotProjection[i] > knotProjection[i - 1]) || !(knotPercentile[i] > knotPercentile[i - 1])) {
                throw new IllegalArgumentException("contrast_score knot " + i + " does not increase");
            }
        }
        for (int i = 0; i < m; i++) {
            if (!(spread[i] > 0)) {
                throw new IllegalArgumentException("contrast_score.spread[" + i + "] is " + spread[i] + ", must be > 0");
            }
        }
        return new ContrastScore(features, columns, center.clone(), spread.clone(), weights.clone(),
                knotProjection.clone(), knotPercentile.clone());
    }

    private static void requireLength(String what, double[] a, int expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException(what + " has " + a.length + " entries, expected " + expected);
        }
    }

    /** Fits the direction and the calibration on the collection's raw (unscaled) features. */
    static ContrastScore fit(double[][] features, FeatureSchema schema) {
        List<String> names = new ArrayList<>();
        for (String f : MAGNITUDE_FEATURES) {
            if (schema.contains(f)) {
                names.add(f);
            }
        }
        if (names.isEmpty() || !names.contains("c_rms")) {
            throw new IllegalArgumentException(schema + " lacks the contrast-magnitude features " + MAGNITUDE_FEATURES);
        }
        int m = names.size();
        int n = features.length;
        int[] columns = names.stream().mapToInt(schema::indexOf).toArray();
        double[] center = new double[m];
        double[] spread = new double[m];
        for (int a = 0; a < m; a++) {
            double mean = 0;
            for (double[] r : features) {
                mean += r[columns[a]];
            }
            mean /= n;
            double ss = 0;
            for (double[] r : features) {
                double t = r[columns[a]] - mean;
                ss += t * t;
            }
            double sd = Math.sqrt(ss / n);
            center[a] = mean;
            spread[a] = sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1.0;
        }
        double[][] z = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < m; a++) {
                z[i][a] = (features[i][columns[a]] - center[a]) / spread[a];
            }
        }
        double[][] corr = new double[m][m];
        for (double[] r : z) {
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    corr[a][b] += r[a] * r[b] / n;
                }
            }
        }
        double[] weights = firstComponent(corr);
        int crms = names.indexOf("c_rms");
        double sign = weights[crms] != 0 ? Math.signum(weights[crms]) : Math.signum(Arrays.stream(weights).sum());
        if (sign == 0) {
            sign = 1;
        }
        double norm = 0;
        for (int a = 0; a < m; a++) {
            weights[a] = Math.max(0, sign * weights[a]);
            norm += weights[a] * weights[a];
        }
        if (norm == 0) {
            // No consensus at all (e.g. one row): fall back to equal weights, still monotone.
            Arrays.fill(weights, 1);
            norm = m;
        }
        norm = Math.sqrt(norm);
        for (int a = 0; a < m; a++) {
            weights[a] /= norm;
        }
        double[] projections = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int a = 0; a < m; a++) {
                s += weights[a] * z[i][a];
            }
            projections[i] = s;
        }
        Arrays.sort(projections);
        double[][] knots = knots(projections);
        return new ContrastScore(names, columns, center, spread, weights, knots[0], knots[1]);
    }

    private static double[] firstComponent(double[][] corr) {
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(corr, false));
        double[] values = eigen.getEigenvalues();
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return eigen.getEigenvector(best).toArray();
    }

    /** Knots (projection, percentile) from sorted projections: strictly increasing in both. */
    private static double[][] knots(double[] sorted) {
        int n = sorted.length;
        int count = Math.min(n, MAX_KNOTS);
        double[] value = new double[count];
        double[] pct = new double[count];
        for (int j = 0; j < count; j++) {
            double pos = count == 1 ? 0 : (double) j * (n - 1) / (count - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, n - 1);
            value[j] = sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
            pct[j] = 100.0 * (pos + 0.5) / n;
        }
        // Equal projections (duplicate images) share one knot at their mean percentile.
        double[] v = new double[count];
        double[] p = new double[count];
        int out = 0;
        int i = 0;
        while (i < count) {
            int j = i;
            double sum = 0;
            while (j < count && value[j] == value[i]) {
                sum += pct[j];
                j++;
            }
            v[out] = value[i];
            p[out] = sum / (j - i);
            out++;
            i = j;
        }
        return new double[][] {Arrays.copyOf(v, out), Arrays.copyOf(p, out)};
    }

    /** The projection of one raw feature row on the consensus direction. */
    public double projection(double[] features) {
        double s = 0;
        for (int a = 0; a < columns.length; a++) {
            s += weights[a] * (features[columns[a]] - center[a]) / spread[a];
        }
        return s;
    }

    /** The score in [0, 100] of one raw feature row. */
    public double score(double[] features) {
        return scoreOfProjection(projection(features));
    }

    /** The calibrated score of a projection: strictly increasing everywhere a double can resolve it. */
    public double scoreOfProjection(double p) {
        int last = knotProjection.length - 1;
        double v0 = knotProjection[0];
        double vl = knotProjection[last];
        if (p < v0) {
            double s0 = knotPercentile[0];
            return s0 / (1 + (v0 - p) * lowSlope / s0);
        }
        if (p > vl) {
            double room = 100 - knotPercentile[last];
            return 100 - room / (1 + (p - vl) * highSlope / room);
        }
        int hi = Arrays.binarySearch(knotProjection, p);
        if (hi >= 0) {
            return knotPercentile[hi];
        }
        hi = -hi - 1;
        int lo = hi - 1;
        double t = (p - knotProjection[lo]) / (knotProjection[hi] - knotProjection[lo]);
        return knotPercentile[lo] + t * (knotPercentile[hi] - knotPercentile[lo]);
    }

    public List<String> features() {
        return features;
    }

    public double[] center() {
        return center.clone();
    }

    public double[] spread() {
        return spread.clone();
    }

    /** The unit, non-negative consensus weights over {@link #features()}. */
    public double[] weights() {
        return weights.clone();
    }

    public double[] knotProjection() {
        return knotProjection.clone();
    }

    public double[] knotPercentile() {
        return knotPercentile.clone();
    }
}
