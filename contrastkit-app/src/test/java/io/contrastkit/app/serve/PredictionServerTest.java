package io.contrastkit.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.app.Main;
import io.contrastkit.app.ModelPhotos;
import io.contrastkit.app.MultipartBody;
import io.contrastkit.app.api.ContrastKit;
import io.contrastkit.app.stage.PredictionJson;
import io.contrastkit.app.stage.PredictionService;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code contrastkit serve} over real HTTP on loopback: every route and every error it answers. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PredictionServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Real photographs (JPEG) and a PNG from the fixtures. */
    private static final List<String> PHOTOS = List.of("rocket.jpg", "retina.jpg", "hubble_deep_field.jpg",
            "camera.png", "coffee.png");

    @TempDir
    static Path dir;
    private static Path model;
    private static ContrastKit kit;
    private static PredictionServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws IOException {
        model = ModelPhotos.writeModel(dir.resolve("model.json"));
        kit = ContrastKit.open(model);
        server = PredictionServer.start(ServeOptions.defaults(model, 2));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] photo(String name) throws IOException {
        return Files.readAllBytes(Fixtures.image(name));
    }

    private static HttpRequest.Builder request(PredictionServer s, String path) {
        return HttpRequest.newBuilder(s.url().resolve(path)).timeout(Duration.ofSeconds(60));
    }

    private static HttpResponse<String> post(PredictionServer s, String path, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(s, path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(PredictionServer s, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(s, path).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The predict fields of an answer or a predict line (no path, tier, version or time). */
    private static JsonNode predictFields(JsonNode answer) {
        ObjectNode o = answer.deepCopy();
        o.remove(List.of("path", "tier", "model_version", "millis"));
        return o;
    }

    private static JsonNode inProcess(byte[] image) throws Exception {
        PredictionService.Measured m = kit.predict(image);
        return PredictionJson.fill(JSON.createObjectNode(), m.features(), m.prediction());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("code", "message");
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void theServiceTheInProcessApiAndThePredictCommandAgree() throws Exception {
        Path file = Fixtures.image("rocket.jpg");
        HttpResponse<String> r = post(server, "/v1/predict", Files.readAllBytes(file),
                "Content-Type", "image/jpeg");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.get("tier").asText()).isEqualTo("hybrid");
        assertThat(answer.get("model_version").asText()).isEqualTo(kit.modelVersion()).hasSize(16);
        assertThat(answer.get("millis").asDouble()).isPositive();
        assertThat(answer.get("features").size()).isEqualTo(20);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "predict", "--model", model.toString(),
                file.toString());
        assertThat(code).as(err.toString()).isZero();
        JsonNode line = JSON.readTree(out.toString().strip());

        assertThat(predictFields(answer)).isEqualTo(predictFields(line)).isEqualTo(inProcess(Files.readAllBytes(file)));
        // Same field names, in the same order, as the predict command prints.
        List<String> names = new ArrayList<>();
        answer.fieldNames().forEachRemaining(names::add);
        List<String> lineNames = new ArrayList<>();
        line.fieldNames().forEachRemaining(lineNames::add);
        assertThat(names.subList(0, names.size() - 3)).isEqualTo(lineNames.subList(1, lineNames.size()));
        assertThat(post(server, "/v1/predict?tier=hybrid", Files.readAllBytes(file)).statusCode()).isEqualTo(200);
        HttpResponse<String> fast = post(server, "/v1/predict?tier=fast", Files.readAllBytes(file));
        assertThat(fast.statusCode()).isEqualTo(200);
        JsonNode fastAnswer = JSON.readTree(fast.body());
        assertThat(fastAnswer.get("tier").asText()).isEqualTo("fast");
        PredictionService.Measured m = kit.predict(Files.readAllBytes(file), ContrastKit.Tier.FAST);
        assertThat(predictFields(fastAnswer)).isEqualTo(PredictionJson.fill(JSON.createObjectNode(), m.features(),
                m.prediction()));
        assertThat(predictFields(fastAnswer)).as("rocket.jpg is 640 px wide: the tiers measure it differently")
                .isNotEqualTo(predictFields(answer));
    }

    @Test
    void modelAndHealthDescribeTheService() throws Exception {
        HttpResponse<String> m = get(server, "/v1/model");
        assertThat(m.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(m.body());
        assertThat(body.get("model_version").asText()).isEqualTo(kit.modelVersion());
        assertThat(body.get("feature_version").asText()).isEqualTo("contrast-features/v1");
        assertThat(body.get("provenance").get("store").asText()).isEqualTo("model-photos");
        assertThat(body.get("provenance").get("rows").asInt()).isEqualTo(kit.model().provenance().rows());
        assertThat(body.get("groups").size()).isEqualTo(kit.model().groups().size());
        assertThat(body.get("groups").get(0).get("name").asText()).isEqualTo(kit.model().groups().get(0).name());
        assertThat(body.get("tiers").toString())
                .isEqualTo("[{\"name\":\"fast\",\"max_side\":256},{\"name\":\"hybrid\",\"max_side\":512}]");

        HttpResponse<String> h = get(server, "/health");
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(h.body()).get("status").asText()).isEqualTo("ok");
        assertThat(JSON.readTree(h.body()).get("model_version").asText()).isEqualTo(kit.modelVersion());
    }

    /**
     * A small body for requests the service refuses before reading it (401, 503), where the test is about the answer.
     * What a large body gets is {@link #requestsRefusedBeforeTheirBodyIsReadStillGetTheAnswerWithABigBody}'s subject.
     */
    private static final String REFUSED_BODY = "edge_sine.png";

    @Test
    void aTokenIsRequiredOnEveryV1RouteAndComparedExactly() throws Exception {
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1).withToken("s3cret-token"))) {
            byte[] img = photo("camera.png");
            // Refused before the body is read: a small body, sent whole before the answer (see REFUSED_BODY).
            byte[] small = photo(REFUSED_BODY);
            HttpResponse<String> none = post(s, "/v1/predict", small);
            assertError(none, 401, "unauthorized");
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertError(post(s, "/v1/predict", small, "Authorization", "Bearer s3cret-tokeN"), 401, "unauthorized");
            assertError(post(s, "/v1/predict", small, "Authorization", "Bearer s3cret-token-and-more"), 401, "unauthorized");
            assertError(post(s, "/v1/predict", small, "Authorization", "s3cret-token"), 401, "unauthorized");
            assertError(get(s, "/v1/model"), 401, "unauthorized");
            HttpResponse<String> authorized = post(s, "/v1/predict", img, "Authorization", "Bearer s3cret-token");
            assertThat(authorized.statusCode()).as(authorized.body() + authorized.headers()).isEqualTo(200);
            assertThat(get(s, "/v1/model", "Authorization", "Bearer s3cret-token").statusCode()).isEqualTo(200);
            // The same kept-alive connection after the right token: a token differing only in case is still wrong
            // (Jetty's header cache matched values ignoring case until the service made it case-sensitive).
            assertError(get(s, "/v1/model", "Authorization", "Bearer s3cret-tokeN"), 401, "unauthorized");
            assertError(get(s, "/v1/model", "Authorization", "Bearer S3CRET-TOKEN"), 401, "unauthorized");
            assertThat(get(s, "/health").statusCode()).as("health stays open for probes").isEqualTo(200);
        }
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1).withMaxBodyBytes(4096))) {
            byte[] big = photo("rocket.jpg");
            assertThat(big.length).isGreaterThan(4096);
            assertError(post(s, "/v1/predict", big), 413, "too_large");
            // Without a declared length (chunked), the limit holds while reading.
            HttpRequest chunked = request(s, "/v1/predict").POST(HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(big))).build();
            assertError(HTTP.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "too_large");
            assertThat(post(s, "/v1/predict", photo("edge_sine.png")).statusCode()).as("a small image still passes")
                    .isEqualTo(200);
        }
    }

    @Test
    void badImagesAre415Or422ByKindAndNeverHurtTheNextRequest() throws Exception {
        assertError(post(server, "/v1/predict", "just some notes, not an image\n".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/plain"), 415, "not_an_image");
        assertError(post(server, "/v1/predict", photo("truncated.jpg")), 422, "truncated");
        byte[] rocket = photo("rocket.jpg");
        assertError(post(server, "/v1/predict", Arrays.copyOf(rocket, rocket.length / 3)), 422, "truncated");
        assertError(post(server, "/v1/predict", new byte[0]), 422, "empty");
        byte[] garbage = Arrays.copyOf(rocket, 4096);
        Arrays.fill(garbage, 600, garbage.length, (byte) 0x5a);
        HttpResponse<String> g = post(server, "/v1/predict", garbage);
        assertThat(g.statusCode()).as(g.body()).isIn(415, 422);
        assertError(post(server, "/v1/predict", rocket, "Content-Type", "multipart/form-data; boundary=x"), 400,
                "bad_multipart");
        HttpResponse<String> tier = post(server, "/v1/predict?tier=quick", rocket);
        assertError(tier, 400, "unknown_tier");
        assertThat(JSON.readTree(tier.body()).get("message").asText()).contains("fast, hybrid");
        assertError(post(server, "/v1/predict?tier=deep", rocket), 409, "tier_unavailable");
        assertError(get(server, "/v1/nothing"), 404, "not_found");
        assertError(get(server, "/v1/predict"), 405, "method_not_allowed");
        HttpResponse<String> ok = post(server, "/v1/predict", rocket);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(predictFields(JSON.readTree(ok.body()))).isEqualTo(inProcess(rocket));
    }

    @Test
    void tooManyPixelsIs422() throws Exception {
        ContrastKit small = ContrastKit.of(kit.model(), "test model", new ExtractionOptions(512, 11, 10_000));
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1), small, () -> {
        })) {
            HttpResponse<String> big = post(s, "/v1/predict", photo("rocket.jpg"));
            assertError(big, 422, "too_many_pixels");
            assertThat(JSON.readTree(big.body()).get("message").asText()).contains("640x427");
            HttpResponse<String> strip = post(s, "/v1/predict", photo("edge_strip5x300.png"));
            assertThat(strip.statusCode()).as(strip.body()).isEqualTo(200);
        }
    }

    @Test
    void requestsNamingAnotherHostAreRefusedOnLoopback() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 403").contains("\"code\":\"forbidden\"");
        }
    }

    @Test
    void aBodyShorterThanItsDeclaredLengthIs400NamingBoth() throws Exception {
        byte[] image = photo("rocket.jpg");
        int declared = image.length;
        int sent = declared / 3;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(image, 0, sent);
            out.flush();
            // The client stops sending (half-close) and waits for the answer.
            socket.shutdownOutput();
            socket.setSoTimeout(10_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"bad_request\"")
                    .contains("after " + sent + " of the " + declared + " bytes");
        }
        assertThat(post(server, "/v1/predict", photo("edge_sine.png")).statusCode()).as("the next request is served")
                .isEqualTo(200);
    }

    @Test
    void aFullQueueIs503WithRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // One worker, no queue: the first request holds the only slot until released.
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1).withQueue(0), kit, () -> {
            entered.countDown();
            release.await(60, TimeUnit.SECONDS);
        })) {
            byte[] img = photo("camera.png");
            CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(request(s, "/v1/predict")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(img)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> refused = post(s, "/v1/predict", photo(REFUSED_BODY));
            assertError(refused, 503, "overloaded");
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(JSON.readTree(get(s, "/health").body()).get("in_flight").asInt()).isEqualTo(1);
            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(post(s, "/v1/predict", img).statusCode()).as("a slot is free again").isEqualTo(200);
        }
    }

    @Test
    void closeDrainsAdmittedRequestsAndRefusesNewOnes() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1).withQueue(2), kit, () -> {
            entered.countDown();
            release.await(60, TimeUnit.SECONDS);
        });
        byte[] img = photo("coffee.png");
        URI health = s.url().resolve("/health");
        CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(request(s, "/v1/predict")
                .POST(HttpRequest.BodyPublishers.ofByteArray(img)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try {
            Future<?> closing = closer.submit(s::close);
            for (int i = 0; i < 500 && !s.stopping(); i++) {
                Thread.sleep(10);
            }
            assertThat(s.stopping()).isTrue();
            assertError(post(s, "/v1/predict", photo(REFUSED_BODY)), 503, "shutting_down");
            assertThat(closing.isDone()).as("close waits for the admitted request").isFalse();
            release.countDown();
            HttpResponse<String> answered = inFlight.get(60, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(predictFields(JSON.readTree(answered.body()))).isEqualTo(inProcess(img));
            closing.get(60, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            closer.shutdownNow();
        }
        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()))
                .as("stopped: nothing listens any more").isInstanceOf(ConnectException.class);
    }

    @Test
    void concurrentRequestsAllSucceedWithTheInProcessAnswers() throws Exception {
        Map<String, byte[]> images = new HashMap<>();
        Map<String, JsonNode> expected = new HashMap<>();
        for (String name : PHOTOS) {
            images.put(name, photo(name));
            expected.put(name, inProcess(images.get(name)));
        }
        int clients = 6;
        int rounds = 3;
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 2).withQueue(clients))) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int offset = c;
                    results.add(pool.submit(() -> {
                        List<String> problems = new ArrayList<>();
                        for (int r = 0; r < rounds; r++) {
                            for (int i = 0; i < PHOTOS.size(); i++) {
                                String name = PHOTOS.get((i + offset) % PHOTOS.size());
                                HttpResponse<String> a = post(s, "/v1/predict", images.get(name));
                                if (a.statusCode() != 200) {
                                    problems.add(name + ": " + a.statusCode() + " " + a.body());
                                } else if (!predictFields(JSON.readTree(a.body())).equals(expected.get(name))) {
                                    problems.add(name + ": another answer " + a.body());
                                }
                            }
                        }
                        return problems;
                    }));
                }
                List<String> problems = new ArrayList<>();
                for (Future<List<String>> f : results) {
                    problems.addAll(f.get(100, TimeUnit.SECONDS));
                }
                assertThat(problems).isEmpty();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theServeCommandRefusesBadOptionsAndModels() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "serve", "--model",
                dir.resolve("missing.json").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read model").contains("missing.json");
        err.getBuffer().setLength(0);
        assertThat(Main.execute(new PrintWriter(out), new PrintWriter(err), "serve", "--model", model.toString(),
                "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--port 70000");
        err.getBuffer().setLength(0);
        assertThat(Main.execute(new PrintWriter(out), new PrintWriter(err), "serve", "--model", model.toString(),
                "--token", "has space")).isEqualTo(2);
        assertThat(err.toString()).contains("--token");
    }

    @Test
    void theUrlIsLoopbackAndNamesThePort() {
        URI url = server.url();
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(url.getPort()).isEqualTo(server.port()).isPositive();
    }

    /** A multipart/form-data body with one file part per image, named as given. */
    static final String BOUNDARY = MultipartBody.BOUNDARY;

    static byte[] multipart(Map<String, byte[]> files) {
        return MultipartBody.of(files);
    }

    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    @Test
    void aMultipartImageIsPredictedLikeARawBody() throws Exception {
        byte[] rocket = photo("rocket.jpg");
        Map<String, byte[]> one = new java.util.LinkedHashMap<>();
        one.put("rocket.jpg", rocket);
        HttpResponse<String> r = post(server, "/v1/predict", multipart(one), "Content-Type", MULTIPART);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(predictFields(JSON.readTree(r.body()))).isEqualTo(inProcess(rocket));
        one.put("camera.png", photo("camera.png"));
        HttpResponse<String> two = post(server, "/v1/predict", multipart(one), "Content-Type", MULTIPART);
        assertError(two, 400, "bad_request");
        assertThat(JSON.readTree(two.body()).get("message").asText()).contains("/v1/predict/batch");
    }

    @Test
    void aBatchAnswersEveryImageInOrderWithFailuresInline() throws Exception {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("rocket.jpg", photo("rocket.jpg"));
        files.put("notes.txt", "not an image".getBytes(StandardCharsets.UTF_8));
        files.put("camera.png", photo("camera.png"));
        files.put("truncated.jpg", photo("truncated.jpg"));
        files.put("coffee.png", photo("coffee.png"));
        HttpResponse<String> r = post(server, "/v1/predict/batch?tier=fast", multipart(files), "Content-Type", MULTIPART);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("tier").asText()).isEqualTo("fast");
        assertThat(body.get("model_version").asText()).isEqualTo(kit.modelVersion());
        assertThat(body.get("count").asInt()).isEqualTo(5);
        assertThat(body.get("failed").asInt()).isEqualTo(2);
        JsonNode results = body.get("results");
        List<String> names = new ArrayList<>(files.keySet());
        for (int i = 0; i < names.size(); i++) {
            JsonNode res = results.get(i);
            assertThat(res.get("file").asText()).isEqualTo(names.get(i));
            if (i == 1 || i == 3) {
                assertThat(res.get("status").asInt()).isEqualTo(i == 1 ? 415 : 422);
                assertThat(res.get("error").get("code").asText()).isEqualTo(i == 1 ? "not_an_image" : "truncated");
                assertThat(res.get("error").get("message").asText()).isNotBlank();
                assertThat(res.has("features")).isFalse();
            } else {
                assertThat(res.get("status").asInt()).isEqualTo(200);
                PredictionService.Measured m = kit.predict(files.get(names.get(i)), ContrastKit.Tier.FAST);
                ObjectNode fields = res.deepCopy();
                fields.remove(List.of("file", "status"));
                assertThat((JsonNode) fields).isEqualTo(PredictionJson.fill(JSON.createObjectNode(), m.features(),
                        m.prediction()));
            }
        }
        assertError(post(server, "/v1/predict/batch", photo("camera.png"), "Content-Type", "image/png"), 415,
                "unsupported_media_type");
        assertError(post(server, "/v1/predict/batch", multipart(Map.of()), "Content-Type", MULTIPART), 400,
                "bad_request");
        assertError(post(server, "/v1/predict/batch?tier=deep", multipart(files), "Content-Type", MULTIPART), 409,
                "tier_unavailable");
    }

    @Test
    void aBatchOverItsImageOrByteLimitIs413() throws Exception {
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1).withMaxBatch(2)
                .withMaxBodyBytes(200_000))) {
            Map<String, byte[]> files = new java.util.LinkedHashMap<>();
            files.put("a.png", photo("edge_sine.png"));
            files.put("b.png", photo("edge_sine.png"));
            assertThat(post(s, "/v1/predict/batch", multipart(files), "Content-Type", MULTIPART).statusCode())
                    .isEqualTo(200);
            files.put("c.png", photo("edge_sine.png"));
            assertError(post(s, "/v1/predict/batch", multipart(files), "Content-Type", MULTIPART), 413,
                    "too_many_images");
            Map<String, byte[]> big = Map.of("rocket.jpg", photo("rocket.jpg"), "retina.jpg", photo("retina.jpg"));
            byte[] body = multipart(big);
            assertThat(body.length).isGreaterThan(200_000);
            assertError(post(s, "/v1/predict/batch", body, "Content-Type", MULTIPART), 413, "too_large");
            // Chunked (no declared length): the multipart parser holds the limit while reading.
            HttpRequest chunked = request(s, "/v1/predict/batch").header("Content-Type", MULTIPART)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build();
            assertError(HTTP.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "too_large");
            assertThat(post(s, "/v1/predict/batch", multipart(Map.of("a.png", photo("edge_sine.png"))),
                    "Content-Type", MULTIPART).statusCode()).as("the service still answers").isEqualTo(200);
        }
    }

    @Test
    void aRequestPastItsTimeoutIs504AndItsSlotComesBackWhenTheWorkStops() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1).withQueue(0)
                .withTimeoutMillis(300), kit, () -> {
            if (calls.incrementAndGet() == 1) {
                entered.countDown();
                release.await(60, TimeUnit.SECONDS);
            }
        })) {
            long t0 = System.nanoTime();
            HttpResponse<String> late = post(s, "/v1/predict", photo("camera.png"));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertError(late, 504, "timeout");
            assertThat(millis).as("answered at the timeout, not when the work ends").isBetween(250L, 20_000L);
            assertThat(entered.getCount()).isZero();
            // The work still runs (held here): its slot is not free, so the next request is refused, not queued.
            assertError(post(s, "/v1/predict", photo(REFUSED_BODY)), 503, "overloaded");
            assertThat(JSON.readTree(get(s, "/health").body()).get("in_flight").asInt()).isEqualTo(1);
            release.countDown();
            int inFlight = -1;
            for (int i = 0; i < 500; i++) {
                inFlight = JSON.readTree(get(s, "/health").body()).get("in_flight").asInt();
                if (inFlight == 0) {
                    break;
                }
                Thread.sleep(10);
            }
            assertThat(inFlight).as("the slot is back once the dropped work ends").isZero();
            HttpResponse<String> ok = post(s, "/v1/predict", photo("camera.png"));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        }
    }

    /**
     * A 12 MiB body refused before it is read (401, 400, 503): the service reads and drops it, so the client
     * gets the answer. Without that (checked by disabling it) the client saw "header parser received no bytes":
     * Jetty closed the connection with the body half sent.
     */
    @Test
    void requestsRefusedBeforeTheirBodyIsReadStillGetTheAnswerWithABigBody() throws Exception {
        byte[] big = new byte[12 << 20];
        new java.util.Random(16).nextBytes(big);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1).withQueue(0)
                .withToken("tok"), kit, () -> {
            entered.countDown();
            release.await(60, TimeUnit.SECONDS);
        })) {
            for (int i = 0; i < 5; i++) {
                assertError(post(s, "/v1/predict", big), 401, "unauthorized");
                assertError(post(s, "/v1/predict?tier=nope", big, "Authorization", "Bearer tok"), 400, "unknown_tier");
            }
            CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(request(s, "/v1/predict")
                    .header("Authorization", "Bearer tok").POST(HttpRequest.BodyPublishers.ofByteArray(
                            photo("camera.png"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> refused = post(s, "/v1/predict", big, "Authorization", "Bearer tok");
                assertError(refused, 503, "overloaded");
            }
            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            release.countDown();
        }
    }

    @Test
    void metricsCountRequestsByRouteAndStatusInPrometheusText() throws Exception {
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1))) {
            byte[] img = photo("edge_sine.png");
            for (int i = 0; i < 3; i++) {
                assertThat(post(s, "/v1/predict", img).statusCode()).isEqualTo(200);
            }
            assertThat(post(s, "/v1/predict", new byte[0]).statusCode()).isEqualTo(422);
            assertThat(get(s, "/no/such/path").statusCode()).isEqualTo(404);
            assertThat(get(s, "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> m = get(s, "/metrics");
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/plain; version=0.0.4"));
            Map<String, Double> samples = new HashMap<>();
            for (String line : m.body().split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    assertThat(line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")).as(line).isTrue();
                    continue;
                }
                int sp = line.lastIndexOf(' ');
                assertThat(line).matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? \\S+");
                samples.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
            }
            assertThat(samples).containsEntry(
                    "contrastkit_http_requests_total{route=\"/v1/predict\",method=\"POST\",status=\"200\"}", 3.0);
            assertThat(samples).containsEntry(
                    "contrastkit_http_requests_total{route=\"/v1/predict\",method=\"POST\",status=\"422\"}", 1.0);
            assertThat(samples).containsEntry(
                    "contrastkit_http_requests_total{route=\"other\",method=\"GET\",status=\"404\"}", 1.0);
            assertThat(samples).containsEntry(
                    "contrastkit_http_request_duration_seconds_count{route=\"/v1/predict\"}", 4.0);
            assertThat(samples).containsEntry(
                    "contrastkit_http_request_duration_seconds_bucket{route=\"/v1/predict\",le=\"+Inf\"}", 4.0);
            assertThat(samples.get("contrastkit_http_request_duration_seconds_sum{route=\"/v1/predict\"}")).isPositive();
            // Buckets are cumulative: never decreasing with le.
            double previous = 0;
            for (double le : ServiceMetrics.BUCKETS) {
                Double v = samples.get("contrastkit_http_request_duration_seconds_bucket{route=\"/v1/predict\",le=\""
                        + ServiceMetrics.format(le) + "\"}");
                assertThat(v).as("le=" + le).isNotNull().isGreaterThanOrEqualTo(previous);
                previous = v;
            }
            assertThat(samples).containsEntry("contrastkit_model_info{version=\"" + kit.modelVersion() + "\"}", 1.0);
            assertThat(samples).containsEntry("contrastkit_capacity", 5.0);
            assertThat(samples).containsEntry("contrastkit_in_flight", 0.0);
        }
    }

    @Test
    void withAStoreServedHybridImagesFeaturesAreAppendedOncePerContent() throws Exception {
        Path file = dir.resolve("served.duckdb");
        byte[] rocket = photo("rocket.jpg");
        byte[] camera = photo("camera.png");
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1).withStore(file))) {
            assertThat(post(s, "/v1/predict", rocket).statusCode()).isEqualTo(200);
            assertThat(post(s, "/v1/predict", camera).statusCode()).isEqualTo(200);
            assertThat(post(s, "/v1/predict", rocket).statusCode()).as("the same bytes again").isEqualTo(200);
            assertThat(post(s, "/v1/predict?tier=fast", photo("coffee.png")).statusCode()).isEqualTo(200);
            assertThat(post(s, "/v1/predict", new byte[0]).statusCode()).isEqualTo(422);
        }
        try (var session = io.contrastkit.store.StoreSession.read(file, io.contrastkit.core.FeatureSchema.V1)) {
            var m = session.features().readFeatures();
            assertThat(m.rows()).as("rocket once, camera once; not the fast tier's, not the failure").isEqualTo(2);
            Map<String, double[]> byPath = new HashMap<>();
            for (int i = 0; i < m.rows(); i++) {
                byPath.put(m.paths()[i], m.values()[i]);
            }
            String rocketPath = "served/" + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(rocket));
            assertThat(byPath).containsKey(rocketPath);
            assertThat(byPath.get(rocketPath)).containsExactly(kit.predict(rocket).features().toArray());
        }
    }
}
