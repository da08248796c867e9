package io.contrastkit.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.Fixtures;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

/** The header probe gives the numbers the app's memory budget used before, and decoding with it changes nothing. */
class ImageHeaderTest {

    private static final ExtractionOptions OPTIONS = ExtractionOptions.defaults();

    /** Every fixture and decoding sample, plus inputs whose headers cannot be read or are refused. */
    private static List<byte[]> samples() throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String name : Fixtures.imageNames()) {
            out.add(Fixtures.bytes(name));
        }
        try (var files = Files.list(DecodingTest.file("."))) {
            for (Path p : files.filter(p -> !p.toString().endsWith(".csv") && !p.toString().endsWith(".md")).sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
        }
        byte[] jpeg = Fixtures.bytes("rocket.jpg");
        out.add(Arrays.copyOf(jpeg, 40));
        out.add(Arrays.copyOf(Fixtures.bytes("camera.png"), 30));
        out.add("these are not pixels\n".getBytes(StandardCharsets.US_ASCII));
        out.add(BadInputTest.pngHeaderOnly(100_000, 100_000));
        out.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        return out;
    }

    /** The rule ImageTask.estimateDecodedBytes applied before the probe existed, kept here to compare. */
    private static long oldEstimate(byte[] data, long maxPixels) {
        long fallback = data.length * 10L;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return data.length;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > maxPixels) {
                    return data.length;
                }
                String f = reader.getFormatName().toLowerCase(Locale.ROOT);
                int bytesPerPixel = f.contains("png") || f.contains("tif") ? 8 : 4;
                return pixels * bytesPerPixel + data.length;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    @Test
    void decodedBytesFollowTheBudgetsRule() throws IOException {
        for (long maxPixels : new long[] {OPTIONS.maxPixels(), 1000}) {
            ImageDecoder decoder = new ImageDecoder(OPTIONS.withMaxPixels(maxPixels));
            int i = 0;
            for (byte[] data : samples()) {
                ImageHeader header = decoder.probe(data);
                assertThat(header.decodedBytes()).as("sample %d, limit %d", i++, maxPixels)
                        .isEqualTo(oldEstimate(data, maxPixels));
                assertThat(header.encodedBytes()).isEqualTo(data.length);
            }
        }
    }

    @Test
    void headerGivesFormatAndSize() {
        ImageDecoder decoder = new ImageDecoder(OPTIONS);
        ImageHeader jpeg = decoder.probe(Fixtures.bytes("rocket.jpg"));
        assertThat(jpeg.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(jpeg.width()).isEqualTo(640);
        assertThat(jpeg.height()).isEqualTo(427);
        assertThat(jpeg.decodedBytes()).isEqualTo(640L * 427 * 4 + jpeg.encodedBytes());
        ImageHeader png = decoder.probe(Fixtures.bytes("camera.png"));
        assertThat(png.format()).isEqualTo(ImageFormat.PNG);
        assertThat(png.decodedBytes()).isEqualTo((long) png.width() * png.height() * 8 + png.encodedBytes());
        ImageHeader text = decoder.probe("plain text".getBytes(StandardCharsets.US_ASCII));
        assertThat(text.format()).isNull();
        assertThat(text.width()).isZero();
        assertThat(text.decodedBytes()).isEqualTo(10);
    }

    @Test
    void decodingWithTheHeaderGivesTheSameImageAndErrors() throws Exception {
        for (NativeDecoding nd : List.of(NativeDecoding.WHEN_INSTALLED, NativeDecoding.off("compared"))) {
            ImageDecoder decoder = new ImageDecoder(OPTIONS, nd);
            for (byte[] data : samples()) {
                ImageHeader header = decoder.probe(data);
                Object plain = outcome(() -> decoder.decode(data));
                Object probed = outcome(() -> decoder.decode(data, header));
                if (plain instanceof LinearImage a && probed instanceof LinearImage b) {
                    // Arrays.mismatch, not containsExactly: AssertJ's array comparison is quadratic.
                    assertThat(Arrays.mismatch(b.copyRed(), a.copyRed())).isEqualTo(-1);
                    assertThat(Arrays.mismatch(b.copyGreen(), a.copyGreen())).isEqualTo(-1);
                    assertThat(Arrays.mismatch(b.copyBlue(), a.copyBlue())).isEqualTo(-1);
                    assertThat(b.clippedFraction()).isEqualTo(a.clippedFraction());
                    assertThat(b.format()).isEqualTo(a.format());
                } else {
                    assertThat(probed).isEqualTo(plain);
                }
                assertThat(outcome(() -> {
                    decoder.decodeOnly(data, header);
                    return "decoded";
                })).isEqualTo(outcome(() -> {
                    decoder.decodeOnly(data);
                    return "decoded";
                }));
            }
        }
    }

    @Test
    void aHeaderFromOtherDataIsRefused() {
        ImageDecoder decoder = new ImageDecoder(OPTIONS);
        ImageHeader header = decoder.probe(Fixtures.bytes("rocket.jpg"));
        assertThatThrownBy(() -> decoder.decode(Fixtures.bytes("camera.png"), header))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probed from");
        assertThatThrownBy(() -> new ImageHeader(null, 3, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private interface Decode {
        Object run() throws ImageError;
    }

    /** The decoded image, or the error's kind and reason (errors are compared by what users see). */
    private static Object outcome(Decode d) {
        try {
            return d.run();
        } catch (ImageError e) {
            return e.toString();
        }
    }
}
