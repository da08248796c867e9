package io.contrastkit.learn.validate;

import java.util.Arrays;
import java.util.List;

/**
 * A closed interval {@code [lo, hi]}, e.g. a bootstrap percentile interval; both ends are {@code NaN} when
 * it could not be computed (no resamples, or none gave a defined value).
 */
public record Interval(double lo, double hi) {

    /** The interval of nothing: both ends NaN. */
    public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

    public Interval {
        if (Double.isNaN(lo) != Double.isNaN(hi)) {
            throw new IllegalArgumentException("interval ends must both be NaN or both be numbers, got [" + lo + ", " + hi + "]");
        }
        if (lo > hi) {
            throw new IllegalArgumentException("interval lo " + lo + " exceeds hi " + hi);
        }
    }

    /** Whether both ends are numbers. */
    public boolean isDefined() {
        return !Double.isNaN(lo);
    }

    /** Whether {@code value} lies in the interval (false when undefined). */
    public boolean contains(double value) {
        return value >= lo && value <= hi;
    }

    /** {@code hi - lo}. */
    public double width() {
        return hi - lo;
    }

    /** {@code [lo, hi]} as an immutable list, the JSON form. */
    public List<Double> toList() {
        return List.of(lo, hi);
    }

    /**
     * The central {@code confidence} percentile interval of {@code values}, with numpy's default linear
     * interpolation between order statistics; NaN values are ignored. {@code values} is not modified.
     */
    public static Interval percentile(double[] values, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return UNDEFINED;
        }
        double tail = (1 - confidence) / 2;
        return new Interval(quantile(sorted, tail), quantile(sorted, 1 - tail));
    }

    /** Linear-interpolation quantile of an ascending array (numpy's default method). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }
}
