package io.contrastkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Features pinned on tiny synthetic images whose values can be worked out by hand. */
class SyntheticFeaturesTest {

    private static final double EPS = 1e-8;
    private final ContrastFeatureExtractor extractor = new ContrastFeatureExtractor();

    static LinearImage grayImage(int w, int h, double[] y) {
        return LinearImage.ofLinearRgb(w, h, y, y, y, 0);
    }

    @Test
    void constantImage() {
        double[] y = new double[8 * 6];
        java.util.Arrays.fill(y, 0.25);
        FeatureVector v = extractor.extract(grayImage(8, 6, y));
        // R=G=B=0.25 gives Y = 0.25 * (sum of the Y row) = 0.25 * 1.0000001.
        double yy = 0.25 * (0.2126729 + 0.7151522 + 0.0721750);
        assertThat(v.get("mean")).isCloseTo(yy, offset(1e-15));
        // std is rounding noise (~1e-16), under the spec's 1e-10 flatness threshold.
        assertThat(v.get("std")).isCloseTo(0, offset(1e-14));
        assertThat(v.get("c_rms")).isCloseTo(0, offset(1e-13));
        assertThat(v.get("u_dr")).isZero();
        assertThat(v.get("michelson")).isZero();
        assertThat(v.get("entropy")).isZero();
        assertThat(v.get("skewness")).isZero();
        assertThat(v.get("kurtosis")).isZero();
        for (String f : new String[] {"low_freq_energy", "high_freq_energy", "freq_ratio", "spectral_slope"}) {
            assertThat(v.get(f)).as(f).isZero();
        }
        assertThat(v.get("mean_local_contrast")).isCloseTo(0, offset(1e-6));
        assertThat(v.get("luminance_contrast")).isCloseTo(0, offset(1e-12));
        assertThat(v.get("hue_diversity")).isZero();
    }

    @Test
    void twoLevelStep() {
        // Left half 0.1, right half 0.6 (linear gray), 16 x 4: half the pixels at each level.
        int w = 16;
        int h = 4;
        double lo = 0.1;
        double hi = 0.6;
        double[] y = new double[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                y[r * w + c] = c < w / 2 ? lo : hi;
            }
        }
        FeatureVector v = extractor.extract(grayImage(w, h, y));
        double k = 0.2126729 + 0.7151522 + 0.0721750;
        double yl = lo * k;
        double yh = hi * k;
        double mean = (yl + yh) / 2;
        double std = (yh - yl) / 2;
        assertThat(v.get("mean")).isCloseTo(mean, offset(1e-15));
        assertThat(v.get("std")).isCloseTo(std, offset(1e-15));
        assertThat(v.get("c_rms")).isCloseTo(std / (mean + EPS), offset(1e-12));
        // With 64 samples, the 1st percentile sits among the low half and the 99th among the high half.
        assertThat(v.get("u_dr")).isCloseTo(yh - yl, offset(1e-15));
        assertThat(v.get("michelson")).isCloseTo((yh - yl) / (yh + yl + EPS), offset(1e-12));
        assertThat(v.get("entropy")).isCloseTo(1.0, offset(1e-15)); // two equally full bins
        assertThat(v.get("skewness")).isCloseTo(0, offset(1e-12)); // symmetric
        assertThat(v.get("kurtosis")).isCloseTo(-2, offset(1e-12)); // two-point distribution
        assertThat(v.get("clipped_fraction")).isZero();
    }

    @Test
    void horizontalSinusoidPutsItsPowerAtItsFrequency() {
        // 64 x 64, 8 cycles across: all power at fx = 1/8, i.e. rn = 0.25 (neither low nor high),
        // spread a little by the Hann window.
        int n = 64;
        double[] y = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                y[r * n + c] = 0.5 + 0.25 * Math.sin(2 * Math.PI * 8 * c / n);
            }
        }
        FeatureVector v = extractor.extract(grayImage(n, n, y));
        assertThat(v.get("low_freq_energy")).isLessThan(1e-3);
        assertThat(v.get("high_freq_energy")).isLessThan(1e-6);
        // Mean is 0.5*k and std 0.25*k/sqrt(2) exactly over whole periods.
        double k = 0.2126729 + 0.7151522 + 0.0721750;
        assertThat(v.get("mean")).isCloseTo(0.5 * k, offset(1e-12));
        assertThat(v.get("std")).isCloseTo(0.25 * k / Math.sqrt(2), offset(1e-12));
        assertThat(v.get("skewness")).isCloseTo(0, offset(1e-9));
        assertThat(v.get("kurtosis")).isCloseTo(-1.5, offset(1e-9)); // a sine's kurtosis
    }

    @Test
    void fineSinusoidIsHighFrequency() {
        // Period 2.5 pixels: fx = 0.4, rn = 0.8 > 0.5.
        int n = 40;
        double[] y = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                y[r * n + c] = 0.5 + 0.2 * Math.cos(2 * Math.PI * 0.4 * c);
            }
        }
        FeatureVector v = extractor.extract(grayImage(n, n, y));
        assertThat(v.get("high_freq_energy")).isGreaterThan(0.99);
        assertThat(v.get("freq_ratio")).isCloseTo(v.get("high_freq_energy") / (v.get("low_freq_energy") + EPS),
                offset(1e-9 * v.get("freq_ratio")));
        assertThat(v.get("freq_ratio")).isGreaterThan(1e3);
    }

    @Test
    void localContrastOfAStepHandComputed() {
        // A 1 x 3 window (k=3) over a row 0.2 0.2 0.8 0.8 with mirrored borders: the window at
        // index 1 covers 0.2 0.2 0.8, mean 0.4, mean of squares 0.24, variance 0.08.
        ContrastFeatureExtractor k3 = new ContrastFeatureExtractor(ExtractionOptions.defaults().withWindow(3));
        double a = 0.2;
        double b = 0.8;
        double[] lin = {a, a, b, b};
        // Replicate to 3 rows so the vertical window sees the same row (mirror of a constant column).
        double[] img = new double[12];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(lin, 0, img, r * 4, 4);
        }
        // Work in Y directly: divide by the Y row sum so Y equals the values above.
        double k = 0.2126729 + 0.7151522 + 0.0721750;
        double[] scaled = java.util.Arrays.stream(img).map(x -> x / k).toArray();
        FeatureVector v = k3.extract(grayImage(4, 3, scaled));
        double lc1 = Math.sqrt((a * a * 2 + b * b) / 3 - Math.pow((2 * a + b) / 3, 2)) / ((2 * a + b) / 3 + 1e-3);
        double lc2 = Math.sqrt((a * a + 2 * b * b) / 3 - Math.pow((a + 2 * b) / 3, 2)) / ((a + 2 * b) / 3 + 1e-3);
        // Index 0 sees a a a (mirror), index 3 sees b b b: zero contrast.
        double expectedMean = (0 + lc1 + lc2 + 0) / 4;
        assertThat(v.get("mean_local_contrast")).isCloseTo(expectedMean, offset(1e-9));
        double expectedStd = Math.sqrt((Math.pow(expectedMean, 2) * 2 + Math.pow(lc1 - expectedMean, 2)
                + Math.pow(lc2 - expectedMean, 2)) / 4);
        assertThat(v.get("std_local_contrast")).isCloseTo(expectedStd, offset(1e-9));
        // Sorted LC over the 12 pixels: 0 x6, then lc2 x3 and lc1 x3 (lc1 > lc2: darker mean).
        // The 99th percentile sits at position 0.99 * 11 = 10.89, between two lc1 values.
        assertThat(lc1).isGreaterThan(lc2);
        assertThat(v.get("local_contrast_p99")).isCloseTo(lc1, offset(1e-9));
    }

    @Test
    void luminanceContrastOfATwoLevelStepFromTheLabFormula() {
        int w = 10;
        double lo = 0.05;
        double hi = 0.5;
        double[] y = new double[w];
        for (int i = 0; i < w; i++) {
            y[i] = i < w / 2 ? lo : hi;
        }
        FeatureVector v = extractor.extract(grayImage(w, 1, y));
        double k = 0.2126729 + 0.7151522 + 0.0721750;
        // Both levels are above (6/29)^3, so L = 116 * cbrt(Y) - 16.
        double l1 = 116 * Math.cbrt(lo * k) - 16;
        double l2 = 116 * Math.cbrt(hi * k) - 16;
        double meanL = (l1 + l2) / 2;
        double stdL = (l2 - l1) / 2;
        assertThat(v.get("luminance_contrast")).isCloseTo(stdL / (meanL + EPS), offset(1e-9));
    }

    @Test
    void spectralSlopeSeparatesWhiteFromSmoothNoise() {
        // White noise has a flat spectrum (slope ~ 0); its running sum along both axes ("brown"
        // noise) falls off as 1/f^2 in power (slope ~ -2). Properties, not exact values: the
        // golden tests pin the exact numbers.
        int n = 128;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        double[] white = new double[n * n];
        for (int i = 0; i < white.length; i++) {
            white[i] = 0.5 + 0.1 * rnd.nextGaussian();
        }
        double[] brown = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double left = c > 0 ? brown[r * n + c - 1] : 0;
                double up = r > 0 ? brown[(r - 1) * n + c] : 0;
                double diag = r > 0 && c > 0 ? brown[(r - 1) * n + c - 1] : 0;
                brown[r * n + c] = left + up - diag + rnd.nextGaussian();
            }
        }
        double min = java.util.Arrays.stream(brown).min().orElseThrow();
        double max = java.util.Arrays.stream(brown).max().orElseThrow();
        for (int i = 0; i < brown.length; i++) {
            brown[i] = 0.1 + 0.8 * (brown[i] - min) / (max - min);
        }
        double whiteSlope = extractor.extract(grayImage(n, n, white)).get("spectral_slope");
        double brownSlope = extractor.extract(grayImage(n, n, brown)).get("spectral_slope");
        assertThat(whiteSlope).isCloseTo(0, offset(0.3));
        assertThat(brownSlope).isLessThan(-1.5);
    }

    @Test
    void saturatedColourHasChromaAndOneHue() {
        int n = 4;
        double[] r = new double[n * n];
        double[] g = new double[n * n];
        double[] b = new double[n * n];
        java.util.Arrays.fill(r, 0.8);
        java.util.Arrays.fill(g, 0.05);
        java.util.Arrays.fill(b, 0.05);
        FeatureVector v = extractor.extract(LinearImage.ofLinearRgb(n, n, r, g, b, 0));
        // CIELAB by hand from the spec's matrix and white point.
        double x = (0.4124564 * 0.8 + 0.3575761 * 0.05 + 0.1804375 * 0.05) / 0.95047;
        double yy = 0.2126729 * 0.8 + 0.7151522 * 0.05 + 0.0721750 * 0.05;
        double z = (0.0193339 * 0.8 + 0.1191920 * 0.05 + 0.9503041 * 0.05) / 1.08883;
        double a = 500 * (Math.cbrt(x) - Math.cbrt(yy));
        double bb = 200 * (Math.cbrt(yy) - Math.cbrt(z));
        assertThat(v.get("chroma_mean")).isCloseTo(Math.hypot(a, bb), offset(1e-9));
        assertThat(v.get("hue_diversity")).isCloseTo(0, offset(1e-12)); // a single hue
        assertThat(v.get("chroma_contrast")).isCloseTo(0, offset(1e-9)); // uniform chroma
    }

    @Test
    void complementaryHuesAreMaximallyDiverse() {
        // Half the pixels red-ish, half cyan-ish with equal chroma: the mean hue vector nearly cancels.
        int w = 8;
        double[] r = new double[w];
        double[] g = new double[w];
        double[] b = new double[w];
        for (int i = 0; i < w; i++) {
            boolean red = i % 2 == 0;
            r[i] = red ? 0.6 : 0.1;
            g[i] = red ? 0.1 : 0.35;
            b[i] = red ? 0.1 : 0.35;
        }
        FeatureVector v = extractor.extract(LinearImage.ofLinearRgb(w, 1, r, g, b, 0));
        assertThat(v.get("hue_diversity")).isGreaterThan(0.5);
    }
}
