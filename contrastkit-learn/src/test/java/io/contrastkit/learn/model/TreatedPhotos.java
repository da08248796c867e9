package io.contrastkit.learn.model;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.decode.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Test collections made from the project's bundled photos (samples/photos, the demo's): crops, contrast
 * treatments and small perturbations, measured through the production decoder and extractor.
 */
final class TreatedPhotos {

    /** The three contrast classes of the treatment test, applied per sRGB channel value in [0, 1]. */
    enum Treatment {
        /** Strong compression towards a lifted grey, like haze: a third of the original spread. */
        HAZE(v -> 0.6 + 0.33 * (v - 0.5)),
        /** Untouched. */
        NONE(v -> v),
        /** A strong S-curve: a logistic of gain 10 around mid-grey, stretched back to 0..1. */
        S_CURVE(v -> {
            double lo = 1 / (1 + Math.exp(5));
            double hi = 1 / (1 + Math.exp(-5));
            return (1 / (1 + Math.exp(-10 * (v - 0.5))) - lo) / (hi - lo);
        });

        final DoubleUnaryOperator curve;

        Treatment(DoubleUnaryOperator curve) {
            this.curve = curve;
        }
    }

    private static final ImageDecoder DECODER = new ImageDecoder(ExtractionOptions.defaults());
    private static final ContrastFeatureExtractor EXTRACTOR = new ContrastFeatureExtractor();

    private TreatedPhotos() {
    }

    /** The bundled photos, found from the module folder or the repository root. */
    static List<Path> photos() throws IOException {
        for (Path dir : List.of(Path.of("../samples/photos"), Path.of("samples/photos"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    return s.filter(p -> p.toString().matches(".*\\.(png|jpg)")).sorted().toList();
                }
            }
        }
        throw new IllegalStateException("samples/photos not found from " + Path.of("").toAbsolutePath());
    }

    /** A photo decoded to 8-bit sRGB and scaled so that its long side is {@code side} pixels. */
    static BufferedImage small(Path photo, int side) throws IOException {
        BufferedImage src;
        try {
            src = DECODER.decodeRaster(Files.readAllBytes(photo));
        } catch (io.contrastkit.core.ImageError e) {
            throw new IOException(photo + ": " + e.getMessage(), e);
        }
        double f = side / (double) Math.max(src.getWidth(), src.getHeight());
        int w = Math.max(8, (int) Math.round(src.getWidth() * f));
        int h = Math.max(8, (int) Math.round(src.getHeight() * f));
        return io.contrastkit.testing.TestImages.resize(src, w, h);
    }

    /** A crop: {@code fraction} of each side, at corner {@code corner} (0..3). */
    static BufferedImage crop(BufferedImage img, double fraction, int corner) {
        int w = (int) (img.getWidth() * fraction);
        int h = (int) (img.getHeight() * fraction);
        int x = (corner & 1) == 0 ? 0 : img.getWidth() - w;
        int y = (corner & 2) == 0 ? 0 : img.getHeight() - h;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(img.getSubimage(x, y, w, h), 0, 0, null);
        return out;
    }

    /** Applies a tone curve to every sRGB channel value. */
    static BufferedImage tone(BufferedImage img, DoubleUnaryOperator curve) {
        int[] lut = new int[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = (int) Math.round(255 * Math.min(1, Math.max(0, curve.applyAsDouble(v / 255.0))));
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                out.setRGB(x, y, lut[(p >> 16) & 255] << 16 | lut[(p >> 8) & 255] << 8 | lut[p & 255]);
            }
        }
        return out;
    }

    /** Adds seeded Gaussian noise of standard deviation {@code sigma} (in 0..1 units) to every channel. */
    static BufferedImage noise(BufferedImage img, double sigma, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double v = ((p >> shift) & 255) + 255 * sigma * rnd.nextGaussian();
                    rgb |= (int) Math.max(0, Math.min(255, Math.round(v))) << shift;
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    /** A flat frame of one grey level. */
    static BufferedImage flat(int w, int h, int level) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, level << 16 | level << 8 | level);
            }
        }
        return out;
    }

    /** The v1 features of an image, through a PNG and the production decoder (sRGB to linear, clipping). */
    static double[] features(BufferedImage img) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(img, "png", png);
            return EXTRACTOR.extract(DECODER.decode(png.toByteArray())).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (io.contrastkit.core.ImageError e) {
            throw new IllegalStateException("decode failed: " + e.getMessage(), e);
        }
    }

    /** Row lists of a collection with its two labellings. */
    record Collection(List<double[]> rows, List<Integer> source, List<Integer> contrastClass) {
        static Collection empty() {
            return new Collection(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        double[][] matrix() {
            return rows.toArray(new double[0][]);
        }
    }
}
