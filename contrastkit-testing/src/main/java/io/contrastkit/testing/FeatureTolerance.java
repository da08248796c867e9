package io.contrastkit.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The agreement tolerances of contrast-features/v1 section 4 (a feature vector against the reference
 * script's), as one assertion shared by every module's tests. Feature names are passed in (core's
 * {@code FeatureSchema.V1.names()}), since this module sees no project module.
 */
public final class FeatureTolerance {

    /** Features the spec lets differ by 1e-5 * max(1, |b|) on lossless input. */
    public static final Set<String> LOOSE = Set.of("spectral_slope", "skewness", "kurtosis", "freq_ratio",
            "local_contrast_p99");

    private FeatureTolerance() {
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

    /**
     * Fails with every disagreeing feature named, with both values, when the vectors disagree.
     *
     * @param names the feature names, one per vector element
     * @param what what is compared, for the message
     * @param actual the measured vector
     * @param expected the reference vector
     * @param lossy whether the lossy-input tolerance applies
     */
    public static void assertAgrees(List<String> names, String what, double[] actual, double[] expected,
                                    boolean lossy) {
        if (actual.length != names.size() || expected.length != names.size()) {
            throw new AssertionError(what + ": " + names.size() + " features named, " + actual.length
                    + " measured, " + expected.length + " expected");
        }
        List<String> bad = new ArrayList<>();
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
