package io.contrastkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.decode.ImageDecoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50-megapixel JPEG extracts in a JVM limited to 512 MB: decoding keeps only the 8-bit raster and
 * linearisation + downscaling stream over its rows (a full-resolution double RGB copy alone would
 * need 1.2 GB).
 */
class LargeImageMemoryTest {

    @TempDir
    Path dir;

    @Test
    void fiftyMegapixelJpegExtractsWithHalfAGigabyteHeap() throws Exception {
        int w = 8660;
        int h = 5774; // 50.0 MP
        Path jpeg = dir.resolve("big.jpg");
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                px[i] = (byte) (x * 255 / w);
                px[i + 1] = (byte) (y * 255 / h);
                px[i + 2] = (byte) ((x ^ y) & 0xFF);
            }
        }
        ImageIO.write(img, "jpeg", jpeg.toFile());
        img = null;

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ExtractOne.class.getName(), jpeg.toString()))
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes());
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("child finished in time").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ok 8660x5774 -> 512x341");
    }

    /** Child-process entry point: extracts one file and prints the sizes. */
    public static final class ExtractOne {
        public static void main(String[] args) throws Exception {
            LinearImage li = new ImageDecoder(ExtractionOptions.defaults()).decode(Files.readAllBytes(Path.of(args[0])));
            FeatureVector v = new ContrastFeatureExtractor().extract(li);
            System.out.println("ok " + li.sourceWidth() + "x" + li.sourceHeight() + " -> " + li.width() + "x"
                    + li.height() + " c_rms=" + v.get("c_rms"));
            assertThat(Files.exists(Path.of(args[0]))).isTrue();
        }
    }
}
