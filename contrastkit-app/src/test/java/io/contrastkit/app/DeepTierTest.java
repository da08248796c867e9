package io.contrastkit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.app.api.ContrastKit;
import io.contrastkit.app.serve.PredictionServer;
import io.contrastkit.app.serve.ServeOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.Fixtures;
import io.contrastkit.deep.EngineOptions;
import io.contrastkit.deep.cache.TensorCache;
import io.contrastkit.deep.vae.ContrastVae;
import io.contrastkit.store.EmbeddingTable;
import io.contrastkit.store.KnownImage;
import io.contrastkit.store.StoreSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ?tier=deep} over real HTTP on loopback, with a tiny VAE trained here: the served vector is the
 * in-process one-image pass bit for bit, and agrees with what {@code embed} stored; the rest of the answer is
 * the hybrid tier's; batch, model, metrics and the OpenAPI document say the same; without the model it is 409.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeepTierTest {

    /** Real photos of several sizes and formats, so the square decode downscales and crops differently. */
    private static final List<String> PHOTOS = List.of("rocket.jpg", "camera.png", "coins.png", "moon.png",
            "text.png", "horse.png", "brick.png", "gravel.png");
    /**
     * How far a stored embedding (embed: all 8 images in one forward pass) may be from the served one (one image
     * a pass): the same weights and pixels, but libtorch's kernels block and sum differently for another batch
     * size, so the last float bits may differ. Measured here: 2.4e-7 and 4.8e-7 in two runs (the test prints
     * it). 1e-5 leaves room for other CPUs' kernels; a wrong preprocessing is caught exactly by the
     * batch-of-one check before it.
     */
    private static final float STORED_TOLERANCE = 1e-5f;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dir;

    static Path store;
    static Path model;
    static Path vaeDir;
    static String vaeId;
    static Map<String, Path> photos = new LinkedHashMap<>();
    static PredictionServer server;

    @BeforeAll
    static void trainEmbedAndServe() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        for (String name : PHOTOS) {
            photos.put(name, Files.copy(Fixtures.image(name), folder.resolve(name)));
        }
        store = dir.resolve("store.duckdb");
        CliRun extract = CliRun.of("extract", "--store", store.toString(), folder.toString());
        assertThat(extract.exitCode()).as(extract.err()).isZero();
        CliRun train = CliRun.of("train", "vae", "--store", store.toString(), "--out", dir.resolve("run").toString(),
                "--image-size", "16", "--latent", "4", "--epochs", "2", "--batch", "4", "--threads", "1", "--json");
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode t = JSON.readTree(train.out());
        vaeDir = Path.of(t.get("model_dir").asText());
        vaeId = t.get("model_id").asText();
        // embed's default batch (64): all 8 images in one forward pass, against the service's one.
        CliRun embed = CliRun.of("embed", "--store", store.toString(), "--model", vaeDir.toString(), "--threads", "1");
        assertThat(embed.exitCode()).as(embed.err()).isZero();
        model = ModelPhotos.writeModel(dir.resolve("model.json"));
        server = PredictionServer.start(ServeOptions.defaults(model, 2).withEmbeddingModel(vaeDir));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> post(PredictionServer s, String path, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.url().resolve(path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(PredictionServer s, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(s.url().resolve(path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The vector of an answer's embedding, as floats (Jackson writes each float's shortest decimal: exact). */
    private static float[] vector(JsonNode answer) {
        JsonNode e = answer.get("embedding");
        assertThat(e).as("embedding in %s", answer).isNotNull();
        float[] v = new float[e.get("vector").size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) e.get("vector").get(i).doubleValue();
        }
        assertThat(e.get("size").asInt()).isEqualTo(v.length);
        assertThat(e.get("model_id").asText()).isEqualTo(vaeId);
        return v;
    }

    /** The answer without what differs between tiers by design. */
    private static JsonNode hybridPart(JsonNode answer) {
        ObjectNode o = answer.deepCopy();
        o.remove(List.of("tier", "millis", "embedding"));
        return o;
    }

    @Test
    void theDeepAnswerIsTheHybridAnswerPlusTheOneImagePassBitForBitAndAgreesWithEmbed() throws Exception {
        Map<Long, float[]> stored = new LinkedHashMap<>();
        Map<String, Long> ids = new LinkedHashMap<>();
        try (StoreSession s = StoreSession.read(store, FeatureSchema.V1)) {
            for (EmbeddingTable.Row r : s.embeddings().read(vaeId)) {
                stored.put(r.imageId(), r.vector());
            }
            for (Map.Entry<String, KnownImage> k : s.features().knownImages().entrySet()) {
                ids.put(Path.of(k.getKey()).getFileName().toString(), k.getValue().id());
            }
        }
        assertThat(stored).hasSize(PHOTOS.size());
        float largest = 0;
        try (ContrastKit kit = ContrastKit.open(model).withEmbedding(vaeDir);
             ContrastVae vae = ContrastVae.load(vaeDir, new EngineOptions(EngineOptions.Device.CPU, 1));
             TensorCache cache = TensorCache.open(TensorCache.fileFor(store), 16)) {
            for (String name : PHOTOS) {
                byte[] bytes = Files.readAllBytes(photos.get(name));
                HttpResponse<String> deep = post(server, "/v1/predict?tier=deep", bytes);
                assertThat(deep.statusCode()).as(deep.body()).isEqualTo(200);
                JsonNode d = JSON.readTree(deep.body());
                assertThat(d.get("tier").asText()).isEqualTo("deep");
                float[] served = vector(d);
                assertThat(served).as(name).hasSize(4);

                // In-process, the same one-image pass: bit for bit.
                ContrastKit.DeepPrediction local = kit.predictDeep(bytes);
                assertThat(served).as("%s: served = in-process", name).containsExactly(local.embedding().vector());
                // The cached square image (the pixels embed reads) through a batch of one: bit for bit too, so the
                // service prepares the image exactly as the tensor cache does.
                long id = ids.get(name);
                assertThat(served).as("%s: served = cache, batch 1", name)
                        .containsExactly(vae.embed(cache, new long[] {id}, 1)[0]);
                // What embed stored, 8 images per pass: within the batch-size tolerance.
                float[] s = stored.get(id);
                for (int i = 0; i < s.length; i++) {
                    largest = Math.max(largest, Math.abs(s[i] - served[i]));
                }
                assertThat(served).as("%s: served ~ stored by embed", name)
                        .containsExactly(s, org.assertj.core.data.Offset.offset(STORED_TOLERANCE));

                // The rest is the hybrid tier's answer.
                HttpResponse<String> hybrid = post(server, "/v1/predict?tier=hybrid", bytes);
                assertThat(hybrid.statusCode()).isEqualTo(200);
                assertThat(hybridPart(d)).as(name).isEqualTo(hybridPart(JSON.readTree(hybrid.body())));
                assertThat(JSON.readTree(hybrid.body()).has("embedding")).isFalse();
                assertThat(d.get("group").asInt()).isEqualTo(local.measured().prediction().group());
            }
        }
        System.out.println("DeepTierTest: largest |stored (8 images a pass) - served (1)| = " + largest);
    }

    @Test
    void aDeepBatchGivesEachImagesDeepAnswerAndFailuresInline() throws Exception {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (String name : PHOTOS.subList(0, 3)) {
            parts.put(name, Files.readAllBytes(photos.get(name)));
        }
        parts.put("not-an-image.txt", "hello".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = post(server, "/v1/predict/batch?tier=deep", MultipartBody.of(parts),
                "Content-Type", MultipartBody.CONTENT_TYPE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode b = JSON.readTree(r.body());
        assertThat(b.get("tier").asText()).isEqualTo("deep");
        assertThat(b.get("count").asInt()).isEqualTo(4);
        assertThat(b.get("failed").asInt()).isEqualTo(1);
        int i = 0;
        for (Map.Entry<String, byte[]> p : parts.entrySet()) {
            JsonNode result = b.get("results").get(i++);
            assertThat(result.get("file").asText()).isEqualTo(p.getKey());
            if (p.getKey().endsWith(".txt")) {
                assertThat(result.get("status").asInt()).isEqualTo(415);
                assertThat(result.has("embedding")).isFalse();
                continue;
            }
            JsonNode single = JSON.readTree(post(server, "/v1/predict?tier=deep", p.getValue()).body());
            assertThat(vector(result)).as(p.getKey()).containsExactly(vector(single));
            ObjectNode fields = result.deepCopy();
            fields.remove(List.of("file", "status"));
            ObjectNode expected = single.deepCopy();
            expected.remove(List.of("tier", "millis", "model_version"));
            assertThat(fields).as(p.getKey()).isEqualTo(expected);
        }
    }

    @Test
    void theModelRouteMetricsAndOpenApiDocumentTheDeepTier() throws Exception {
        JsonNode m = JSON.readTree(get(server, "/v1/model").body());
        JsonNode deep = null;
        for (JsonNode t : m.get("tiers")) {
            if (t.get("name").asText().equals("deep")) {
                deep = t;
            }
        }
        assertThat(deep).as("deep in %s", m.get("tiers")).isNotNull();
        assertThat(deep.get("model_id").asText()).isEqualTo(vaeId);
        assertThat(deep.get("size").asInt()).isEqualTo(4);
        assertThat(get(server, "/metrics").body()).contains("contrastkit_embedding_model_info{model_id=\"" + vaeId
                + "\"} 1");

        // Every field of a deep answer is documented in the schema /openapi.json gives for it.
        JsonNode doc = JSON.readTree(get(server, "/openapi.json").body());
        JsonNode answer = JSON.readTree(post(server, "/v1/predict?tier=deep",
                Files.readAllBytes(photos.get("rocket.jpg"))).body());
        JsonNode schema = doc.at("/paths/~1v1~1predict/post/responses/200/content/application~1json/schema");
        List<String> undocumented = new ArrayList<>();
        undocumented(doc, schema, answer, "", undocumented);
        assertThat(undocumented).isEmpty();
        JsonNode embedding = resolve(doc, resolve(doc, schema).get("properties").get("embedding"));
        assertThat(embedding.get("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("model_id", "size", "vector");
        assertThat(doc.at("/paths/~1v1~1predict/post/responses/409/description").asText()).contains("--embedding-model");
        JsonNode tiers = resolve(doc, doc.at("/components/schemas/Model")).at("/properties/tiers/items/properties");
        assertThat(tiers.has("model_id") && tiers.has("size")).as("Model.tiers documents the deep fields").isTrue();
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        return ref == null ? schema : doc.at(ref.asText().substring(1));
    }

    /** The object fields of {@code value} (recursively) that {@code schema} has no property for. */
    private static void undocumented(JsonNode doc, JsonNode schema, JsonNode value, String at, List<String> out) {
        JsonNode s = resolve(doc, schema);
        if (!value.isObject() || s.has("additionalProperties")) {
            return;
        }
        JsonNode props = s.get("properties");
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (props == null || !props.has(name)) {
                out.add(at + "/" + name);
            } else {
                undocumented(doc, props.get(name), value.get(name), at + "/" + name, out);
            }
        }
    }

    @Test
    void aRefitKeepsTheDeepModelAndTheDeepTiersImagesFeedTheBuffer() throws Exception {
        // Varied photos (a refit needs 20 served rows): those of ServiceContractTest's buffer.
        List<String> varied = List.of("horse.png", "text.png", "page.png", "moon.png", "coins.png", "color.png",
                "brick.png", "rocket.jpg", "camera.png", "palette_color.png", "gravel.png", "phantom.png");
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1).withRefit(0, 100)
                .withEmbeddingModel(vaeDir))) {
            byte[] rocket = Files.readAllBytes(photos.get("rocket.jpg"));
            JsonNode before = JSON.readTree(post(s, "/v1/predict?tier=deep", rocket).body());
            for (int round = 0; round < 2; round++) {
                for (String name : varied) {
                    HttpResponse<String> r = post(s, "/v1/predict?tier=deep", Files.readAllBytes(Fixtures.image(name)));
                    assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(200);
                }
            }
            HttpResponse<String> refit = post(s, "/v1/model/refit?wait=true", new byte[0]);
            assertThat(refit.statusCode()).as(refit.body()).isEqualTo(200);
            assertThat(s.modelVersion()).isNotEqualTo(before.get("model_version").asText());
            JsonNode after = JSON.readTree(post(s, "/v1/predict?tier=deep", rocket).body());
            assertThat(after.get("model_version").asText()).isEqualTo(s.modelVersion());
            assertThat(vector(after)).containsExactly(vector(before));
            assertThat(s.embeddingModelId()).isEqualTo(vaeId);
        }
    }

    @Test
    void withoutADeepModelTheDeepTierIs409SayingHowToLoadOne() throws Exception {
        try (PredictionServer plain = PredictionServer.start(ServeOptions.defaults(model, 1))) {
            byte[] bytes = Files.readAllBytes(photos.get("rocket.jpg"));
            for (String path : List.of("/v1/predict?tier=deep", "/v1/predict/batch?tier=deep")) {
                HttpResponse<String> r = path.contains("batch")
                        ? post(plain, path, MultipartBody.of(Map.of("a.jpg", bytes)), "Content-Type",
                        MultipartBody.CONTENT_TYPE)
                        : post(plain, path, bytes);
                assertThat(r.statusCode()).as(path).isEqualTo(409);
                JsonNode e = JSON.readTree(r.body());
                assertThat(e.get("code").asText()).isEqualTo("tier_unavailable");
                assertThat(e.get("message").asText()).contains("--embedding-model DIR");
            }
            assertThat(get(plain, "/metrics").body()).doesNotContain("contrastkit_embedding_model_info");
            assertThat(get(plain, "/v1/model").body()).doesNotContain("\"deep\"");
            assertThat(plain.embeddingModelId()).isNull();
            ContrastKit kit = ContrastKit.open(model);
            assertThat(kit.hasEmbedding()).isFalse();
            assertThatThrownBy(() -> kit.predictDeep(bytes)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("withEmbedding");
        }
    }

    @Test
    void aBadModelDirectoryFailsAtStartNamingThePath() {
        Path nope = dir.resolve("no-such-model");
        assertThatThrownBy(() -> PredictionServer.start(ServeOptions.defaults(model, 1).withEmbeddingModel(nope)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--embedding-model " + nope)
                .hasMessageContaining("no model at");
        CliRun cli = CliRun.of("serve", "--model", model.toString(), "--embedding-model", nope.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--embedding-model " + nope).contains("no model at");
        // A directory that is a model of another kind's layout: the store's folder, say.
        CliRun notAModel = CliRun.of("serve", "--model", model.toString(), "--embedding-model", dir.toString());
        assertThat(notAModel.exitCode()).isEqualTo(2);
        assertThat(notAModel.err()).contains(dir.toString());
    }

    private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");

    /**
     * The counterpart of ServeProcessTest's check that a plain {@code serve} never maps libtorch: with
     * {@code --embedding-model} the child does, so the check can see it (Linux: /proc/PID/maps).
     */
    @Test
    void aServeWithTheEmbeddingModelLoadsLibtorchAndServesTheDeepTier() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(maps), "no /proc: not Linux");
        Process p = ExtractProcessTest.child("serve", "--model", model.toString(), "--threads", "1",
                "--embedding-model", vaeDir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).isNotNull().startsWith("serving model ");
            Matcher m = URL.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            URI url = URI.create(m.group(1));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url.resolve("/v1/predict?tier=deep"))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(
                            Files.readAllBytes(photos.get("rocket.jpg")))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(vector(JSON.readTree(r.body()))).hasSize(4);
            assertThat(ServeProcessTest.libtorchMapped(p.pid())).as("libtorch in the child's maps").isTrue();
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
