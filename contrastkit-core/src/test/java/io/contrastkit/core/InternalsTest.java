package io.contrastkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.decode.ImageDecoder;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/** The fast paths agree with their plain definitions. */
class InternalsTest {

    @Test
    void percentilesEqualNumpyTypeSevenOnSortedCopies() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(3000);
            double[] a = new double[n];
            int levels = 1 + rnd.nextInt(trial % 3 == 0 ? 5 : 100000); // ties-heavy every third trial
            for (int i = 0; i < n; i++) {
                a[i] = rnd.nextInt(levels) * (trial % 2 == 0 ? 1e-3 : 1.7) + (trial % 5 == 0 ? 1e6 : 0);
            }
            double[] copy = a.clone();
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            for (double q : new double[] {0, 1, 37.5, 50, 99, 100}) {
                double v = q / 100 * (n - 1);
                int k = (int) Math.floor(v);
                double expected = Percentiles.lerp(sorted[k], sorted[Math.min(k + 1, n - 1)], v - k);
                assertThat(Percentiles.of(a, q)).as("n=%d q=%s", n, q).isEqualTo(expected);
            }
            double[] two = Percentiles.two(a, 1, 99);
            assertThat(two[0]).isEqualTo(Percentiles.of(a, 1));
            assertThat(two[1]).isEqualTo(Percentiles.of(a, 99));
            assertThat(a).as("input untouched").containsExactly(copy);
        }
    }

    @Test
    void fastCubeRootIsWithinOneUlpOfMathCbrt() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 1_000_000; i++) {
            double x = 0.008856 + rnd.nextDouble() * 1.2; // the range CIELAB feeds it
            assertCubeRoot(x);
        }
        // Every bin of the table at both ends and the middle, and the iterative fallback outside it.
        for (double lo = 0x1p-8; lo < 2; lo += lo / 64) {
            assertCubeRoot(lo);
            assertCubeRoot(Math.nextDown(lo));
            assertCubeRoot(lo * (1 + 1.0 / 128));
        }
        for (double x : new double[] {1e-300, 1e-9, 0.001, 0x1p-8, 2, 3.5, 1e6, 1e300}) {
            assertCubeRoot(x);
        }
        for (int i = 0; i < 100_000; i++) {
            assertCubeRoot(Math.exp(rnd.nextDouble(-690, 690)));
        }
    }

    @Test
    void divideIsExactlyDivision() {
        SplittableRandom rnd = new SplittableRandom(14);
        for (int k = 1; k <= 101; k++) {
            double d = k;
            double inv = 1.0 / k;
            for (int i = 0; i < 20_000; i++) {
                // the box filter's updates: differences of values and of squares in [0, 1], all magnitudes
                double x = (rnd.nextDouble() - rnd.nextDouble()) * Math.pow(2, -rnd.nextInt(60));
                assertThat(BoxFilter.divide(x, d, inv)).as("%s / %s", x, k).isEqualTo(x / d);
            }
        }
    }

    @Test
    void fusedLocalContrastMapIsTheTwoBoxMeansBitForBit() {
        SplittableRandom rnd = new SplittableRandom(15);
        int[][] sizes = {{61, 47}, {5, 300}, {2, 3}, {128, 128}};
        for (int[] hw : sizes) {
            int h = hw[0];
            int w = hw[1];
            double[] y = new double[h * w];
            for (int i = 0; i < y.length; i++) {
                // flat patches next to bright ones: where the map is a square root of rounding noise
                y[i] = (i / 7) % 3 == 0 ? 0.3 : rnd.nextDouble() < 0.1 ? 1.0 : rnd.nextDouble() * 0.01;
            }
            for (int k : new int[] {3, 11}) {
                double[] y2 = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    y2[i] = y[i] * y[i];
                }
                double[] mu = BoxFilter.mean(y, h, w, k);
                double[] mu2 = BoxFilter.mean(y2, h, w, k);
                double[] expected = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    expected[i] = Math.sqrt(Math.max(mu2[i] - mu[i] * mu[i], 0.0)) / (mu[i] + 1e-3);
                }
                double[] lc = new double[y.length];
                int[] counts = new int[Percentiles.LOG_BUCKETS];
                BoxFilter.localContrast(y, h, w, k, 1e-3, lc, new double[5], counts);
                assertSame(h + "x" + w + " window " + k, lc, expected);
                assertThat(Arrays.stream(counts).sum()).isEqualTo(y.length);
            }
        }
    }

    @Test
    void logBucketsGrowWithTheValue() {
        double previous = 0;
        int bucket = Percentiles.logBucketOf(0);
        assertThat(bucket).isZero();
        SplittableRandom rnd = new SplittableRandom(16);
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(rnd.nextDouble(-40, 40));
        }
        Arrays.sort(values);
        for (double v : values) {
            int b = Percentiles.logBucketOf(v);
            assertThat(b).as("bucket of %s after %s", v, previous).isGreaterThanOrEqualTo(bucket)
                    .isLessThan(Percentiles.LOG_BUCKETS);
            bucket = b;
            previous = v;
        }
        assertThat(Percentiles.logBucketOf(1e300)).isEqualTo(Percentiles.LOG_BUCKETS - 1);
    }

    @Test
    void percentilesFromEitherHistogramAreTheSortedOrderStatistics() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int round = 0; round < 20; round++) {
            int n = 1 + rnd.nextInt(5000);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                // ties (a few repeated values) and a long tail, as local contrast has
                a[i] = rnd.nextDouble() < 0.3 ? 0.25 : Math.exp(rnd.nextDouble(-12, 3)) / 20;
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int[] ranks = {n / 100, Math.min(n / 100 + 1, n - 1), 99 * (n - 1) / 100, n - 1};
            int[] log = new int[Percentiles.LOG_BUCKETS];
            int[] linear = new int[Percentiles.BUCKETS];
            double scale = Percentiles.BUCKETS / (sorted[n - 1] - sorted[0]);
            for (double v : a) {
                log[Percentiles.logBucketOf(v)]++;
                linear[Percentiles.bucketOf(v, sorted[0], scale, Percentiles.BUCKETS)]++;
            }
            double[] fromLog = new double[ranks.length];
            double[] fromLinear = new double[ranks.length];
            Percentiles.fromCounts(a.clone(), n, log, 0, Double.NaN, ranks, fromLog);
            Percentiles.fromCounts(a.clone(), n, linear, sorted[0], scale, ranks, fromLinear);
            for (int r = 0; r < ranks.length; r++) {
                assertThat(fromLog[r]).as("rank %s of %s (log buckets)", ranks[r], n).isEqualTo(sorted[ranks[r]]);
                assertThat(fromLinear[r]).as("rank %s of %s (linear buckets)", ranks[r], n).isEqualTo(sorted[ranks[r]]);
            }
        }
    }

    private static void assertCubeRoot(double x) {
        double exact = Math.cbrt(x);
        assertThat(Math.abs(Colour.cbrt(x) - exact)).as("cbrt(%s)", x).isLessThanOrEqualTo(Math.ulp(exact));
    }

    @Test
    void streamingJpegDecodeEqualsDecodingTheWholeRasterAfterwards() throws Exception {
        for (String name : new String[] {"retina.jpg", "rocket.jpg", "hubble_deep_field.jpg"}) {
            for (int maxSide : new int[] {512, 128, 0}) {
                ImageDecoder decoder = new ImageDecoder(ExtractionOptions.defaults().withMaxSide(maxSide));
                byte[] bytes = Files.readAllBytes(Fixtures.image(name));
                LinearImage streamed = decoder.decode(bytes);
                LinearImage whole = decoder.fromBufferedImage(readRaw(bytes));
                assertThat(streamed.width()).isEqualTo(whole.width());
                String what = name + " at maxSide " + maxSide;
                assertSame(what + " red", streamed.copyRed(), whole.copyRed());
                assertSame(what + " green", streamed.copyGreen(), whole.copyGreen());
                assertSame(what + " blue", streamed.copyBlue(), whole.copyBlue());
                assertThat(streamed.clippedFraction()).isEqualTo(whole.clippedFraction());
            }
        }
    }

    /** Bit-equality with the first difference named (AssertJ's array diff is quadratic on 1M values). */
    private static void assertSame(String what, double[] a, double[] b) {
        int i = Arrays.mismatch(a, b);
        if (i >= 0) {
            throw new AssertionError(what + ": first difference at " + i + " of " + a.length + ": "
                    + (i < a.length ? a[i] : "end") + " vs " + (i < b.length ? b[i] : "end"));
        }
    }

    private static BufferedImage readRaw(byte[] bytes) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            ImageReadParam p = reader.getDefaultReadParam();
            p.setDestinationType(reader.getRawImageType(0));
            return reader.read(0, p);
        }
    }

    @Test
    void fusedResamplingEqualsTheTwoStepPathToRounding() throws Exception {
        // The fused 8-bit path sums a cell's interior before weighting; the generic path weights
        // each pixel. Same image through both (a copy with an int raster takes the generic path).
        BufferedImage src = ImageIO.read(Fixtures.image("astronaut.png").toFile());
        BufferedImage generic = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        generic.getGraphics().drawImage(src, 0, 0, null);
        ImageDecoder d = new ImageDecoder(ExtractionOptions.defaults().withMaxSide(100));
        LinearImage a = d.fromBufferedImage(src);
        LinearImage b = d.fromBufferedImage(generic);
        double[] ra = a.copyRed();
        double[] rb = b.copyRed();
        for (int i = 0; i < ra.length; i++) {
            assertThat(ra[i]).isCloseTo(rb[i], org.assertj.core.data.Offset.offset(1e-14));
        }
        assertThat(a.clippedFraction()).isEqualTo(b.clippedFraction());
    }
}
