package io.contrastkit.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrastkit.app.ModelPhotos;
import io.contrastkit.app.api.ContrastKit;
import io.contrastkit.core.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document against the running service: the routes it documents are the routes the server really
 * has (read from its router), and the statuses each operation documents are exactly those the service answered
 * when every documented case was provoked over HTTP (counted by its own metrics).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServiceContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "contract-token";
    private static final String AUTH = "Bearer " + TOKEN;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Photos under the test's 200 KB body limit, for the buffer a refit learns from. */
    private static final List<String> SMALL_PHOTOS = List.of("horse.png", "text.png", "page.png", "moon.png",
            "coins.png", "color.png", "brick.png", "rocket.jpg", "camera.png", "palette_color.png", "gravel.png", "phantom.png");
    @TempDir
    Path dir;

    private PredictionServer server;

    private HttpResponse<String> send(String method, String path, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request naming a foreign Host, which java.net.http does not let a caller set. */
    private String foreignHost(String method, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: evil.example\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static int status(HttpResponse<String> r) {
        return r.statusCode();
    }

    @Test
    void theDocumentDescribesExactlyTheRoutesAndStatusesTheServiceHas() throws Exception {
        Path model = ModelPhotos.writeModel(dir.resolve("model.json"));
        ContrastKit kit = ContrastKit.open(model);
        AtomicReference<CountDownLatch> hold = new AtomicReference<>();
        // A refit held on its thread until released: the second refit (409) and the one waited for past the
        // timeout (504) come from the hold, not from how long a refit happens to take.
        AtomicReference<CountDownLatch> refitHold = new AtomicReference<>();
        CountDownLatch refitHeld = new CountDownLatch(1);
        server = PredictionServer.start(ServeOptions.defaults(model, 1).withQueue(0).withToken(TOKEN)
                .withTimeoutMillis(2_000).withMaxBatch(2).withMaxBodyBytes(200_000), kit, () -> {
            CountDownLatch h = hold.get();
            if (h != null) {
                h.await(60, TimeUnit.SECONDS);
            }
        }, line -> { }, () -> {
            CountDownLatch h = refitHold.get();
            if (h != null) {
                refitHeld.countDown();
                try {
                    h.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        byte[] img = Files.readAllBytes(Fixtures.image("edge_sine.png"));
        byte[] big = Files.readAllBytes(Fixtures.image("retina.jpg"));
        assertThat(big.length).isGreaterThan(200_000);
        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put("a.png", img);
        two.put("b.png", img);
        Map<String, byte[]> three = new LinkedHashMap<>(two);
        three.put("c.png", img);
        String mp = "multipart/form-data; boundary=" + PredictionServerTest.BOUNDARY;
        byte[] batch = PredictionServerTest.multipart(two);

        JsonNode doc = JSON.readTree(send("GET", "/openapi.json", null).body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Map<String, TreeSet<Integer>> documented = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").properties().iterator(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().properties().iterator(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                TreeSet<Integer> statuses = new TreeSet<>();
                op.getValue().get("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
                documented.put(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey(), statuses);
            }
        }
        assertThat(new TreeSet<>(documented.keySet())).as("documented routes = the router's routes")
                .isEqualTo(new TreeSet<>(server.registeredRoutes()))
                .isEqualTo(new TreeSet<>(PredictionServer.ROUTES));

        // Every documented case, provoked over HTTP.
        for (String route : PredictionServer.ROUTES) {
            String[] mp2 = route.split(" ");
            assertThat(foreignHost(mp2[0], mp2[1])).as(route).startsWith("HTTP/1.1 403");
        }
        assertThat(status(send("GET", "/health", null))).isEqualTo(200);
        assertThat(status(send("GET", "/metrics", null))).isEqualTo(200);
        assertThat(status(send("GET", "/v1/model", null))).isEqualTo(401);
        assertThat(status(send("GET", "/v1/model", null, "Authorization", AUTH))).isEqualTo(200);
        assertThat(status(send("POST", "/v1/predict", img))).isEqualTo(401);
        assertThat(status(send("POST", "/v1/predict", img, "Authorization", AUTH))).isEqualTo(200);
        assertThat(status(send("POST", "/v1/predict?tier=x", img, "Authorization", AUTH))).isEqualTo(400);
        assertThat(status(send("POST", "/v1/predict?tier=deep", img, "Authorization", AUTH))).isEqualTo(409);
        assertThat(status(send("POST", "/v1/predict", big, "Authorization", AUTH))).isEqualTo(413);
        assertThat(status(send("POST", "/v1/predict", "text".getBytes(StandardCharsets.UTF_8), "Authorization", AUTH)))
                .isEqualTo(415);
        assertThat(status(send("POST", "/v1/predict", new byte[0], "Authorization", AUTH))).isEqualTo(422);
        assertThat(status(send("POST", "/v1/predict/batch", batch, "Authorization", AUTH, "Content-Type", mp)))
                .isEqualTo(200);
        assertThat(status(send("POST", "/v1/predict/batch", batch, "Content-Type", mp))).isEqualTo(401);
        assertThat(status(send("POST", "/v1/predict/batch?tier=x", batch, "Authorization", AUTH, "Content-Type", mp)))
                .isEqualTo(400);
        assertThat(status(send("POST", "/v1/predict/batch?tier=deep", batch, "Authorization", AUTH,
                "Content-Type", mp))).isEqualTo(409);
        assertThat(status(send("POST", "/v1/predict/batch", PredictionServerTest.multipart(three), "Authorization",
                AUTH, "Content-Type", mp))).isEqualTo(413);
        assertThat(status(send("POST", "/v1/predict/batch", img, "Authorization", AUTH))).isEqualTo(415);
        // The models: too few served images to refit yet, then enough (varied photos), a refit in the background,
        // one waited for, and rollbacks.
        assertThat(status(send("GET", "/v1/models", null))).isEqualTo(401);
        assertThat(status(send("GET", "/v1/models", null, "Authorization", AUTH))).isEqualTo(200);
        assertThat(status(send("POST", "/v1/model/refit", null))).isEqualTo(401);
        assertThat(status(send("POST", "/v1/model/refit", null, "Authorization", AUTH))).isEqualTo(422);
        for (int i = 0; i < 2; i++) {
            for (String name : SMALL_PHOTOS) {
                assertThat(status(send("POST", "/v1/predict", Files.readAllBytes(Fixtures.image(name)),
                        "Authorization", AUTH))).as(name).isEqualTo(200);
            }
        }
        assertThat(status(send("POST", "/v1/model/refit", null, "Authorization", AUTH))).isEqualTo(202);
        for (int i = 0; i < 1000 && JSON.readTree(send("GET", "/v1/models", null, "Authorization", AUTH).body())
                .get("refitting").asBoolean(); i++) {
            Thread.sleep(10);
        }
        // A refit held running: waited for past the 2 s timeout it is 504, and another meanwhile is 409.
        CountDownLatch releaseRefit = new CountDownLatch(1);
        refitHold.set(releaseRefit);
        HttpResponse<String> late = send("POST", "/v1/model/refit?wait=true", null, "Authorization", AUTH);
        assertThat(refitHeld.await(10, TimeUnit.SECONDS)).as("the refit reached its hold").isTrue();
        assertThat(status(late)).as(late.body()).isEqualTo(504);
        assertThat(JSON.readTree(late.body()).get("code").asText()).isEqualTo("timeout");
        HttpResponse<String> second = send("POST", "/v1/model/refit", null, "Authorization", AUTH);
        assertThat(status(second)).as(second.body()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).get("code").asText()).isEqualTo("refit_running");
        assertThat(status(send("POST", "/v1/model/refit?wait=true", null, "Authorization", AUTH))).isEqualTo(409);
        refitHold.set(null);
        releaseRefit.countDown();
        for (int i = 0; i < 1000 && JSON.readTree(send("GET", "/v1/models", null, "Authorization", AUTH).body())
                .get("refitting").asBoolean(); i++) {
            Thread.sleep(10);
        }
        HttpResponse<String> refitted = send("POST", "/v1/model/refit?wait=true", null, "Authorization", AUTH);
        assertThat(status(refitted)).as(refitted.body()).isEqualTo(200);
        // The background refit made version 2, the held one 3 once released, this one 4.
        assertThat(JSON.readTree(refitted.body()).get("number").asInt()).isEqualTo(4);
        assertThat(status(send("POST", "/v1/model/rollback?version=" + kit.modelVersion(), null))).isEqualTo(401);
        assertThat(status(send("POST", "/v1/model/rollback", null, "Authorization", AUTH))).isEqualTo(400);
        assertThat(status(send("POST", "/v1/model/rollback?version=nope", null, "Authorization", AUTH))).isEqualTo(404);
        assertThat(status(send("POST", "/v1/model/rollback?version=" + kit.modelVersion(), null, "Authorization",
                AUTH))).isEqualTo(200);
        assertThat(server.modelVersion()).isEqualTo(kit.modelVersion());

        // A held worker: the request times out (504) and its work keeps the only slot, so the next are 503.
        CountDownLatch held = new CountDownLatch(1);
        hold.set(held);
        assertThat(status(send("POST", "/v1/predict", img, "Authorization", AUTH))).isEqualTo(504);
        assertThat(status(send("POST", "/v1/predict", img, "Authorization", AUTH))).isEqualTo(503);
        assertThat(status(send("POST", "/v1/predict/batch", batch, "Authorization", AUTH, "Content-Type", mp)))
                .isEqualTo(503);
        held.countDown();
        CountDownLatch held2 = new CountDownLatch(1);
        hold.set(held2);
        awaitIdle();
        assertThat(status(send("POST", "/v1/predict/batch", batch, "Authorization", AUTH, "Content-Type", mp)))
                .isEqualTo(504);
        // Stopping while that work holds its slot: health says 503 until it is drained.
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        for (int i = 0; i < 500 && !server.stopping(); i++) {
            Thread.sleep(10);
        }
        assertThat(status(send("GET", "/health", null))).isEqualTo(503);
        held2.countDown();
        closing.get(60, TimeUnit.SECONDS);

        Map<String, TreeSet<Integer>> answered = new LinkedHashMap<>();
        for (String a : server.serviceMetrics().answered()) {
            String[] parts = a.split(" ");
            answered.computeIfAbsent(parts[0] + " " + parts[1], k -> new TreeSet<>()).add(Integer.parseInt(parts[2]));
        }
        List<String> mismatches = new ArrayList<>();
        for (String route : PredictionServer.ROUTES) {
            TreeSet<Integer> expected = new TreeSet<>(documented.get(route));
            if (!expected.equals(answered.get(route)) || !documented.get(route).containsAll(answered.get(route))) {
                mismatches.add(route + ": documented " + documented.get(route) + ", answered " + answered.get(route));
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(answered.keySet()).as("nothing answered outside the routes").isSubsetOf(documented.keySet());
    }

    private void awaitIdle() throws Exception {
        for (int i = 0; i < 500; i++) {
            if (JSON.readTree(send("GET", "/health", null).body()).get("in_flight").asInt() == 0) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the service did not become idle");
    }
}
