package io.contrastkit.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.LabelTable;
import io.contrastkit.store.StoreSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image keeps its id when it is measured again (issue 12, item 1), so a person's labels and judgements
 * survive touch + extract, --force, import and a rename.
 */
class ImageIdentityTest {

    @TempDir
    Path dir;

    private Path photos;
    private Path store;

    @BeforeEach
    void extractAndLabel() throws Exception {
        photos = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 4; i++) {
            TestImages.write(photos.resolve("p" + i + ".png"), 30 + i, 24, 10 + i, "png");
        }
        store = dir.resolve("s.duckdb");
        assertThat(CliRun.of("extract", "--store", store.toString(), photos.toString()).exitCode()).isZero();
        CliRun label = CliRun.of("label", "--store", store.toString(), "--image", photos.resolve("p1.png").toString(),
                "--name", "foggy");
        assertThat(label.exitCode()).as(label.err()).isZero();
        try (StoreSession s = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.WRITE)) {
            long a = s.labels().imageId(photos.resolve("p0.png").toAbsolutePath().normalize().toString()).orElseThrow();
            long b = s.labels().imageId(photos.resolve("p2.png").toAbsolutePath().normalize().toString()).orElseThrow();
            s.labels().addJudgement(a, b, b);
        }
    }

    /** Labels by path and judgements by path, read back through the ids they are keyed by. */
    private Map<String, String> labels() {
        try (StoreSession s = StoreSession.read(store, FeatureSchema.V1)) {
            return s.labels().labels().stream().collect(Collectors.toMap(l -> fileName(l.path()), LabelTable.Label::label));
        }
    }

    /** The one judgement's left, right and winner, as the file names their ids belong to now. */
    private List<String> judgedFiles() {
        try (StoreSession s = StoreSession.read(store, FeatureSchema.V1)) {
            List<LabelTable.Judgement> js = s.labels().judgements();
            assertThat(js).hasSize(1);
            assertThat(s.labels().judgementCount()).isEqualTo(js.size());
            Map<Long, String> paths = new java.util.HashMap<>();
            var m = s.features().readFeatures();
            for (int i = 0; i < m.rows(); i++) {
                paths.put(m.ids()[i], fileName(m.paths()[i]));
            }
            LabelTable.Judgement j = js.get(0);
            return List.of(String.valueOf(paths.get(j.left())), String.valueOf(paths.get(j.right())),
                    String.valueOf(paths.get(j.winner())));
        }
    }

    private static String fileName(String path) {
        return Path.of(path).getFileName().toString();
    }

    private void assertHumanWorkIntact(String labelledFile) {
        assertThat(labels()).containsExactly(Map.entry(labelledFile, "foggy"));
        assertThat(judgedFiles()).containsExactly("p0.png", "p2.png", "p2.png");
    }

    @Test
    void touchThenExtractKeepsLabelsAndJudgements() throws Exception {
        Files.setLastModifiedTime(photos.resolve("p1.png"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Files.setLastModifiedTime(photos.resolve("p0.png"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        CliRun run = CliRun.of("extract", "--store", store.toString(), photos.toString());
        assertThat(run.out()).contains("extracted 2 ok");
        assertHumanWorkIntact("p1.png");
    }

    @Test
    void forceKeepsLabelsAndJudgements() {
        CliRun run = CliRun.of("extract", "--force", "--profile", "--store", store.toString(), photos.toString());
        assertThat(run.out()).contains("extracted 4 ok");
        assertThat(run.out()).containsPattern("stages \\(thread time per image\\): read [0-9.]+ ms \\(\\d+%\\), hash .*"
                + "header .*decode to working image .*features .*store [0-9.]+ ms");
        assertHumanWorkIntact("p1.png");
    }

    @Test
    void importKeepsLabelsAndJudgements() {
        Path parquet = dir.resolve("features.parquet");
        assertThat(CliRun.of("export", "--store", store.toString(), "--format", "parquet", "--out", parquet.toString())
                .exitCode()).isZero();
        CliRun run = CliRun.of("import", "--store", store.toString(), parquet.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertHumanWorkIntact("p1.png");
    }

    @Test
    void aRenamedFileIsRecognisedByItsContentAndKeepsItsLabel() throws Exception {
        Files.move(photos.resolve("p1.png"), photos.resolve("renamed.png"));
        CliRun run = CliRun.of("extract", "--store", store.toString(), photos.toString());
        assertThat(run.out()).contains("1 moved or renamed image recognised by content");
        assertThat(labels()).containsExactly(Map.entry("renamed.png", "foggy"));
        try (StoreSession s = StoreSession.read(store, FeatureSchema.V1)) {
            assertThat(s.features().counts().ok()).as("the old path's row was taken over, not left behind").isEqualTo(4);
        }
    }

    @Test
    void predictionsOfReMeasuredImagesAreStaleUntilTheNextClusterAndSaySo() throws Exception {
        for (int i = 4; i < 7; i++) {
            TestImages.write(photos.resolve("p" + i + ".png"), 30 + i, 24, 10 + i, "png");
        }
        assertThat(CliRun.of("extract", "--store", store.toString(), photos.toString()).exitCode()).isZero();
        Path model = dir.resolve("model.json");
        CliRun cluster = CliRun.of("cluster", "--store", store.toString(), "--k", "2", "--model", model.toString());
        assertThat(cluster.exitCode()).as(cluster.err()).isZero();
        assertThat(CliRun.of("anomalies", "--store", store.toString()).err()).doesNotContain("stale");
        // Timestamps have microseconds; a re-measure right after the fit must still come later.
        Thread.sleep(5);
        CliRun force = CliRun.of("extract", "--force", "--store", store.toString(), photos.toString());
        assertThat(force.err()).contains("WARNING: 7 predictions of model").contains("are stale")
                .contains("run contrastkit cluster to refresh them");
        CliRun anomalies = CliRun.of("anomalies", "--store", store.toString());
        assertThat(anomalies.exitCode()).as(anomalies.err()).isZero();
        assertThat(anomalies.out()).as("the predictions are still shown, not orphaned").contains("p1.png");
        assertThat(anomalies.err()).contains("7 predictions of model").contains("are stale");
        assertThat(CliRun.of("cluster", "--store", store.toString(), "--k", "2", "--model", model.toString())
                .exitCode()).isZero();
        assertThat(CliRun.of("anomalies", "--store", store.toString()).err()).doesNotContain("stale");
        CliRun unchanged = CliRun.of("extract", "--store", store.toString(), photos.toString());
        assertThat(unchanged.err()).as("nothing measured, nothing stale").doesNotContain("stale");
    }
}
