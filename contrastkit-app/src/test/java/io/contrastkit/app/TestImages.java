package io.contrastkit.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Small generated photos-to-be: smooth gradients with seeded noise, each image different. */
public final class TestImages {

    private TestImages() {
    }

    /** Writes one image; {@code format} is an ImageIO writer name (png, jpg). */
    public static Path write(Path file, int width, int height, long seed, String format) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        double fx = 0.5 + rnd.nextDouble() * 3;
        double fy = 0.5 + rnd.nextDouble() * 3;
        double amp = 20 + rnd.nextInt(100);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double base = 128 + amp * Math.sin(fx * x / width * Math.PI * 2) * Math.cos(fy * y / height * Math.PI * 2);
                int r = clamp(base + rnd.nextInt(21) - 10);
                int g = clamp(base * 0.8 + rnd.nextInt(21) - 10 + (seed % 7) * 5);
                int b = clamp(255 - base + rnd.nextInt(21) - 10);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code count} images named img0000.jpg, img0001.png, ... alternating JPEG and PNG. */
    static List<Path> folder(Path dir, int count, int width, int height) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String format = i % 2 == 0 ? "jpg" : "png";
            files.add(write(dir.resolve(String.format("img%04d.%s", i, format)), width, height, i, format));
        }
        return files;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
