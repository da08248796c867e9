package io.contrastkit.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.app.ModelPhotos;
import io.contrastkit.app.stage.PredictionService;
import io.contrastkit.core.Fixtures;
import io.contrastkit.core.ImageError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process API: the same prediction as the file pipeline, typed errors, safe from many threads. */
class ContrastKitTest {

    private static final List<String> PHOTOS = List.of("rocket.jpg", "retina.jpg", "camera.png", "coffee.png");

    @TempDir
    static Path dir;
    private static Path model;
    private static ContrastKit kit;

    @BeforeAll
    static void open() throws IOException {
        model = ModelPhotos.writeModel(dir.resolve("model.json"));
        kit = ContrastKit.open(model);
    }

    @Test
    void bytesGiveWhatTheFilePipelineGives() throws Exception {
        List<Path> files = PHOTOS.stream().map(Fixtures::image).toList();
        List<PredictionService.ImagePrediction> fromFiles = new ArrayList<>();
        new PredictionService(kit.model(), "model", PredictionService.Options.defaults()).predictFiles(files,
                fromFiles::add);
        for (int i = 0; i < files.size(); i++) {
            PredictionService.Measured m = kit.predict(Files.readAllBytes(files.get(i)));
            PredictionService.ImagePrediction.Predicted f = (PredictionService.ImagePrediction.Predicted) fromFiles.get(i);
            assertThat(m.features().toArray()).as(PHOTOS.get(i)).containsExactly(f.features().toArray());
            assertThat(m.prediction()).as(PHOTOS.get(i)).isEqualTo(f.prediction());
        }
        assertThat(kit.modelVersion()).isEqualTo(kit.model().id()).hasSize(16);
    }

    @Test
    void badBytesAreTypedImageErrors() throws IOException {
        assertThatThrownBy(() -> kit.predict("plain text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ImageError.class, e -> assertThat(e.kind()).isEqualTo(ImageError.Kind.NOT_AN_IMAGE));
        byte[] truncated = Files.readAllBytes(Fixtures.image("truncated.jpg"));
        assertThatThrownBy(() -> kit.predict(truncated))
                .isInstanceOfSatisfying(ImageError.class, e -> assertThat(e.kind()).isEqualTo(ImageError.Kind.TRUNCATED));
        assertThatThrownBy(() -> kit.predict(new byte[0]))
                .isInstanceOfSatisfying(ImageError.class, e -> assertThat(e.kind()).isEqualTo(ImageError.Kind.EMPTY));
    }

    @Test
    void aMissingOrDamagedModelIsRefusedByName() throws IOException {
        assertThatThrownBy(() -> ContrastKit.open(dir.resolve("nope.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.json");
        Path damaged = Files.writeString(dir.resolve("damaged.json"), "{\"format\": \"something else\"}");
        assertThatThrownBy(() -> ContrastKit.open(damaged)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("damaged.json");
    }

    @Test
    void oneInstanceServesManyThreads() throws Exception {
        List<byte[]> images = new ArrayList<>();
        List<PredictionService.Measured> expected = new ArrayList<>();
        for (String name : PHOTOS) {
            images.add(Files.readAllBytes(Fixtures.image(name)));
            expected.add(kit.predict(images.get(images.size() - 1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> same = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                same.add(pool.submit(() -> {
                    boolean ok = true;
                    for (int i = 0; i < 2 * images.size(); i++) {
                        int k = (i + offset) % images.size();
                        PredictionService.Measured m = kit.predict(images.get(k));
                        ok &= m.prediction().equals(expected.get(k).prediction());
                    }
                    return ok;
                }));
            }
            for (Future<Boolean> f : same) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
