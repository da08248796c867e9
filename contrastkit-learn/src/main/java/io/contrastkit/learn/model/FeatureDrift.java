package io.contrastkit.learn.model;

import java.util.Arrays;

/**
 * How far served images' features have moved from a model's training distribution: the population stability
 * index (PSI) per feature, over ten bins at the deciles of the training rows the model carries (its anomaly
 * reference, a seeded sample of the training rows, in the scaled space). PSI = sum over bins of
 * {@code (served - training) * ln(served / training)} with shares floored at {@link #FLOOR}; by the usual
 * reading, under 0.1 is stable, 0.1 to 0.25 a moderate shift, over 0.25 a large one.
 */
public final class FeatureDrift {

    /** Bins per feature. */
    public static final int BINS = 10;
    /** The least share a bin counts with, so an empty bin gives a large but finite term. */
    public static final double FLOOR = 1e-4;

    private final ContrastModel model;
    /** Per feature, the BINS - 1 inner edges (scaled space). */
    private final double[][] edges;
    /** Per feature, the training rows' share in each bin. */
    private final double[][] expected;

    private FeatureDrift(ContrastModel model, double[][] edges, double[][] expected) {
        this.model = model;
        this.edges = edges;
        this.expected = expected;
    }

    /** The training bins of a model, derived from the training rows it carries. */
    public static FeatureDrift of(ContrastModel model) {
        double[][] reference = model.anomaly().reference();
        int d = model.schema().size();
        int n = reference.length;
        double[][] edges = new double[d][BINS - 1];
        double[][] expected = new double[d][];
        for (int j = 0; j < d; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = reference[i][j];
            }
            Arrays.sort(column);
            for (int b = 1; b < BINS; b++) {
                edges[j][b - 1] = Vectors.quantileSorted(column, b / (double) BINS);
            }
            expected[j] = shares(column, edges[j]);
        }
        return new FeatureDrift(model, edges, expected);
    }

    /** PSI per feature (schema order) of raw feature rows against the training bins; NaN each when rows is empty. */
    public double[] psi(double[][] rows) {
        int d = edges.length;
        double[] out = new double[d];
        if (rows.length == 0) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        double[][] scaled = model.scaler().transform(rows);
        double[] column = new double[rows.length];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < rows.length; i++) {
                column[i] = scaled[i][j];
            }
            out[j] = psi(expected[j], shares(column, edges[j]));
        }
        return out;
    }

    /** PSI of two bin shares (each summing to 1). */
    static double psi(double[] expected, double[] actual) {
        double s = 0;
        for (int b = 0; b < expected.length; b++) {
            double e = Math.max(expected[b], FLOOR);
            double a = Math.max(actual[b], FLOOR);
            s += (a - e) * Math.log(a / e);
        }
        return s;
    }

    /** Shares of values per bin: bin b holds values in (edge[b-1], edge[b]]; ties at an edge go to the lower bin. */
    static double[] shares(double[] values, double[] innerEdges) {
        double[] counts = new double[innerEdges.length + 1];
        for (double v : values) {
            int b = 0;
            while (b < innerEdges.length && v > innerEdges[b]) {
                b++;
            }
            counts[b]++;
        }
        for (int b = 0; b < counts.length; b++) {
            counts[b] /= values.length;
        }
        return counts;
    }
}
