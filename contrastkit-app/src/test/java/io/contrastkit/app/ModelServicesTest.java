package io.contrastkit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.app.stage.ModelFiles;
import io.contrastkit.app.stage.ModelFitException;
import io.contrastkit.app.stage.ModelFitResult;
import io.contrastkit.app.stage.ModelFittingService;
import io.contrastkit.app.stage.PredictionService;
import io.contrastkit.app.stage.ProgressSink;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.ImageError;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.learn.model.Prediction;
import io.contrastkit.store.StoreSession;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModelFittingService and PredictionService called directly, as the REST service and Spark job will. */
class ModelServicesTest {

    @TempDir
    Path dir;

    private Path extract(int photos) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        for (String name : ModelPhotos.PHOTOS.subList(0, Math.min(photos, ModelPhotos.PHOTOS.size()))) {
            BufferedImage p = ModelPhotos.photo(name);
            String base = name.substring(0, name.indexOf('.'));
            ImageIO.write(p, "png", folder.resolve(base + ".png").toFile());
            ImageIO.write(ModelPhotos.compress(p, 0.8), "png", folder.resolve(base + "-soft.png").toFile());
        }
        Path store = dir.resolve("store.duckdb");
        CliRun run = CliRun.of("extract", "--store", store.toString(), folder.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return store;
    }

    @Test
    void fitsWritesTheModelStoresPredictionsAndPredictsFilesInOrder() throws Exception {
        Path store = extract(ModelPhotos.PHOTOS.size());
        Path modelFile = dir.resolve("m/model.json");
        List<String> events = new ArrayList<>();
        ProgressSink sink = new ProgressSink() {
            @Override
            public void start(String phase, long total) {
                events.add("start " + phase);
            }

            @Override
            public void step(String what) {
                events.add(what);
            }
        };
        ModelFittingService.Options options = new ModelFittingService.Options(
                ContrastModelOptions.defaults().withKRange(2, 4), 5, modelFile, Instant.ofEpochSecond(0));
        ModelFitResult fit;
        try (StoreSession session = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.WRITE)) {
            fit = ModelFittingService.fit(options, session, sink);
            assertThat(session.predictions().all(fit.model().id())).hasSize(fit.rows());
        }
        assertThat(fit.rows()).isEqualTo(2 * ModelPhotos.PHOTOS.size());
        assertThat(fit.predictionsWritten()).isEqualTo(fit.rows());
        assertThat(fit.modelFile()).isEqualTo(modelFile);
        assertThat(Files.readString(modelFile)).isEqualTo(fit.model().toJson());
        assertThat(fit.model().provenance().createdAt()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(events.get(0)).isEqualTo("start fit");
        assertThat(events).anyMatch(e -> e.startsWith("t-SNE map"));

        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("photos"))) {
            files = new ArrayList<>(s.sorted().toList());
        }
        files.add(1, dir.resolve("photos/missing.png"));
        PredictionService service = new PredictionService(ModelFiles.read(modelFile), "model " + modelFile,
                new PredictionService.Options(io.contrastkit.core.ExtractionOptions.defaults(), 2));
        List<PredictionService.ImagePrediction> got = new ArrayList<>();
        PredictionService.Totals totals = service.predictFiles(files, got::add);
        assertThat(got).extracting(PredictionService.ImagePrediction::path).containsExactlyElementsOf(files);
        assertThat(totals.failed()).isEqualTo(1);
        assertThat(totals.predicted()).isEqualTo(files.size() - 1);
        PredictionService.ImagePrediction.Failed missing = (PredictionService.ImagePrediction.Failed) got.get(1);
        assertThat(missing.error().kind()).isEqualTo(ImageError.Kind.UNREADABLE);
        PredictionService.ImagePrediction.Predicted first = (PredictionService.ImagePrediction.Predicted) got.get(0);
        Prediction again = service.predict(new double[][] {first.features().toArray()}).get(0);
        assertThat(again.group()).isEqualTo(first.prediction().group());
        assertThat(again.contrastScore()).isEqualTo(first.prediction().contrastScore());
    }

    @Test
    void tooFewRowsIsATypedFailureAndWritesNoModel() throws Exception {
        Path store = extract(1);
        Path modelFile = dir.resolve("model.json");
        try (StoreSession session = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.WRITE)) {
            assertThatThrownBy(() -> ModelFittingService.fit(ModelFittingService.Options.of(modelFile), session,
                    ProgressSink.NONE))
                    .isInstanceOfSatisfying(ModelFitException.class,
                            e -> assertThat(e.kind()).isEqualTo(ModelFitException.Kind.TOO_FEW_ROWS))
                    .hasMessageContaining("has 2 measured images; a model needs at least 5");
        }
        assertThat(modelFile).doesNotExist();
    }
}
