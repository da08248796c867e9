package io.contrastkit.app;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.model.ContrastModelFit;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.learn.model.ContrastModelTrainer;
import io.contrastkit.learn.model.Provenance;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.Fixtures;
import io.contrastkit.core.decode.ImageDecoder;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;

/**
 * A small realistic collection for model tests: the fixture photos, each at several crops, scales and
 * contrast levels, plus synthetic frames and tone curves. Images are shrunk to at most 192 px so that
 * measuring ~80 of them takes well under a second.
 */
public final class ModelPhotos {

    static final List<String> PHOTOS = List.of("astronaut.png", "camera.png", "coffee.png", "chelsea.png", "coins.png",
            "grass.png", "gravel.png", "moon.png", "page.png", "text.png", "rocket.jpg", "retina.jpg",
            "hubble_deep_field.jpg", "brick.png", "horse.png");

    static final int SIDE = 192;
    private static final ContrastFeatureExtractor EXTRACTOR = new ContrastFeatureExtractor(ExtractionOptions.defaults());
    private static final ImageDecoder DECODER = new ImageDecoder(ExtractionOptions.defaults());

    private ModelPhotos() {
    }

    static BufferedImage photo(String name) {
        try {
            BufferedImage img = ImageIO.read(Fixtures.image(name).toFile());
            return shrink(toRgb(img), SIDE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Name to image: every photo as is, two crops, a half-size copy, and two contrast levels. */
    static Map<String, BufferedImage> variants() {
        Map<String, BufferedImage> out = new LinkedHashMap<>();
        for (String name : PHOTOS) {
            BufferedImage p = photo(name);
            int w = p.getWidth();
            int h = p.getHeight();
            out.put(name, p);
            out.put(name + "#crop-centre", p.getSubimage(w / 6, h / 6, w * 2 / 3, h * 2 / 3));
            out.put(name + "#crop-corner", p.getSubimage(0, 0, w * 3 / 4, h * 3 / 4));
            out.put(name + "#half", shrink(p, SIDE / 2));
            out.put(name + "#contrast-0.85", compress(p, 0.85));
            out.put(name + "#contrast-1.1", compress(p, 1.1));
        }
        return out;
    }

    /**
     * Fits a model on {@link #variants()} (k 2..4, seed 42) and writes it to {@code file}: a real model
     * for tests of the ways in (the service, the in-process API) that need one but no store.
     */
    public static Path writeModel(Path file) throws IOException {
        Map<String, BufferedImage> images = variants();
        double[][] rows = rows(images).toArray(new double[0][]);
        ContrastModelFit fit = ContrastModelTrainer.fit(rows, new ArrayList<>(images.keySet()), FeatureSchema.V1,
                ContrastModelOptions.defaults().withKRange(2, 4), 42L,
                new Provenance.Source("test", "model-photos", "2024-01-01T00:00:00Z"));
        Files.writeString(file, fit.model().toJson(), StandardCharsets.UTF_8);
        return file;
    }

    static double[] features(BufferedImage img) {
        return EXTRACTOR.extract(DECODER.fromBufferedImage(img)).toArray();
    }

    static BufferedImage filled(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    static BufferedImage noise(int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rnd.nextInt(1 << 24));
            }
        }
        return img;
    }

    /** Every sample moved towards (a < 1) or away from (a > 1) the image's mean code value, clamped. */
    static BufferedImage compress(BufferedImage src, double a) {
        double mean = 0;
        int w = src.getWidth();
        int h = src.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = src.getRGB(x, y);
                mean += ((c >> 16) & 255) + ((c >> 8) & 255) + (c & 255);
            }
        }
        double m = mean / (3.0 * w * h);
        return map(src, v -> m + a * (v - m));
    }

    /** A smooth S-curve on code values (tanh around mid-grey): darks darker, lights lighter. */
    static BufferedImage sCurve(BufferedImage src, double gain) {
        double norm = Math.tanh(gain / 2);
        return map(src, v -> 127.5 + 127.5 * Math.tanh(gain * (v / 255.0 - 0.5)) / norm);
    }

    private static BufferedImage map(BufferedImage src, DoubleUnaryOperator f) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                int c = src.getRGB(x, y);
                int r = clamp(f.applyAsDouble((c >> 16) & 255));
                int g = clamp(f.applyAsDouble((c >> 8) & 255));
                int b = clamp(f.applyAsDouble(c & 255));
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static BufferedImage toRgb(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    static BufferedImage shrink(BufferedImage img, int side) {
        double s = Math.min(1.0, (double) side / Math.max(img.getWidth(), img.getHeight()));
        int w = Math.max(1, (int) Math.round(img.getWidth() * s));
        int h = Math.max(1, (int) Math.round(img.getHeight() * s));
        if (w == img.getWidth() && h == img.getHeight()) {
            return img;
        }
        return io.contrastkit.testing.TestImages.resize(img, w, h);
    }

    /** Names and feature rows of {@code images}, in order. */
    static List<double[]> rows(Map<String, BufferedImage> images) {
        List<double[]> out = new ArrayList<>();
        images.values().forEach(img -> out.add(features(img)));
        return out;
    }
}
