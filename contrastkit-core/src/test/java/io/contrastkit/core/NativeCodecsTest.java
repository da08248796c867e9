package io.contrastkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native decoders (system libjpeg-turbo and libwebp through JNA) against the Java ones: the same
 * working image to within a code's rounding, the same features within spec section 4, and the same
 * errors, because anything the native side declines is decided by the Java path.
 *
 * <p>Under CI ({@code CI=true}; .ci/run installs libturbojpeg0 and libwebp7) the libraries must be
 * present, so these tests cannot silently skip there.
 */
class NativeCodecsTest {

    private static final ExtractionOptions OPTIONS = ExtractionOptions.defaults();
    private static final ImageDecoder NATIVE = new ImageDecoder(OPTIONS, true);
    private static final ImageDecoder JAVA = new ImageDecoder(OPTIONS, false);

    @BeforeAll
    static void librariesPresentUnderCi() {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(NativeCodecs.hasJpeg() && NativeCodecs.hasWebp())
                    .as("CI installs libturbojpeg0 and libwebp7: %s", NativeCodecs.describe()).isTrue();
        }
    }

    private static Path decodingFile(String name) {
        return DecodingTest.file(name);
    }

    /** The largest difference between two working images' linear samples, or +inf when sizes differ. */
    private static double maxDifference(LinearImage a, LinearImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        double[][] pa = {a.copyRed(), a.copyGreen(), a.copyBlue()};
        double[][] pb = {b.copyRed(), b.copyGreen(), b.copyBlue()};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < pa[c].length; i++) {
                max = Math.max(max, Math.abs(pa[c][i] - pb[c][i]));
            }
        }
        return max;
    }

    @ParameterizedTest
    @ValueSource(strings = {"progressive.jpg", "lossless.webp", "lossy.webp", "cmyk.jpg"})
    void nativeAndJavaGiveTheSameWorkingImage(String name) throws Exception {
        byte[] data = Files.readAllBytes(decodingFile(name));
        LinearImage n = NATIVE.decode(data);
        LinearImage j = JAVA.decode(data);
        assertThat(n.sourceWidth()).isEqualTo(j.sourceWidth());
        assertThat(n.sourceHeight()).isEqualTo(j.sourceHeight());
        assertThat(n.format()).isEqualTo(j.format());
        assertThat(n.clippedFraction()).isCloseTo(j.clippedFraction(), org.assertj.core.data.Offset.offset(1e-3));
        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor();
        FeatureAssert.assertAgrees(name, extractor.extract(n).toArray(), extractor.extract(j).toArray(), true);
        if (!name.equals("lossy.webp")) {
            // Lossless decoding is exact; libjpeg-turbo is bit-exact with the JDK's libjpeg; CMYK
            // is declined by the native side, so both are the Java decode.
            assertThat(maxDifference(n, j)).as(name).isLessThanOrEqualTo(1e-12);
        }
    }

    @Test
    void lossyWebpMatchesTheReferenceAsClosely() throws Exception {
        assumeTrue(NativeCodecs.hasWebp(), NativeCodecs.describe());
        // TwelveMonkeys' VP8 decoder is its own implementation and upsamples chroma differently
        // (a working pixel moves by up to 0.06); the reference reads WebP with libwebp, like the
        // native path, which therefore meets the lossless tolerance, not only the lossy one.
        double[] golden = DecodingTest.golden().get("lossy.webp");
        FeatureVector v = new ContrastFeatureExtractor().extract(NATIVE.decode(Files.readAllBytes(decodingFile("lossy.webp"))));
        FeatureAssert.assertAgrees("lossy.webp", v.toArray(), golden, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"retina.jpg", "rocket.jpg", "hubble_deep_field.jpg"})
    void baselineJpegsDecodeIdentically(String name) throws Exception {
        assumeTrue(NativeCodecs.hasJpeg(), NativeCodecs.describe());
        // libjpeg-turbo's accurate IDCT and fancy upsampling are bit-exact with the JDK's libjpeg 6b.
        byte[] data = Files.readAllBytes(Fixtures.image(name));
        for (int maxSide : new int[] {512, 128, 0}) {
            ExtractionOptions o = OPTIONS.withMaxSide(maxSide);
            LinearImage n = new ImageDecoder(o, true).decode(data);
            LinearImage j = new ImageDecoder(o, false).decode(data);
            assertThat(maxDifference(n, j)).as(name + " at maxSide " + maxSide).isLessThanOrEqualTo(1e-12);
            assertThat(n.clippedFraction()).isEqualTo(j.clippedFraction());
        }
    }

    @Test
    void grayJpegDecodesAsGray() throws Exception {
        assumeTrue(NativeCodecs.hasJpeg(), NativeCodecs.describe());
        BufferedImage gray = new BufferedImage(700, 300, BufferedImage.TYPE_BYTE_GRAY);
        Random rnd = new Random(7);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 700; x++) {
                gray.getRaster().setSample(x, y, 0, (x * 255 / 699 + rnd.nextInt(30)) % 256);
            }
        }
        byte[] data = encode(gray, "jpg");
        LinearImage n = NATIVE.decode(data);
        assertThat(maxDifference(n, JAVA.decode(data))).isLessThanOrEqualTo(1e-12);
        assertThat(n.copyRed()).containsExactly(n.copyBlue());
    }

    @Test
    void truncatedFilesFallBackToTheJavaVerdict() throws Exception {
        byte[] jpeg = Files.readAllBytes(Fixtures.image("rocket.jpg"));
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertThatThrownBy(() -> NATIVE.decode(cut)).isInstanceOf(ImageError.class)
                .satisfies(e -> assertThat(((ImageError) e).kind()).isEqualTo(ImageError.Kind.TRUNCATED));
        byte[] webp = Files.readAllBytes(decodingFile("lossy.webp"));
        byte[] cutWebp = Arrays.copyOf(webp, webp.length * 2 / 3);
        ImageError javaVerdict = null;
        try {
            JAVA.decode(cutWebp);
        } catch (ImageError e) {
            javaVerdict = e;
        }
        ImageError nativeVerdict = null;
        try {
            NATIVE.decode(cutWebp);
        } catch (ImageError e) {
            nativeVerdict = e;
        }
        assertThat(nativeVerdict).as("a cut WebP fails as in Java").isNotNull();
        assertThat(nativeVerdict.kind()).isEqualTo(javaVerdict.kind());
    }

    @Test
    void headerSizeIsCheckedBeforeDecoding() throws Exception {
        byte[] data = Files.readAllBytes(Fixtures.image("rocket.jpg"));
        ImageDecoder tight = new ImageDecoder(new ExtractionOptions(512, 11, 1000), true);
        assertThatThrownBy(() -> tight.decode(data)).isInstanceOf(ImageError.class)
                .satisfies(e -> assertThat(((ImageError) e).kind()).isEqualTo(ImageError.Kind.TOO_MANY_PIXELS))
                .hasMessageContaining("jpeg header says");
        byte[] webp = Files.readAllBytes(decodingFile("lossless.webp"));
        assertThatThrownBy(() -> new ImageDecoder(new ExtractionOptions(512, 11, 10), true).decode(webp))
                .isInstanceOf(ImageError.class).hasMessageContaining("webp header says");
    }

    @Test
    void decodeOnlyUsesTheSameChecks() throws Exception {
        byte[] data = Files.readAllBytes(Fixtures.image("truncated.jpg"));
        assertThatThrownBy(() -> NATIVE.decodeOnly(data)).isInstanceOf(ImageError.class);
        NATIVE.decodeOnly(Files.readAllBytes(Fixtures.image("rocket.jpg")));
    }

    @Test
    void describesWhichDecodersAreInUse() {
        assertThat(NATIVE.codecs()).contains("jpeg:").contains("webp:");
        assertThat(JAVA.codecs()).startsWith("jpeg: Java; webp: Java");
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }
}
