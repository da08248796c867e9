package io.contrastkit.learn.validate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agreement figures of a metric with human ratings, each with its bootstrap percentile interval
 * ({@link Interval#UNDEFINED} when no resamples were asked for).
 *
 * @param n              number of rated items
 * @param srcc           Spearman rank correlation of score and truth
 * @param krcc           Kendall tau-b of score and truth
 * @param plcc           Pearson correlation of the raw score with truth
 * @param plccLogistic   Pearson correlation of the logistic-mapped score with truth
 * @param rmseLogistic   RMSE of the logistic-mapped score against truth, in truth's units
 * @param logistic       the fitted logistic (score to truth scale)
 * @param resamples      bootstrap resamples behind the intervals
 * @param seed           seed of the resampling
 * @param confidence     coverage of the intervals
 */
public record AgreementResult(
        int n,
        double srcc, Interval srccCi,
        double krcc, Interval krccCi,
        double plcc, Interval plccCi,
        double plccLogistic, Interval plccLogisticCi,
        double rmseLogistic, Interval rmseLogisticCi,
        Logistic5 logistic, int resamples, long seed, double confidence) {

    public AgreementResult {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        for (Interval ci : new Interval[] {srccCi, krccCi, plccCi, plccLogisticCi, rmseLogisticCi}) {
            if (ci == null) {
                throw new IllegalArgumentException("intervals must not be null (use Interval.UNDEFINED)");
            }
        }
        if (logistic == null) {
            throw new IllegalArgumentException("logistic must not be null");
        }
    }

    /**
     * The JSON form, in a fixed order: {@code n, srcc, krcc, plcc, plcc_logistic, rmse_logistic}, each figure
     * followed by its interval as {@code <key>_ci = [lo, hi]} when intervals were computed. Unmodifiable.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        put(m, "srcc", srcc, srccCi);
        put(m, "krcc", krcc, krccCi);
        put(m, "plcc", plcc, plccCi);
        put(m, "plcc_logistic", plccLogistic, plccLogisticCi);
        put(m, "rmse_logistic", rmseLogistic, rmseLogisticCi);
        return Collections.unmodifiableMap(m);
    }

    private void put(Map<String, Object> m, String key, double value, Interval ci) {
        m.put(key, value);
        if (resamples > 0) {
            m.put(key + "_ci", ci.toList());
        }
    }
}
