package io.contrastkit.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.Fixtures;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import io.contrastkit.testing.FeatureTolerance;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenCV path (the {@code org.openpnp:opencv} artifact, used where the system libraries are
 * missing), forced here on a machine that may have both: same values as the other paths, the
 * reference's values on lossy WebP, and the Java path's verdict on damaged files.
 */
class OpenCvCodecsTest {

    private static final ExtractionOptions OPTIONS = ExtractionOptions.defaults();
    private static final ImageDecoder OPENCV = new ImageDecoder(OPTIONS, NativeDecoding.WHEN_INSTALLED, false);
    private static final ImageDecoder JAVA = new ImageDecoder(OPTIONS, NativeDecoding.off("native decoding not asked for"));

    @BeforeAll
    static void artifactLoads() {
        // The artifact is a plain dependency: it must load on every machine the build supports.
        assertThat(OpenCvCodecs.ERROR).as("OpenCV artifact").isNull();
    }

    private static byte[] bytes(Path p) throws Exception {
        return Files.readAllBytes(p);
    }

    @Test
    void codecsNameTheArtifactWithItsVersion() {
        assertThat(OPENCV.codecs()).isEqualTo("jpeg: Java (system libraries not asked for; not OpenCV: it hides "
                + "damage warnings); webp: opencv-imgcodecs 4.9.0; png: opencv-imgcodecs 4.9.0");
    }

    @Test
    void lossyWebpMatchesTheReferenceWithinTheLosslessTolerance() throws Exception {
        // The reference decodes with OpenCV too (its own build over the system's libwebp): the bytes
        // are the same, so the lossless tolerance holds, not only the lossy bound.
        LinearImage image = OPENCV.decode(bytes(DecodingTest.file("lossy.webp")));
        assertThat(image.decoder()).isEqualTo("opencv-imgcodecs 4.9.0");
        FeatureVector v = new ContrastFeatureExtractor().extract(image);
        FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), "lossy.webp", v.toArray(),
                DecodingTest.golden().get("lossy.webp"), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lossless.webp", "chelsea_small.png", "gray_alpha.png", "line_1x50.png"})
    void sameWorkingImageAsJava(String name) throws Exception {
        byte[] data = bytes(DecodingTest.file(name));
        LinearImage o = OPENCV.decode(data);
        LinearImage j = JAVA.decode(data);
        assertThat(o.decoder()).as(name).isEqualTo("opencv-imgcodecs 4.9.0");
        assertThat(o.clippedFraction()).isEqualTo(j.clippedFraction());
        // Lossless formats decode exactly.
        assertThat(maxDifference(o, j)).as(name).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void photosAgreeWithJava() throws Exception {
        for (Path p : new Path[] {Fixtures.image("camera.png"), Fixtures.image("coffee.png"), Fixtures.image("astronaut.png")}) {
            byte[] data = bytes(p);
            assertThat(maxDifference(OPENCV.decode(data), JAVA.decode(data))).as(p.toString()).isLessThanOrEqualTo(1e-12);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"progressive.jpg", "cmyk.jpg", "rgb16.png"})
    void jpegAndSixteenBitAreLeftToJava(String name) throws Exception {
        LinearImage o = OPENCV.decode(bytes(DecodingTest.file(name)));
        assertThat(o.decoder()).as(name).doesNotStartWith("opencv");
        assertThat(maxDifference(o, JAVA.decode(bytes(DecodingTest.file(name))))).isZero();
    }

    @Test
    void rasterIsTheDecodedPixels() throws Exception {
        byte[] data = bytes(DecodingTest.file("lossy.webp"));
        BufferedImage r = OPENCV.decodeRaster(data);
        LinearImage fromRaster = OPENCV.fromBufferedImage(r);
        assertThat(maxDifference(fromRaster, OPENCV.decode(data))).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void headerSizeIsCheckedBeforeDecoding() throws Exception {
        ImageDecoder tight = new ImageDecoder(new ExtractionOptions(512, ExtractionOptions.defaults().window(), 100), NativeDecoding.WHEN_INSTALLED, false);
        for (String name : new String[] {"lossy.webp", "lossless.webp", "chelsea_small.png"}) {
            assertThat(DecoderComparison.verdict(tight, bytes(DecodingTest.file(name)))).as(name).isEqualTo(ImageError.Kind.TOO_MANY_PIXELS);
        }
    }

    @Test
    void damagedFilesGetTheJavaVerdict() throws Exception {
        // OpenCV hides its codecs' warnings; on a damaged file it must decline (the Java verdict follows)
        // or decode what Java decodes, never give an image where Java refuses one. JPEGs stay in
        // the barrage: they failed it (cut and flipped JPEGs got an image where Java said TRUNCATED or
        // CORRUPT) until JPEG was taken off the OpenCV path.
        Path[] sources = {Fixtures.image("rocket.jpg"), DecodingTest.file("progressive.jpg"), DecodingTest.file("lossy.webp"),
                DecodingTest.file("lossless.webp"), DecodingTest.file("chelsea_small.png"), Fixtures.image("coffee.png")};
        Random rnd = new Random(2026);
        int errors = 0;
        for (Path source : sources) {
            byte[] original = bytes(source);
            for (int i = 0; i < 40; i++) {
                byte[] d = original.clone();
                switch (i % 3) {
                    case 0 -> {
                        for (int k = 0; k < 1 + rnd.nextInt(20); k++) {
                            d[16 + rnd.nextInt(d.length - 16)] ^= (byte) (1 + rnd.nextInt(255));
                        }
                    }
                    case 1 -> d = Arrays.copyOf(d, 16 + rnd.nextInt(d.length - 16));
                    default -> {
                        int from = 16 + rnd.nextInt(d.length - 16);
                        Arrays.fill(d, from, Math.min(d.length, from + 1 + rnd.nextInt(4096)), (byte) 0);
                    }
                }
                ImageError.Kind java = DecoderComparison.verdict(JAVA, d);
                assertThat(DecoderComparison.verdict(OPENCV, d)).as(source.getFileName() + " damage " + i).isEqualTo(java);
                if (java != null) {
                    errors++;
                }
            }
        }
        assertThat(errors).as("damage is noticed").isPositive();
    }

    /** The samples' largest difference, or that of the clipped fractions when it is larger. */
    private static double maxDifference(LinearImage a, LinearImage b) {
        return Math.max(DecoderComparison.maxSampleDifference(a, b),
                Math.abs(a.clippedFraction() - b.clippedFraction()));
    }
}
