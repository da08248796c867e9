package io.contrastkit.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.Fixtures;
import io.contrastkit.core.ImageError;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input becomes an {@link ImageError} of a named kind with a one-line reason. (Files
 * that cannot be read are the application's to report: contrastkit-app's ImageFilesTest.)
 */
class BadInputTest {

    private final ContrastFeatureExtractor extractor = new ContrastFeatureExtractor();
    private final ImageDecoder decoder = new ImageDecoder(extractor.options());

    @TempDir
    Path dir;

    private ImageError errorFor(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        try {
            extractor.extract(decoder.decode(data));
        } catch (ImageError e) {
            assertThat(e.reason()).isNotBlank().doesNotContain("\n");
            return e;
        }
        throw new AssertionError(file + " was accepted");
    }

    @Test
    void aPixelLimitIsWrittenSoThatSmallLimitsDoNotReadAsZero() {
        assertThat(FailureClassifier.tooManyPixels("png", 200, 100, 10_000).getMessage())
                .isEqualTo("png header says 200x100 = 20,000 pixels, over the limit of 10,000 pixels");
        assertThat(FailureClassifier.tooManyPixels("jpeg", 20_000, 10_000, 100_000_000).getMessage())
                .isEqualTo("jpeg header says 20000x10000 = 200.0 MP, over the limit of 100.0 MP");
    }

    @Test
    void truncatedJpeg() throws IOException {
        assertThat(errorFor(Fixtures.image("truncated.jpg")).kind()).isEqualTo(ImageError.Kind.TRUNCATED);
    }

    @Test
    void truncatedPng() throws IOException {
        byte[] png = Files.readAllBytes(Fixtures.image("camera.png"));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(png, png.length / 2));
        assertThat(errorFor(cut).kind()).isEqualTo(ImageError.Kind.TRUNCATED);
    }

    @Test
    void jpegCutInTheMiddleOfTheScan() throws IOException {
        byte[] jpg = Files.readAllBytes(Fixtures.image("retina.jpg"));
        Path cut = dir.resolve("cut.jpg");
        Files.write(cut, Arrays.copyOf(jpg, jpg.length / 2));
        assertThat(errorFor(cut).kind()).isEqualTo(ImageError.Kind.TRUNCATED);
    }

    @Test
    void zeroBytes() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertThat(errorFor(empty).kind()).isEqualTo(ImageError.Kind.EMPTY);
    }

    @Test
    void textFileNamedJpg() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "these are not pixels\n");
        ImageError e = errorFor(text);
        assertThat(e.kind()).isEqualTo(ImageError.Kind.NOT_AN_IMAGE);
        assertThat(e.reason()).contains("these are no");
    }

    @Test
    void unsupportedFormats() throws IOException {
        Path heic = dir.resolve("photo.heic");
        Files.write(heic, concat(new byte[] {0, 0, 0, 24}, "ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.US_ASCII)));
        assertThat(errorFor(heic).kind()).isEqualTo(ImageError.Kind.UNSUPPORTED_FORMAT);
        assertThat(errorFor(heic).reason()).contains("HEIF");

        Path psd = Files.write(dir.resolve("layers.psd"), concat("8BPS".getBytes(StandardCharsets.US_ASCII), new byte[40]));
        assertThat(errorFor(psd).kind()).isEqualTo(ImageError.Kind.UNSUPPORTED_FORMAT);

        Path svg = Files.writeString(dir.resolve("logo.svg"), "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        assertThat(errorFor(svg).kind()).isEqualTo(ImageError.Kind.UNSUPPORTED_FORMAT);
    }

    @Test
    void headerClaimingTenGigapixelsIsRefusedBeforeDecoding() throws IOException {
        Path huge = Files.write(dir.resolve("huge.png"), pngHeaderOnly(100_000, 100_000));
        ImageError e = errorFor(huge);
        assertThat(e.kind()).isEqualTo(ImageError.Kind.TOO_MANY_PIXELS);
        assertThat(e.reason()).contains("100000x100000");
    }

    @Test
    void pixelLimitIsConfigurable() throws Exception {
        ExtractionOptions options = ExtractionOptions.defaults().withMaxPixels(1000);
        ContrastFeatureExtractor strict = new ContrastFeatureExtractor(options);
        ImageDecoder strictDecoder = new ImageDecoder(options);
        assertThatThrownBy(() -> strict.extract(strictDecoder.decode(Fixtures.bytes("camera.png"))))
                .isInstanceOfSatisfying(ImageError.class, e -> assertThat(e.kind()).isEqualTo(ImageError.Kind.TOO_MANY_PIXELS));
        assertThat(strict.extract(strictDecoder.decode(Fixtures.bytes("edge_tiny2x3.png"))).toArray()).hasSize(20);
    }

    @Test
    void garbageAfterAValidHeaderIsCorruptOrTruncatedNeverACrash() throws IOException {
        byte[] png = Files.readAllBytes(Fixtures.image("camera.png"));
        byte[] bad = png.clone();
        for (int i = 100; i < bad.length - 20; i += 7) {
            bad[i] ^= 0x5A;
        }
        Path f = Files.write(dir.resolve("scrambled.png"), bad);
        assertThat(errorFor(f).kind()).isIn(ImageError.Kind.CORRUPT, ImageError.Kind.TRUNCATED);
    }

    /** A PNG signature and a valid IHDR chunk (correct CRC) claiming the size, then nothing. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(width);
        c.writeInt(height);
        c.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
        byte[] body = chunk.toByteArray();
        out.writeInt(body.length - 4);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
