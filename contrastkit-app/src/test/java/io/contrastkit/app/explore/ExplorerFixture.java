package io.contrastkit.app.explore;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.app.Main;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.Fixtures;
import io.contrastkit.learn.model.ContrastModelFit;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.learn.model.ContrastModelTrainer;
import io.contrastkit.learn.model.Provenance;
import io.contrastkit.store.StoreSession;
import io.contrastkit.store.FeatureMatrix;
import io.contrastkit.store.FeatureStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A small store and model for explorer tests: eight fixture photos shrunk to 128 px, each also at low
 * and high contrast (24 images), extracted with the CLI and clustered with the trainer.
 */
final class ExplorerFixture {

    static final List<String> PHOTOS = List.of("astronaut.png", "camera.png", "coffee.png", "chelsea.png",
            "moon.png", "text.png", "rocket.jpg", "grass.png");

    /** The base name the last photo is stored under. */
    static final String LONG_NAME = "IMG_20240101_123456789_HDR_from_the_camera_roll_of_a_phone_grass";

    final Path store;
    final Path model;
    final Path photos;

    private ExplorerFixture(Path store, Path model, Path photos) {
        this.store = store;
        this.model = model;
        this.photos = photos;
    }

    static ExplorerFixture create(Path dir) throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (String name : PHOTOS) {
            BufferedImage p = shrink(ImageIO.read(Fixtures.image(name).toFile()), 128);
            String base = name.substring(0, name.indexOf('.'));
            if (name.equals(PHOTOS.get(PHOTOS.size() - 1))) {
                // A camera-roll name with no spaces, longer than a caption: captions must clip it, not spill over.
                base = LONG_NAME;
            }
            ImageIO.write(p, "png", photos.resolve(base + ".png").toFile());
            ImageIO.write(contrast(p, 0.35), "png", photos.resolve(base + "-flat.png").toFile());
            ImageIO.write(contrast(p, 1.8), "png", photos.resolve(base + "-harsh.png").toFile());
        }
        Path store = dir.resolve("store.duckdb");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "extract", "--store", store.toString(),
                photos.toString());
        assertThat(code).as(err.toString()).isZero();
        FeatureMatrix m;
        try (StoreSession fsSession = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.READ)) {
            FeatureStore fs = fsSession.features();
            m = fs.readFeatures();
        }
        ContrastModelFit fit = ContrastModelTrainer.fit(m.values(), Arrays.asList(m.paths()), FeatureSchema.V1,
                ContrastModelOptions.defaults().withKRange(2, 4), 7L,
                new Provenance.Source("test", store.toString(), "2024-01-01T00:00:00Z"));
        Path model = dir.resolve("model.json");
        Files.writeString(model, fit.model().toJson(), StandardCharsets.UTF_8);
        return new ExplorerFixture(store, model, photos);
    }

    ExplorerOptions options() {
        return new ExplorerOptions(store, model, ExplorerOptions.LOOPBACK, 0);
    }

    static BufferedImage shrink(BufferedImage src, int side) {
        double f = Math.min(1.0, side / (double) Math.max(src.getWidth(), src.getHeight()));
        int w = Math.max(1, (int) Math.round(src.getWidth() * f));
        int h = Math.max(1, (int) Math.round(src.getHeight() * f));
        return io.contrastkit.testing.TestImages.resize(src, w, h);
    }

    /** Scales each channel's distance from mid-grey by {@code gain}, clipped. */
    static BufferedImage contrast(BufferedImage src, double gain) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                int rgb = src.getRGB(x, y);
                int r = adjust((rgb >> 16) & 0xff, gain);
                int g = adjust((rgb >> 8) & 0xff, gain);
                int b = adjust(rgb & 0xff, gain);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    private static int adjust(int v, double gain) {
        return (int) Math.max(0, Math.min(255, Math.round(128 + (v - 128) * gain)));
    }
}
