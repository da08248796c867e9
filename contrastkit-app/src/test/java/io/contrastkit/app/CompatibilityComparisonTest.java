package io.contrastkit.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The comparison {@link CompatibilityTest} applies to 0.1.0's outputs: exact text, decimals within a bound. */
class CompatibilityComparisonTest {

    private static final String LINE =
            "{\"path\":\"@ROOT@/images/camera.png\",\"n\":3,\"mean_local_contrast\":0.274279872090479}";

    @Test
    void lastDigitRoundingPasses() {
        assertTrue(CompatibilityTest.sameUpToRounding(LINE, LINE.replace("0.274279872090479", "0.274279872089986")));
        assertTrue(CompatibilityTest.sameUpToRounding("x 4.891734135397636E-6", "x 4.891734134118092E-6"));
    }

    @Test
    void aFeatureMovedByOneMillionthFails() {
        assertFalse(CompatibilityTest.sameUpToRounding(LINE, LINE.replace("0.274279872090479", "0.274280872090479")));
        assertFalse(CompatibilityTest.sameUpToRounding("x 1.0E-5", "x 1.1E-5"));
        assertThrows(AssertionError.class, () -> CompatibilityTest.assertSameText(LINE,
                LINE.replace("0.274279872090479", "0.274280872090479"), "a moved feature"));
    }

    @Test
    void integersAndTextStayExact() {
        assertFalse(CompatibilityTest.sameUpToRounding(LINE, LINE.replace("\"n\":3", "\"n\":4")));
        assertFalse(CompatibilityTest.sameUpToRounding(LINE, LINE.replace("camera", "camero")));
        assertFalse(CompatibilityTest.sameUpToRounding(LINE, LINE.replace("0.274279872090479", "2.74279872090479E-1x")));
        assertFalse(CompatibilityTest.sameUpToRounding("1 2", "1 2 3"));
    }
}
