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
