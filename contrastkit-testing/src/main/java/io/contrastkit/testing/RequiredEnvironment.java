package io.contrastkit.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The "skip, or fail in CI" check for environment-bound tests (a browser, native libraries): outside
 * CI a missing prerequisite skips the test with a reason a person can act on; with {@code CI=true}
 * (set by {@code .ci/run}) it fails, so CI never passes by skipping.
 */
public final class RequiredEnvironment {

    private RequiredEnvironment() {
    }

    /** Whether the environment variable {@code CI} is {@code true}. */
    public static boolean inCi() {
        return "true".equals(System.getenv("CI"));
    }

    /**
     * Skips the current test (or class, from {@code @BeforeAll}) when {@code present} is false, saying
     * {@code reason}; under CI it fails instead.
     */
    public static void assumePresent(boolean present, String reason) {
        if (present) {
            return;
        }
        if (inCi()) {
            Assertions.fail(reason + "; CI=true requires it");
        }
        Assumptions.abort(reason);
    }

    /**
     * Fails under CI when {@code present} is false and does nothing elsewhere: for prerequisites whose
     * tests also run (on a fallback path) without them.
     */
    public static void requireInCi(boolean present, String reason) {
        if (!present && inCi()) {
            Assertions.fail(reason + "; CI=true requires it");
        }
    }
}
