package io.contrastkit.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.Fixtures;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.testing.FeatureTolerance;
import io.contrastkit.testing.RequiredEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    private static final NativeDecoding JAVA_ONLY = NativeDecoding.off("native decoding not asked for");
    private static final ImageDecoder NATIVE = new ImageDecoder(OPTIONS, NativeDecoding.WHEN_INSTALLED);
    private static final ImageDecoder JAVA = new ImageDecoder(OPTIONS, JAVA_ONLY);

    @BeforeAll
    static void librariesPresentUnderCi() {
        RequiredEnvironment.requireInCi(NativeCodecs.hasJpeg() && NativeCodecs.hasWebp() && NativeCodecs.hasDeflate(),
                "CI installs libturbojpeg0, libwebp7 and libdeflate0: " + NativeCodecs.describe());
    }

    private static Path decodingFile(String name) {
        return DecodingTest.file(name);
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
        FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), name, extractor.extract(n).toArray(), extractor.extract(j).toArray(), true);
        if (!name.equals("lossy.webp")) {
            // Lossless decoding is exact; libjpeg-turbo is bit-exact with the JDK's libjpeg; CMYK
            // is declined by the native side, so both are the Java decode.
            assertThat(DecoderComparison.maxSampleDifference(n, j)).as(name).isLessThanOrEqualTo(1e-12);
        }
    }

    @Test
    void lossyWebpMatchesTheReferenceAsClosely() throws Exception {
        RequiredEnvironment.assumePresent(NativeCodecs.hasWebp(), "needs libwebp7: " + NativeCodecs.describe());
        // TwelveMonkeys' VP8 decoder is its own implementation and upsamples chroma differently
        // (a working pixel moves by up to 0.06); the reference reads WebP with libwebp, like the
        // native path, which therefore meets the lossless tolerance, not only the lossy one.
        double[] golden = DecodingTest.golden().get("lossy.webp");
        FeatureVector v = new ContrastFeatureExtractor().extract(NATIVE.decode(Files.readAllBytes(decodingFile("lossy.webp"))));
        FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), "lossy.webp", v.toArray(), golden, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"retina.jpg", "rocket.jpg", "hubble_deep_field.jpg"})
    void baselineJpegsDecodeIdentically(String name) throws Exception {
        RequiredEnvironment.assumePresent(NativeCodecs.hasJpeg(), "needs libturbojpeg0: " + NativeCodecs.describe());
        // libjpeg-turbo's accurate IDCT and fancy upsampling are bit-exact with the JDK's libjpeg 6b.
        byte[] data = Files.readAllBytes(Fixtures.image(name));
        for (int maxSide : new int[] {512, 128, 0}) {
            ExtractionOptions o = OPTIONS.withMaxSide(maxSide);
            LinearImage n = new ImageDecoder(o, NativeDecoding.WHEN_INSTALLED).decode(data);
            LinearImage j = new ImageDecoder(o, JAVA_ONLY).decode(data);
            assertThat(DecoderComparison.maxSampleDifference(n, j)).as(name + " at maxSide " + maxSide).isLessThanOrEqualTo(1e-12);
            assertThat(n.clippedFraction()).isEqualTo(j.clippedFraction());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"astronaut.png", "camera.png", "coffee.png", "logo.png", "palette_color.png",
            "edge_rgb16.png", "edge_tiny2x3.png", "edge_strip5x300.png", "checker_bilevel.png", "text.png"})
    void pngRowsEqualImageIoExactly(String name) throws Exception {
        // Lossless, and the same unfiltering: identical working images at every size. Palette and
        // 16-bit files are declined by PngRows and so agree trivially; the rest go through it.
        byte[] data = Files.readAllBytes(Fixtures.image(name));
        for (int maxSide : new int[] {512, 128, 0}) {
            ExtractionOptions o = OPTIONS.withMaxSide(maxSide);
            LinearImage n = new ImageDecoder(o, NativeDecoding.WHEN_INSTALLED).decode(data);
            LinearImage j = new ImageDecoder(o, JAVA_ONLY).decode(data);
            assertThat(DecoderComparison.maxSampleDifference(n, j)).as(name + " at maxSide " + maxSide).isLessThanOrEqualTo(1e-12);
            assertThat(n.clippedFraction()).isEqualTo(j.clippedFraction());
            assertThat(n.format()).isEqualTo(j.format());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gray_alpha.png", "chelsea_small.png", "rgb16.png"})
    void pngRowsHandleAlphaAndDeclineSixteenBit(String name) throws Exception {
        byte[] data = Files.readAllBytes(decodingFile(name));
        assertThat(DecoderComparison.maxSampleDifference(NATIVE.decode(data), JAVA.decode(data))).as(name).isLessThanOrEqualTo(1e-12);
        assertThat(PngRows.parse(data) == null).as(name + " declined").isEqualTo(name.equals("rgb16.png")
                || !NativeCodecs.hasDeflate());
    }

    @Test
    void rgbaPngWithEveryFilterTypeEqualsImageIo() throws Exception {
        RequiredEnvironment.assumePresent(NativeCodecs.hasDeflate(), "needs libdeflate0: " + NativeCodecs.describe());
        // ImageIO's writer picks a filter per row by content: smooth, noisy and flat bands give it
        // reason to use several; unfilterMatchesTheDefinition covers each type on its own.
        BufferedImage img = new BufferedImage(900, 240, BufferedImage.TYPE_INT_ARGB);
        Random rnd = new Random(11);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 900; x++) {
                int band = y / 60;
                int v = switch (band) {
                    case 0 -> (x * 255 / 899) * 0x010101;
                    case 1 -> rnd.nextInt(1 << 24);
                    case 2 -> 0xFFFFFF;
                    default -> ((x + y) % 256) << 16 | (x % 256);
                };
                img.setRGB(x, y, (rnd.nextInt(256) << 24) | v);
            }
        }
        byte[] data = encode(img, "png");
        assertThat(PngRows.parse(data)).isNotNull();
        LinearImage n = NATIVE.decode(data);
        LinearImage j = JAVA.decode(data);
        assertThat(DecoderComparison.maxSampleDifference(n, j)).isLessThanOrEqualTo(1e-12);
        assertThat(n.clippedFraction()).isEqualTo(j.clippedFraction()).isGreaterThan(0.2);
    }

    @Test
    void unfilterMatchesTheDefinition() {
        // Each PNG filter type (ISO 15948 section 9) applied forward here, reversed by PngRows.
        Random rnd = new Random(5);
        for (int bpp = 1; bpp <= 4; bpp++) {
            int n = 37 * bpp;
            byte[] prev = new byte[n];
            byte[] raw = new byte[n];
            rnd.nextBytes(prev);
            rnd.nextBytes(raw);
            for (int type = 0; type <= 4; type++) {
                byte[] filtered = new byte[n];
                for (int i = 0; i < n; i++) {
                    int a = i >= bpp ? raw[i - bpp] & 0xFF : 0;
                    int b = prev[i] & 0xFF;
                    int c = i >= bpp ? prev[i - bpp] & 0xFF : 0;
                    int pred = switch (type) {
                        case 0 -> 0;
                        case 1 -> a;
                        case 2 -> b;
                        case 3 -> (a + b) / 2;
                        default -> {
                            int p = a + b - c;
                            int pa = Math.abs(p - a);
                            int pb = Math.abs(p - b);
                            int pc = Math.abs(p - c);
                            yield pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                        }
                    };
                    filtered[i] = (byte) (raw[i] - pred);
                }
                byte[] out = new byte[n];
                assertThat(PngRows.unfilter((byte) type, filtered, 0, out, prev, n, bpp)).isTrue();
                assertThat(out).as("filter %d, %d bytes per pixel", type, bpp).containsExactly(raw);
            }
            assertThat(PngRows.unfilter((byte) 5, raw, 0, new byte[n], prev, n, bpp)).as("unknown filter").isFalse();
        }
    }

    @Test
    void cutPngFallsBackToTheJavaVerdict() throws Exception {
        byte[] png = Files.readAllBytes(Fixtures.image("astronaut.png"));
        byte[] cut = Arrays.copyOf(png, png.length / 2);
        assertThat(PngRows.parse(cut)).isNull();
        assertThatThrownBy(() -> NATIVE.decode(cut)).isInstanceOf(ImageError.class)
                .satisfies(e -> assertThat(((ImageError) e).kind()).isEqualTo(ImageError.Kind.TRUNCATED));
        // Intact structure, scrambled compressed data: libdeflate refuses it, ImageIO gives the verdict.
        byte[] scrambled = png.clone();
        for (int i = 200; i < scrambled.length - 100; i += 97) {
            scrambled[i] ^= 0x5A;
        }
        assertThat(DecoderComparison.verdict(NATIVE, scrambled)).isEqualTo(DecoderComparison.verdict(JAVA, scrambled));
    }

    @Test
    void mutatedFilesGiveAnImageOrAnImageErrorAndNeverCrash() throws Exception {
        // Native code that crashed on a bad file would take the whole JVM with it, so the native
        // paths get a seeded barrage of damaged files: flipped bytes, cut tails, zeroed runs.
        Path[] sources = {Fixtures.image("rocket.jpg"), decodingFile("progressive.jpg"), decodingFile("lossy.webp"),
                decodingFile("lossless.webp"), decodingFile("chelsea_small.png"), Fixtures.image("coffee.png")};
        Random rnd = new Random(2026);
        int images = 0;
        int errors = 0;
        for (Path source : sources) {
            byte[] original = Files.readAllBytes(source);
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
                try {
                    LinearImage img = NATIVE.decode(d);
                    assertThat(img.width()).isPositive();
                    images++;
                } catch (ImageError e) {
                    assertThat(e.kind()).isNotNull();
                    errors++;
                }
            }
        }
        assertThat(images + errors).isEqualTo(sources.length * 40);
        assertThat(errors).as("damage is noticed").isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"progressive.jpg", "lossy.webp", "lossless.webp", "cmyk.jpg", "chelsea_small.png"})
    void rasterComesFromTheSameDecoderAsTheWorkingImage(String name) throws Exception {
        // Thumbnails read the raster: with native decoders it must be the pixels decode() measures.
        byte[] data = Files.readAllBytes(decodingFile(name));
        BufferedImage raster = NATIVE.decodeRaster(data);
        LinearImage fromRaster = NATIVE.fromBufferedImage(raster);
        LinearImage decoded = NATIVE.decode(data);
        assertThat(raster.getWidth()).isEqualTo(decoded.sourceWidth());
        assertThat(DecoderComparison.maxSampleDifference(fromRaster, decoded)).as(name).isLessThanOrEqualTo(1e-12);
        assertThat(fromRaster.clippedFraction()).isEqualTo(decoded.clippedFraction());
    }

    @Test
    void grayJpegDecodesAsGray() throws Exception {
        RequiredEnvironment.assumePresent(NativeCodecs.hasJpeg(), "needs libturbojpeg0: " + NativeCodecs.describe());
        BufferedImage gray = new BufferedImage(700, 300, BufferedImage.TYPE_BYTE_GRAY);
        Random rnd = new Random(7);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 700; x++) {
                gray.getRaster().setSample(x, y, 0, (x * 255 / 699 + rnd.nextInt(30)) % 256);
            }
        }
        byte[] data = encode(gray, "jpg");
        LinearImage n = NATIVE.decode(data);
        assertThat(DecoderComparison.maxSampleDifference(n, JAVA.decode(data))).isLessThanOrEqualTo(1e-12);
        assertThat(n.copyRed()).containsExactly(n.copyBlue());
        assertThat(DecoderComparison.maxSampleDifference(NATIVE.fromBufferedImage(NATIVE.decodeRaster(data)), n)).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void truncatedFilesFallBackToTheJavaVerdict() throws Exception {
        byte[] jpeg = Files.readAllBytes(Fixtures.image("rocket.jpg"));
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertThatThrownBy(() -> NATIVE.decode(cut)).isInstanceOf(ImageError.class)
                .satisfies(e -> assertThat(((ImageError) e).kind()).isEqualTo(ImageError.Kind.TRUNCATED));
        byte[] webp = Files.readAllBytes(decodingFile("lossy.webp"));
        byte[] cutWebp = Arrays.copyOf(webp, webp.length * 2 / 3);
        assertThat(DecoderComparison.verdict(NATIVE, cutWebp)).as("a cut WebP fails as in Java").isNotNull()
                .isEqualTo(DecoderComparison.verdict(JAVA, cutWebp));
    }

    @Test
    void headerSizeIsCheckedBeforeDecoding() throws Exception {
        byte[] data = Files.readAllBytes(Fixtures.image("rocket.jpg"));
        ImageDecoder tight = new ImageDecoder(new ExtractionOptions(512, 11, 1000), NativeDecoding.WHEN_INSTALLED);
        assertThatThrownBy(() -> tight.decode(data)).isInstanceOf(ImageError.class)
                .satisfies(e -> assertThat(((ImageError) e).kind()).isEqualTo(ImageError.Kind.TOO_MANY_PIXELS))
                .hasMessageContaining("jpeg header says");
        byte[] webp = Files.readAllBytes(decodingFile("lossless.webp"));
        assertThatThrownBy(() -> new ImageDecoder(new ExtractionOptions(512, 11, 10), NativeDecoding.WHEN_INSTALLED).decode(webp))
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
        assertThat(NATIVE.codecs()).contains("jpeg:").contains("webp:").contains("png:");
        assertThat(JAVA.codecs()).startsWith("jpeg: Java; webp: Java");
    }

    @Test
    void withoutUsableJnaEverythingDecodesInJava() throws Exception {
        // A JVM where JNA cannot load its native part (as with a noexec temporary folder): the
        // decoder says so and decodes in Java, with the same values, instead of failing.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Djna.nosys=true", "-Djna.nounpack=true",
                "-Djna.boot.library.path=/nonexistent", "-cp", System.getProperty("java.class.path"),
                DecodeOne.class.getName(), Fixtures.image("rocket.jpg").toString()))
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes());
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("child finished in time").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("jpeg: Java (JNA is unusable here");
        double expected = new ContrastFeatureExtractor().extract(JAVA.decode(
                Files.readAllBytes(Fixtures.image("rocket.jpg")))).get("c_rms");
        assertThat(output).contains("c_rms=" + expected);
    }

    /** Child-process entry point: the decoders in use, and one feature of one file. */
    public static final class DecodeOne {
        public static void main(String[] args) throws Exception {
            ImageDecoder decoder = new ImageDecoder(ExtractionOptions.defaults());
            System.out.println(decoder.codecs());
            System.out.println("c_rms=" + new ContrastFeatureExtractor().extract(decoder.decode(Files.readAllBytes(Path.of(args[0])))).get("c_rms"));
        }
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }
}
