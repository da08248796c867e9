package io.contrastkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.core.FeatureSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predictions keyed by image and model id: replace, latest model, ranking, export and errors. */
class PredictionTableTest {

    private static final FeatureSchema V1 = FeatureSchema.V1;

    @TempDir
    Path dir;

    private Path storeWithImages() {
        Path file = dir.resolve("s.duckdb");
        try (StoreSession fsSession = StoreSession.open(file, V1, StoreSession.Access.CREATE)) {
            FeatureStore fs = fsSession.features();
            fs.write(List.of(FeatureStoreTest.ok("/p/a.png", 1), FeatureStoreTest.ok("/p/b.png", 2),
                    FeatureStoreTest.ok("/p/c.png", 3), FeatureStoreTest.failed("/p/bad.jpg")));
        }
        return file;
    }

    private static PredictionTable.Row row(long id, double anomaly) {
        return new PredictionTable.Row(id, 1, "low contrast, dark", 0.5, 42.0, anomaly, anomaly >= 0.5, 1.5, -2.5);
    }

    @Test
    void replaceRankAndExport() throws Exception {
        Path file = storeWithImages();
        long[] ids;
        try (StoreSession fsSession = StoreSession.open(file, V1, StoreSession.Access.READ)) {
            FeatureStore fs = fsSession.features();
            ids = fs.readFeatures().ids();
        }
        try (StoreSession tSession = StoreSession.open(file, V1, StoreSession.Access.WRITE)) {
            PredictionTable t = tSession.predictions();
            assertThat(t.latestModel()).isEmpty();
            t.replace("m1", "/models/m1.json", List.of(row(ids[0], 0.1), row(ids[1], 0.9), row(ids[2], 0.4)));
            // Writing the same model again replaces its rows rather than adding to them.
            t.replace("m1", "/models/m1.json", List.of(row(ids[0], 0.2), row(ids[1], 0.9), row(ids[2], 0.6)));
            assertThat(t.all("m1")).hasSize(3);
            assertThat(t.latestModel()).contains("m1");
        }
        try (StoreSession tSession = StoreSession.open(file, V1, StoreSession.Access.READ)) {
            PredictionTable t = tSession.predictions();
            List<PredictionTable.PathRow> top = t.topAnomalies("m1", 2);
            assertThat(top).extracting(PredictionTable.PathRow::path).containsExactly("/p/b.png", "/p/c.png");
            assertThat(top.get(0).row().anomaly()).isTrue();
            assertThat(top.get(0).row().groupName()).isEqualTo("low contrast, dark");
            assertThat(t.models()).singleElement().satisfies(m -> {
                assertThat(m.rows()).isEqualTo(3);
                assertThat(m.modelPath()).isEqualTo("/models/m1.json");
            });
            Path csv = dir.resolve("out/p.csv");
            t.export("m1", csv, false);
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).isEqualTo("path,status," + String.join(",", V1.names())
                    + ",group,group_name,contrast_score,anomaly_score,map_x,map_y");
            assertThat(lines).hasSize(5);
            assertThat(lines.get(1)).startsWith("/p/a.png,ok,").endsWith(",1,\"low contrast, dark\",42.0,0.2,1.5,-2.5");
            assertThat(lines.get(3)).startsWith("/p/bad.jpg,failed,").endsWith(",,,,,,");
        }
        // The feature store still opens and reads with the extra tables present.
        try (StoreSession fsSession = StoreSession.open(file, V1, StoreSession.Access.READ)) {
            FeatureStore fs = fsSession.features();
            assertThat(fs.counts().ok()).isEqualTo(3);
        }
    }

    @Test
    void missingStoreAndStoreWithoutPredictionsAreClearErrors() {
        assertThatThrownBy(() -> StoreSession.open(dir.resolve("none.duckdb"), V1, StoreSession.Access.READ).predictions())
                .hasMessageContaining("no store at");
        Path file = storeWithImages();
        try (StoreSession tSession = StoreSession.open(file, V1, StoreSession.Access.READ)) {
            PredictionTable t = tSession.predictions();
            assertThat(t.latestModel()).isEmpty();
            assertThat(t.topAnomalies("m", 5)).isEmpty();
            assertThatThrownBy(() -> t.export("m", dir.resolve("x.csv"), false))
                    .hasMessageContaining("has no predictions (run contrastkit cluster first)");
            assertThatThrownBy(() -> t.replace("m", null, List.of())).hasMessageContaining("read-only");
        }
    }
}
