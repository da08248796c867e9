package io.contrastkit.app.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * The demo collection: each bundled photo as it is plus a contrast ladder of it (flattened twice, boosted once),
 * so that an analysis of a handful of photos has visible flat, normal and punchy groups. Variants are generated
 * at demo time rather than committed, which keeps the repository small.
 */
public final class DemoSamples {

    /**
     * A contrast level: {@code factor} scales each pixel's distance from the image's mean grey level
     * (below 1 flattens, above 1 boosts and clips).
     */
    public record Level(String name, double factor) {
        public Level {
            if (name == null || name.isBlank() || !(factor > 0 && factor <= 4)) {
                throw new IllegalArgumentException("ladder level needs a name and a factor in (0, 4], got " + name
                        + " " + factor);
            }
        }
    }

    /** The demo's ladder: strong and mild flattening and a strong boost, with the original as the fourth rung. */
    public static final List<Level> LADDER = List.of(new Level("flat", 0.3), new Level("soft", 0.6),
            new Level("punchy", 1.8));

    private DemoSamples() {
    }

    /**
     * Copies every image of {@code photos} into {@code target} and writes its ladder variants beside it as PNG
     * ({@code name-flat.png}, ...). Files already there are rewritten, so a rerun gives the same collection.
     *
     * @return the files written, originals first
     */
    public static List<Path> write(Path photos, Path target, Consumer<String> progress) throws IOException {
        if (!Files.isDirectory(photos)) {
            throw new IOException("sample photos folder " + photos + " does not exist");
        }
        List<Path> sources = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(photos, "*.{png,jpg,jpeg,PNG,JPG,JPEG}")) {
            ds.forEach(sources::add);
        }
        sources.sort(null);
        if (sources.isEmpty()) {
            throw new IOException("sample photos folder " + photos + " holds no PNG or JPEG images");
        }
        Files.createDirectories(target);
        List<Path> written = new ArrayList<>();
        for (Path src : sources) {
            Path copy = target.resolve(src.getFileName().toString());
            Files.copy(src, copy, StandardCopyOption.REPLACE_EXISTING);
            written.add(copy);
            byte[] bytes = Files.readAllBytes(src);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                progress.accept("skipping " + src + ": not readable by ImageIO");
                continue;
            }
            // variants are written upright: PNG carries no EXIF orientation to undo a rotation later
            BufferedImage upright = Thumbnails.orient(image, Thumbnails.orientation(bytes));
            String stem = stem(src.getFileName().toString());
            for (Level level : LADDER) {
                Path out = target.resolve(stem + "-" + level.name() + ".png");
                ImageIO.write(scaleContrast(upright, level.factor()), "png", out.toFile());
                written.add(out);
            }
        }
        progress.accept(String.format(Locale.ROOT, "%d sample images (%d photos x %d contrast levels) in %s",
                written.size(), sources.size(), LADDER.size() + 1, target));
        return written;
    }

    /**
     * Scales every channel's distance from the image's mean luminance by {@code factor}, in 8-bit sRGB code
     * values (what an editor's contrast slider does); grey images stay grey.
     */
    public static BufferedImage scaleContrast(BufferedImage src, double factor) {
        int w = src.getWidth();
        int h = src.getHeight();
        int[] rgb = src.getRGB(0, 0, w, h, null, 0, w);
        boolean grey = src.getColorModel().getNumColorComponents() == 1;
        double sum = 0;
        for (int p : rgb) {
            sum += 0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff);
        }
        double mean = sum / rgb.length;
        BufferedImage out = new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int[] res = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            int r = level((p >> 16) & 0xff, mean, factor);
            int g = level((p >> 8) & 0xff, mean, factor);
            int b = level(p & 0xff, mean, factor);
            res[i] = 0xff000000 | (r << 16) | (g << 8) | b;
        }
        out.setRGB(0, 0, w, h, res, 0, w);
        return out;
    }

    private static int level(int v, double mean, double factor) {
        return (int) Math.max(0, Math.min(255, Math.round(mean + factor * (v - mean))));
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
