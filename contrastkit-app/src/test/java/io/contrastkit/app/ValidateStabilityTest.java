package io.contrastkit.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.store.StoreSession;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.store.ImageRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stability verdict of {@code contrastkit validate} on synthetic stores written row by row: three
 * well-separated groups must be called stable with ARI near 1 and a narrow interval; pure noise must not.
 */
class ValidateStabilityTest {

    private static final int ROWS = 120;

    @TempDir
    Path dir;

    @Test
    void wellSeparatedGroupsAreStable() throws Exception {
        JsonNode s = validate(store("separated", true));
        System.out.println("separated: " + s.get("verdict").asText());
        assertThat(s.get("stable").asBoolean()).isTrue();
        assertThat(s.get("verdict").asText()).startsWith("stable: ");
        assertThat(s.get("bootstrap_ari").asDouble()).isGreaterThan(0.98);
        assertThat(s.get("bootstrap_ari_ci").get(0).asDouble()).isGreaterThan(0.95);
        assertThat(s.get("bootstrap_ari_ci").get(1).asDouble() - s.get("bootstrap_ari_ci").get(0).asDouble())
                .isLessThan(0.05);
        assertThat(s.get("seed_ari").asDouble()).isGreaterThan(0.98);
        assertThat(s.get("bootstrap_nmi").asDouble()).isGreaterThan(0.95);
    }

    @Test
    void noiseIsUnstable() throws Exception {
        Path store = store("noise", false);
        JsonNode s = validate(store);
        System.out.println("noise: " + s.get("verdict").asText());
        assertThat(s.get("stable").asBoolean()).isFalse();
        assertThat(s.get("verdict").asText()).startsWith("unstable: ");
        assertThat(s.get("bootstrap_ari").asDouble()).isLessThan(0.6);

        CliRun text = CliRun.of("validate", "--store", store.toString(), "--model", dir.resolve("noise.json").toString(),
                "--stability-resamples", "20", "--seed-refits", "5");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("(?m)^  verdict\\s+unstable: bootstrap ARI mean");
    }

    /** The stability section of the JSON report of a model fitted with k = 3 on the store. */
    private JsonNode validate(Path store) throws Exception {
        Path model = dir.resolve(store.getFileName().toString().replace(".duckdb", ".json"));
        CliRun fit = CliRun.of("cluster", "--store", store.toString(), "--model", model.toString(), "--k", "3");
        assertThat(fit.exitCode()).as(fit.err()).isZero();
        CliRun run = CliRun.of("validate", "--store", store.toString(), "--model", model.toString(), "--json",
                "--stability-resamples", "20", "--seed-refits", "5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out()).get("stability");
    }

    /** A store of ROWS synthetic feature rows: three far-apart tight blobs, or one Gaussian cloud. */
    private Path store(String name, boolean separated) {
        Path file = dir.resolve(name + ".duckdb");
        FeatureSchema schema = FeatureSchema.V1;
        int d = schema.size();
        SplittableRandom random = new SplittableRandom(11);
        double[][] centres = new double[3][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = random.nextDouble(-1, 1);
            }
        }
        List<ImageRecord> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            double[] v = new double[d];
            for (int j = 0; j < d; j++) {
                double noise = random.nextGaussian();
                // far apart in every column, so the groups survive per-feature standardisation
                v[j] = separated ? 20 * centres[i % 3][j] + 0.2 * noise : noise;
            }
            rows.add(ImageRecord.ok("/synthetic/" + name + "/img" + i + ".png", 1000 + i, i, 64, 64, "png", "synthetic 0",
                    new FeatureVector(schema, v), Instant.EPOCH));
        }
        try (StoreSession fsSession = StoreSession.open(file, schema, StoreSession.Access.CREATE)) {
            FeatureStore fs = fsSession.features();
            fs.write(rows);
        }
        return file;
    }
}
