package io.contrastkit.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The agreement tolerances of spec section 4, as one assertion shared by every module's tests. */
public final class FeatureAssert {

    /** Features the spec lets differ by 1e-5 * max(1, |b|) on lossless input. */
    public static final Set<String> LOOSE = Set.of("spectral_slope", "skewness", "kurtosis", "freq_ratio",
            "local_contrast_p99");

    private FeatureAssert() {
    }

    /** Whether {@code actual} agrees with the reference value {@code expected} for this feature. */
    public static boolean agrees(String feature, double actual, double expected, boolean lossy) {
        if (!Double.isFinite(actual)) {
            return false;
        }
        double diff = Math.abs(actual - expected);
        if (lossy) {
            return diff <= 1e-2 * Math.max(1, Math.abs(expected));
        }
        if (LOOSE.contains(feature)) {
            return diff <= 1e-5 * Math.max(1, Math.abs(expected));
        }
        return diff <= 1e-6 + 1e-6 * Math.abs(expected);
    }

    /** Fails with every disagreeing feature named, with both values, when the vectors disagree. */
    public static void assertAgrees(String what, double[] actual, double[] expected, boolean lossy) {
        List<String> bad = new ArrayList<>();
        List<String> names = FeatureSchema.V1.names();
        for (int i = 0; i < names.size(); i++) {
            if (!agrees(names.get(i), actual[i], expected[i], lossy)) {
                bad.add(names.get(i) + ": got " + actual[i] + ", reference " + expected[i]);
            }
        }
        if (!bad.isEmpty()) {
            throw new AssertionError(what + " disagrees with the reference (" + (lossy ? "lossy" : "lossless")
                    + " tolerance) on " + bad.size() + " feature(s):\n  " + String.join("\n  ", bad));
        }
    }
}
