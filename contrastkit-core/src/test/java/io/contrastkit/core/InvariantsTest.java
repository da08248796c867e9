package io.contrastkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.testing.FeatureTolerance;
import java.awt.image.BufferedImage;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Properties every correct v1 extractor has, checked on the fixture photographs. */
class InvariantsTest {

    private final ContrastFeatureExtractor extractor = new ContrastFeatureExtractor();
    private final ImageDecoder decoder = new ImageDecoder(ExtractionOptions.defaults());

    static BufferedImage read(String name) throws Exception {
        return ImageIO.read(Fixtures.image(name).toFile());
    }

    /**
     * Moves every sample toward the image's mean sample by the factor (0 = flat, 1 = unchanged).
     * Works on the raster, not getRGB, which would colour-convert gray images.
     */
    static BufferedImage compress(BufferedImage src, double factor) {
        java.awt.image.Raster in = src.getRaster();
        int w = src.getWidth();
        int h = src.getHeight();
        int bands = Math.min(3, in.getNumBands());
        double mean = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < bands; b++) {
                    mean += in.getSample(x, y, b);
                }
            }
        }
        mean /= (double) w * h * bands;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.image.WritableRaster o = out.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < 3; b++) {
                    int v = in.getSample(x, y, Math.min(b, bands - 1));
                    o.setSample(x, y, b, (int) Math.round(mean + (v - mean) * factor));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"astronaut.png", "camera.png", "coffee.png", "moon.png", "chelsea.png"})
    void compressingContrastTowardTheMeanLowersCrmsStdAndDynamicRange(String name) throws Exception {
        BufferedImage src = read(name);
        double[] prev = extractor.extract(decoder.fromBufferedImage(compress(src, 1.0))).toArray();
        for (double f : new double[] {0.75, 0.5, 0.25}) {
            double[] cur = extractor.extract(decoder.fromBufferedImage(compress(src, f))).toArray();
            for (String feature : List.of("c_rms", "std", "u_dr")) {
                int i = FeatureSchema.V1.indexOf(feature);
                assertThat(cur[i]).as(name + " " + feature + " at factor " + f).isLessThan(prev[i]);
            }
            prev = cur;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"camera.png", "moon.png", "text.png", "page.png", "coins.png"})
    void grayImagesHaveNoChromaAndNoHueDiversity(String name) throws Exception {
        FeatureVector v = extractor.extract(decoder.decode(Fixtures.bytes(name)));
        assertThat(v.get("chroma_mean")).isCloseTo(0, offset(1e-3));
        assertThat(v.get("chroma_contrast")).isCloseTo(0, offset(1e-3));
        assertThat(v.get("hue_diversity")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"astronaut.png", "camera.png", "coffee.png", "edge_strip5x300.png", "horse.png",
            "edge_tiny2x3.png", "rocket.jpg"})
    void transposingLeavesEveryFeatureUnchanged(String name) throws Exception {
        for (int maxSide : new int[] {512, 128, 0}) {
            ContrastFeatureExtractor ex = new ContrastFeatureExtractor(ExtractionOptions.defaults().withMaxSide(maxSide));
            ImageDecoder dec = new ImageDecoder(ex.options());
            BufferedImage src = read(name);
            BufferedImage t = transpose(src);
            double[] a = ex.extract(dec.fromBufferedImage(src)).toArray();
            double[] b = ex.extract(dec.fromBufferedImage(t)).toArray();
            // Transposition only reorders sums, so the lossless tolerance holds with room to spare.
            FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), name + " transposed at maxSide " + maxSide, b, a, false);
        }
    }

    /** The transposed image, same colour model, samples copied raw. */
    static BufferedImage transpose(BufferedImage src) {
        java.awt.image.Raster in = src.getRaster();
        java.awt.image.WritableRaster out = in.createCompatibleWritableRaster(src.getHeight(), src.getWidth());
        int[] px = new int[in.getNumBands()];
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                out.setPixel(y, x, in.getPixel(x, y, px));
            }
        }
        return new BufferedImage(src.getColorModel(), out, src.isAlphaPremultiplied(), null);
    }

    @Test
    void extremeImagesGiveFiniteVectors() {
        for (int[] size : new int[][] {{1, 1}, {1, 7}, {7, 1}, {2, 2}, {3, 600}}) {
            for (double level : new double[] {0, 1, 0.5, 1e-9}) {
                int n = size[0] * size[1];
                double[] p = new double[n];
                java.util.Arrays.fill(p, level);
                FeatureVector v = extractor.extract(LinearImage.ofLinearRgb(size[0], size[1], p, p, p, 0));
                for (double x : v.toArray()) {
                    assertThat(Double.isFinite(x)).as(size[0] + "x" + size[1] + " at " + level).isTrue();
                }
            }
        }
    }

    @Test
    void blackAndWhiteFramesAreFullyClipped() throws Exception {
        BufferedImage black = new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage white = new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = white.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        FeatureVector b = extractor.extract(decoder.fromBufferedImage(black));
        FeatureVector w = extractor.extract(decoder.fromBufferedImage(white));
        assertThat(b.get("clipped_fraction")).isEqualTo(1.0);
        assertThat(w.get("clipped_fraction")).isEqualTo(1.0);
        assertThat(b.get("mean")).isZero();
        assertThat(w.get("mean")).isCloseTo(1.0, offset(1e-6));
        assertThat(w.get("c_rms")).isCloseTo(0, offset(1e-9));
    }

    @Test
    void sameInputGivesBitIdenticalVectorsAcrossThreads() throws Exception {
        double[] first = extractor.extract(decoder.decode(Fixtures.bytes("coffee.png"))).toArray();
        java.util.List<double[]> results = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                try {
                    results.add(extractor.extract(decoder.decode(Fixtures.bytes("coffee.png"))).toArray());
                } catch (ImageError e) {
                    throw new AssertionError(e);
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).hasSize(4).allSatisfy(r -> assertThat(r).containsExactly(first));
    }

    @Test
    void optionsValidateThemselves() {
        assertThatThrownBy(() -> new ExtractionOptions(-1, 11, 1)).hasMessageContaining("maxSide").hasMessageContaining("-1");
        assertThatThrownBy(() -> new ExtractionOptions(512, 10, 1)).hasMessageContaining("window").hasMessageContaining("10");
        assertThatThrownBy(() -> new ExtractionOptions(512, 11, 0)).hasMessageContaining("maxPixels");
        assertThat(ExtractionOptions.defaults()).isEqualTo(new ExtractionOptions(512, 11, 100_000_000L));
    }

    @Test
    void schemaNamesAndVersion() {
        assertThat(FeatureSchema.V1.version()).isEqualTo("contrast-features/v1");
        assertThat(FeatureSchema.V1.names()).hasSize(20).startsWith("c_rms").endsWith("clipped_fraction");
        assertThat(FeatureSchema.V1.indexOf("kurtosis")).isEqualTo(7);
        assertThatThrownBy(() -> FeatureSchema.V1.requireVersion("contrast-features/v2", "model m.json"))
                .hasMessageContaining("contrast-features/v2").hasMessageContaining("contrast-features/v1")
                .hasMessageContaining("m.json");
        assertThatThrownBy(() -> new FeatureVector(FeatureSchema.V1, new double[19])).hasMessageContaining("20");
    }
}
