package io.contrastkit.deep;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.store.ImageRecord;
import io.contrastkit.store.StoreSession;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Stores of generated images for the deep tests: PNGs of seeded patterns at chosen sizes and contrasts. */
public final class TestStores {

    private TestStores() {
    }

    /**
     * Writes {@code n} seeded PNGs (smooth waves plus noise, contrast and mean varying per image, sizes
     * {@code width x height}) under {@code dir} and a store {@code dir/store.duckdb} that lists them as ok.
     */
    public static Path generated(Path dir, int n, int width, int height, long seed) {
        Random random = new Random(seed);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double contrast = 0.05 + 0.45 * random.nextDouble();
            double mean = 0.3 + 0.4 * random.nextDouble();
            double fx = 1 + random.nextInt(3);
            double fy = 1 + random.nextInt(3);
            double phase = random.nextDouble() * Math.PI;
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double wave = Math.sin(2 * Math.PI * (fx * x / width + fy * y / height) + phase);
                    double v = mean + contrast * wave + 0.03 * random.nextGaussian();
                    int r = code(v);
                    int g = code(v * 0.9 + 0.05);
                    int b = code(v * 0.8 + 0.1);
                    img.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
            files.add(write(dir.resolve(String.format("img-%03d.png", i)), img));
        }
        return store(dir.resolve("store.duckdb"), files);
    }

    /** One PNG of a single colour. */
    public static Path flat(Path file, int width, int height, int r, int g, int b) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return write(file, img);
    }

    /** A store at {@code store} listing {@code files} as ok images (features are zeros: the deep code reads pixels). */
    public static Path store(Path store, List<Path> files) {
        try (StoreSession s = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.CREATE)) {
            s.features().write(records(files));
        }
        return store;
    }

    /** Store rows for {@code files} as they are on disk now. */
    public static List<ImageRecord> records(List<Path> files) {
        List<ImageRecord> records = new ArrayList<>();
        FeatureVector zeros = new FeatureVector(FeatureSchema.V1, new double[FeatureSchema.V1.size()]);
        try {
            for (Path f : files) {
                Path abs = f.toAbsolutePath().normalize();
                long mtime = Files.getLastModifiedTime(abs).toInstant().toEpochMilli() * 1_000_000L;
                BufferedImage img = ImageIO.read(abs.toFile());
                records.add(ImageRecord.ok(abs.toString(), Files.size(abs), mtime, img.getWidth(), img.getHeight(),
                        "png", "test", zeros, Instant.EPOCH));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static Path write(Path file, BufferedImage img) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(img, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int code(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
}
