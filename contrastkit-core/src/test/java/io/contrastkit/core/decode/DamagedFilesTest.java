package io.contrastkit.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.Fixtures;
import io.contrastkit.core.ImageError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reproducers of issue 12's damaged files, item 2 (damaged files accepted as good) and the
 * decoder messages of item 8, on both decoder paths: the native one where installed, and Java.
 */
class DamagedFilesTest {

    private static final ExtractionOptions OPTIONS = ExtractionOptions.defaults();
    private static final ContrastFeatureExtractor EXTRACTOR = new ContrastFeatureExtractor(OPTIONS);

    static Stream<ImageDecoder> decoders() {
        return Stream.of(new ImageDecoder(OPTIONS), new ImageDecoder(OPTIONS, NativeDecoding.off("compared")));
    }

    /** The error the decoder (and extractor) gives, failing the test when the data is accepted. */
    static ImageError errorFor(ImageDecoder decoder, byte[] data) {
        try {
            EXTRACTOR.extract(decoder.decode(data));
        } catch (ImageError e) {
            assertThat(e.reason()).isNotBlank().doesNotContain("\n");
            return e;
        }
        throw new AssertionError("accepted as good by " + decoder.codecs());
    }

    static byte[] decoding(String name) {
        try {
            return Files.readAllBytes(DecodingTest.file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] cut(byte[] data, double fraction) {
        return Arrays.copyOf(data, (int) (data.length * fraction));
    }

    /** Issue 12 item 2: a lossless WebP cut anywhere from 10% to 99.99% was measured as good (c_rms 0.583, not 0.953). */
    @ParameterizedTest
    @MethodSource("decoders")
    void losslessWebpCutAnywhereIsTruncated(ImageDecoder decoder) {
        byte[] webp = decoding("lossless.webp");
        for (double f : new double[] {0.1, 0.3, 0.5, 0.9, 0.99, 0.9999}) {
            ImageError e = errorFor(decoder, cut(webp, f));
            assertThat(e.kind()).as("cut at %s", f).isEqualTo(ImageError.Kind.TRUNCATED);
            assertThat(e.reason()).contains("VP8L chunk");
        }
        assertThat(errorFor(decoder, cut(decoding("lossy.webp"), 0.5)).kind()).isEqualTo(ImageError.Kind.TRUNCATED);
    }

    /** A two-page TIFF cut in its second page, and an animated GIF cut after its first frame, were measured as good. */
    @ParameterizedTest
    @MethodSource("decoders")
    void fileCutAfterItsFirstImageIsTruncated(ImageDecoder decoder) throws IOException {
        ImageError tiff = errorFor(decoder, cut(decoding("multipage.tif"), 0.7));
        assertThat(tiff.kind()).isEqualTo(ImageError.Kind.TRUNCATED);
        assertThat(tiff.reason()).contains("image 2");
        ImageError gif = errorFor(decoder, cut(Fixtures.bytes("no_time_for_that_tiny.gif"), 0.5));
        assertThat(gif.kind()).isEqualTo(ImageError.Kind.TRUNCATED);
    }

    /** Found by the corpus: a PNG cut inside its final IEND chunk (all pixel data there) was measured as good. */
    @ParameterizedTest
    @MethodSource("decoders")
    void pngCutInItsIendChunkIsTruncated(ImageDecoder decoder) {
        byte[] png = decoding("chelsea_small.png");
        ImageError e = errorFor(decoder, Arrays.copyOf(png, png.length - 2));
        assertThat(e.kind()).isEqualTo(ImageError.Kind.TRUNCATED);
        assertThat(e.reason()).contains("IEND");
    }

    /** Issue 12 item 8: truncated TIFFs said "index >= numImages (0 >= 0)" or a ClassCastException's text, as CORRUPT. */
    @ParameterizedTest
    @MethodSource("decoders")
    void truncatedTiffIsTruncatedInPlainWords(ImageDecoder decoder) {
        byte[] tif = decoding("gray16_predictor.tif");
        for (double f : new double[] {0.1, 0.5, 0.99, 0.999}) {
            ImageError e = errorFor(decoder, cut(tif, f));
            assertThat(e.kind()).as("cut at %s", f).isEqualTo(ImageError.Kind.TRUNCATED);
            assertThat(e.reason()).doesNotContain("numImages").doesNotContain("cannot be cast").doesNotContain("java.");
        }
    }

    /** Issue 12 item 2: a JPEG whose SOF0 marker became SOF9 (arithmetic coding) decoded as ok with garbage pixels. */
    @ParameterizedTest
    @MethodSource("decoders")
    void jpegWithAGarbageSof9IsCorrupt(ImageDecoder decoder) throws IOException {
        byte[] jpg = Fixtures.bytes("rocket.jpg");
        int sof = marker(jpg, 0xC0);
        jpg[sof + 1] = (byte) 0xC9;
        assertThat(errorFor(decoder, jpg).kind()).isEqualTo(ImageError.Kind.CORRUPT);
    }

    /** Issue 12 item 8: a complete JPEG with damaged scan data ("premature end of data segment") was called TRUNCATED. */
    @ParameterizedTest
    @MethodSource("decoders")
    void completeButCorruptJpegIsCorrupt(ImageDecoder decoder) {
        byte[] jpg = decoding("progressive.jpg");
        Random random = new Random(0);
        for (int i = 0; i < 8; i++) {
            int p = 16 + random.nextInt(jpg.length - 16);
            jpg[p] ^= (byte) (1 + random.nextInt(255));
        }
        ImageError e = errorFor(decoder, jpg);
        assertThat(e.kind()).isEqualTo(ImageError.Kind.CORRUPT);
        assertThat(e.reason()).contains("complete");
    }

    /** Issue 12 item 8: a BMP declaring 100000x100000 pixels was CORRUPT ("Invalid width/height for BI_RGB image data"). */
    @ParameterizedTest
    @MethodSource("decoders")
    void hugeBmpIsTooManyPixels(ImageDecoder decoder) {
        byte[] bmp = decoding("plain.bmp");
        putIntLe(bmp, 18, 100_000);
        putIntLe(bmp, 22, 100_000);
        ImageError e = errorFor(decoder, bmp);
        assertThat(e.kind()).isEqualTo(ImageError.Kind.TOO_MANY_PIXELS);
        assertThat(e.reason()).contains("100000x100000");
        ImageError cut = errorFor(decoder, cut(decoding("plain.bmp"), 0.5));
        assertThat(cut.kind()).isEqualTo(ImageError.Kind.TRUNCATED);
    }

    @Test
    void classifierWordsDecoderInternalsPlainly() {
        byte[] tiff = decoding("gray16_predictor.tif");
        ImageError cast = FailureClassifier.of(new ClassCastException(
                "class java.lang.String cannot be cast to class java.lang.Number"), tiff, "tiff", List.of());
        assertThat(cast.kind()).isEqualTo(ImageError.Kind.CORRUPT);
        assertThat(cast.reason()).isEqualTo("tiff data is malformed (the decoder stopped with ClassCastException)");
        ImageError none = FailureClassifier.of(new IndexOutOfBoundsException("index >= numImages (0 >= 0)"), tiff,
                "tiff", List.of());
        assertThat(none.reason()).isEqualTo("tiff file holds no image the decoder can read");
        ImageError eof = FailureClassifier.of(new ClassCastException(
                "class java.io.EOFException cannot be cast to class java.lang.Number"), tiff, "tiff", List.of());
        assertThat(eof.kind()).isEqualTo(ImageError.Kind.TRUNCATED);
        assertThat(eof.reason()).doesNotContain("cannot be cast");
    }

    @Test
    void aFewStrayBytesBeforeAJpegMarkerAreNoCorruption() {
        byte[] jpg = decoding("progressive.jpg");
        assertThat(FailureClassifier.byWarnings("jpeg", jpg,
                List.of("Corrupt JPEG data: 2 extraneous bytes before marker 0xd9"))).isNull();
        assertThat(FailureClassifier.byWarnings("jpeg", jpg,
                List.of("Corrupt JPEG data: 4000 extraneous bytes before marker 0xd9")).kind())
                .isEqualTo(ImageError.Kind.CORRUPT);
        assertThat(FailureClassifier.byWarnings("jpeg", jpg, List.of("Corrupt JPEG data: bad Huffman code")).kind())
                .isEqualTo(ImageError.Kind.CORRUPT);
        assertThat(FailureClassifier.byWarnings("jpeg", cut(jpg, 0.5),
                List.of("Corrupt JPEG data: premature end of data segment")).kind())
                .isEqualTo(ImageError.Kind.TRUNCATED);
    }

    private static int marker(byte[] jpg, int code) {
        for (int i = 2; i < jpg.length - 1; i++) {
            if ((jpg[i] & 0xFF) == 0xFF && (jpg[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        throw new AssertionError("no marker " + Integer.toHexString(code));
    }

    private static void putIntLe(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >> (8 * i));
        }
    }
}
