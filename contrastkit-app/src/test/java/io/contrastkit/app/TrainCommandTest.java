package io.contrastkit.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.deep.EngineOptions;
import io.contrastkit.deep.cache.TensorCache;
import io.contrastkit.deep.vae.ContrastVae;
import io.contrastkit.store.EmbeddingTable;
import io.contrastkit.store.StoreSession;
import java.io.IOException;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train vae} and {@code embed} end to end on a tiny store: train, summarise, refuse to overwrite, embed exactly, name bad options. */
class TrainCommandTest {

    @TempDir
    static Path dir;

    static Path store;

    @BeforeAll
    static void extract() throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 8; i++) {
            ImageIO.write(ModelPhotos.noise(48 + 8 * i, 40, i + 1), "png", photos.resolve("n" + i + ".png").toFile());
        }
        store = dir.resolve("store.duckdb");
        CliRun run = CliRun.of("extract", "--store", store.toString(), photos.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** A tiny run: 16 px, 2 epochs, batch 4, one thread; {@code extra} adds options or replaces these. */
    private static CliRun train(Path out, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "vae", "--store",
                store.toString(), "--out", out.toString(), "--latent", "4", "--batch", "4", "--threads", "1"));
        java.util.List<String> given = java.util.List.of(extra);
        if (!given.contains("--image-size")) {
            args.addAll(java.util.List.of("--image-size", "16"));
        }
        if (!given.contains("--epochs")) {
            args.addAll(java.util.List.of("--epochs", "2"));
        }
        args.addAll(given);
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void trainsSavesSummarisesAndRefusesToTrainOverAFinishedRun() throws IOException {
        Path out = dir.resolve("run");
        CliRun run = train(out, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.get("model_id").asText()).matches("vae-[0-9a-f]{12}");
        assertThat(summary.get("epochs").asInt()).isEqualTo(2);
        assertThat(summary.get("train_images").asInt() + summary.get("held_back_images").asInt()).isEqualTo(8);
        assertThat(summary.get("cache_decoded").asInt() + summary.get("cache_reused").asInt()).isEqualTo(8);
        assertThat(Files.isDirectory(Path.of(summary.get("model_dir").asText()))).isTrue();
        assertThat(run.err()).contains("epoch 2/2: train loss").contains("tensor cache");
        assertThat(out.resolve("checkpoints").resolve("epoch-0002")).isDirectory();

        CliRun again = train(out);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a trained model");
    }

    @Test
    void embedWritesEveryImagesVectorAsTheModelComputesItAndReplacesItOnARerun() throws IOException {
        CliRun trained = train(dir.resolve("for-embed"), "--json");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(trained.out());
        Path modelDir = Path.of(t.get("model_dir").asText());
        for (int round = 0; round < 2; round++) {
            CliRun run = CliRun.of("embed", "--store", store.toString(), "--model", modelDir.toString(),
                    "--threads", "1", "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode e = new ObjectMapper().readTree(run.out());
            assertThat(e.get("model_id").asText()).isEqualTo(t.get("model_id").asText());
            assertThat(e.get("rows").asInt()).isEqualTo(8);
            assertThat(e.get("size").asInt()).isEqualTo(4);
        }
        List<EmbeddingTable.Row> stored;
        try (StoreSession s = StoreSession.read(store, FeatureSchema.V1)) {
            stored = s.embeddings().read(t.get("model_id").asText());
            assertThat(s.embeddings().models()).extracting(EmbeddingTable.ModelEntry::rows).contains(8L);
        }
        assertThat(stored).hasSize(8);
        long[] ids = stored.stream().mapToLong(EmbeddingTable.Row::imageId).toArray();
        try (ContrastVae vae = ContrastVae.load(modelDir, new EngineOptions(EngineOptions.Device.CPU, 1));
             TensorCache cache = TensorCache.open(TensorCache.fileFor(store), 16)) {
            float[][] direct = vae.embed(cache, ids, 3);
            for (int i = 0; i < ids.length; i++) {
                assertThat(stored.get(i).vector()).containsExactly(direct[i]);
            }
        }
        CliRun noModel = CliRun.of("embed", "--store", store.toString(), "--model", dir.resolve("nope").toString());
        assertThat(noModel.exitCode()).isEqualTo(2);
        assertThat(noModel.err()).contains("no model at");
    }

    @Test
    void theCacheIsReusedAndResumeWithoutACheckpointIsRefused() {
        CliRun first = train(dir.resolve("first"), "--epochs", "1");
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliRun second = train(dir.resolve("second"), "--epochs", "1");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).contains("0 decoded, 8 reused");
        // Resuming itself (same losses as an uninterrupted run) is ContrastVaeTest's; here the command's refusal.
        CliRun resume = train(dir.resolve("nothing-yet"), "--resume");
        assertThat(resume.exitCode()).isEqualTo(2);
        assertThat(resume.err()).contains("no checkpoint to resume from");
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheValue() {
        CliRun size = train(dir.resolve("bad"), "--image-size", "24");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("24").contains("power of two");
        CliRun device = train(dir.resolve("bad2"), "--device", "tpu");
        assertThat(device.exitCode()).isEqualTo(2);
        assertThat(device.err()).contains("--device").contains("tpu");
        CliRun none = CliRun.of("train");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("vae");
    }
}
