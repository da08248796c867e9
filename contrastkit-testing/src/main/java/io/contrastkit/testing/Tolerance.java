package io.contrastkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** Numeric tolerance asserts for comparing with golden values. */
public final class Tolerance {

    private Tolerance() {
    }

    /** {@code |actual - expected| <= rel * max(|expected|, floor)}, so values near 0 get an absolute floor. */
    public static void assertRelClose(double actual, double expected, double rel, double floor, String what) {
        double tol = rel * Math.max(Math.abs(expected), floor);
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s expected %s (rel tol %s)", what, actual, expected, rel)
                .isLessThanOrEqualTo(tol);
    }

    /** Relative error of {@code actual} against {@code expected}, for reporting the largest one seen. */
    public static double relError(double actual, double expected) {
        return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
    }
}
