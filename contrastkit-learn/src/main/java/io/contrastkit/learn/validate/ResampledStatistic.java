package io.contrastkit.learn.validate;

import java.util.Arrays;
import java.util.Locale;

/**
 * A statistic computed on each of several resamples or refits: the values, their mean and a percentile interval.
 *
 * @param values   one value per resample, in resample order (a copy is returned)
 * @param mean     mean of the values, NaN when there are none
 * @param interval central percentile interval of the values
 */
public record ResampledStatistic(double[] values, double mean, Interval interval) {

    public ResampledStatistic {
        if (values == null || interval == null) {
            throw new IllegalArgumentException("values and interval must not be null");
        }
        values = values.clone();
    }

    /** Summarises {@code values} by their mean and central {@code confidence} percentile interval. */
    public static ResampledStatistic of(double[] values, double confidence) {
        double mean = values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
        Interval interval = values.length == 0 ? Interval.UNDEFINED : Interval.percentile(values, confidence);
        return new ResampledStatistic(values, mean, interval);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** Number of values. */
    public int count() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResampledStatistic r && Arrays.equals(values, r.values)
                && Double.compare(mean, r.mean) == 0 && interval.equals(r.interval);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + interval.hashCode();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "mean %.4f [%.4f, %.4f] over %d", mean, interval.lo(), interval.hi(), values.length);
    }
}
