package io.contrastkit.app.explore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrastkit.app.Main;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.StoreSession;
import io.contrastkit.store.LabelTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The explorer's HTTP API with Java's HttpClient against a server on 127.0.0.1: safety rules first. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static ExplorerFixture fixture;
    static ExplorerServer server;
    static HttpClient http;
    static JsonNode summary;

    @BeforeAll
    static void start() throws Exception {
        fixture = ExplorerFixture.create(dir);
        server = ExplorerServer.start(fixture.options());
        http = HttpClient.newHttpClient();
        summary = JSON.readTree(get("/api/summary").body());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header(ExplorerServer.TOKEN_HEADER, token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long firstId() {
        return summary.get("groups").get(0).get("representatives").get(0).asLong();
    }

    /** A raw request line, so that nothing on the client side normalises the path first. */
    static String raw(String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @Order(1)
    void bindsToLoopbackAndServesThePageWithItsToken() throws Exception {
        assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("content=\"" + server.token() + "\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("script-src 'self'");
        assertThat(summary.get("images").asInt()).isEqualTo(3 * ExplorerFixture.PHOTOS.size());
    }

    @Test
    @Order(2)
    void pointsComeAsColumns() throws Exception {
        JsonNode p = JSON.readTree(get("/api/points").body());
        int n = summary.get("images").asInt();
        for (String col : List.of("id", "x", "y", "group", "score", "anomaly")) {
            assertThat(p.get(col).isArray()).as(col).isTrue();
            assertThat(p.get(col).size()).as(col).isEqualTo(n);
        }
        // The binary columns hold the same values, in place for typed arrays (little-endian, aligned).
        HttpResponse<byte[]> bin = http.send(HttpRequest.newBuilder(server.url().resolve("/api/points.bin")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bin.headers().firstValue("Content-Type").orElse("")).startsWith("application/octet-stream");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bin.body()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bin.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("CKP1");
        assertThat(b.getInt(4)).isEqualTo(n);
        assertThat(bin.body()).hasSize(16 + n * 27);
        for (int i = 0; i < n; i++) {
            assertThat((long) b.getDouble(16 + 8 * i)).isEqualTo(p.get("id").get(i).asLong());
            assertThat(b.getFloat(16 + 8 * n + 4 * i)).isEqualTo((float) p.get("x").get(i).asDouble());
            assertThat(b.getFloat(16 + 12 * n + 4 * i)).isEqualTo((float) p.get("y").get(i).asDouble());
            assertThat(b.getFloat(16 + 16 * n + 4 * i)).isEqualTo((float) p.get("score").get(i).asDouble());
            assertThat(b.getFloat(16 + 20 * n + 4 * i)).isEqualTo((float) p.get("anomaly").get(i).asDouble());
            assertThat((int) b.getShort(16 + 24 * n + 2 * i)).isEqualTo(p.get("group").get(i).asInt());
        }
        // A group's colour comes from the report's palette, so it is the same on both.
        for (JsonNode g : summary.get("groups")) {
            assertThat(g.get("colour").asText()).isEqualTo(io.contrastkit.app.report.GroupPalette.css(g.get("id").asInt()));
            assertThat(g.get("marker").asText()).isEqualTo("circle");
        }
        assertThat(summary.get("ramp").size()).isEqualTo(9);
    }

    @Test
    @Order(3)
    void imageDetailsAndThumbnailsByIdOnly() throws Exception {
        long id = firstId();
        JsonNode d = JSON.readTree(get("/api/images/" + id).body());
        assertThat(d.get("features").size()).isEqualTo(FeatureSchema.V1.size());
        assertThat(d.get("neighbours").size()).isEqualTo(8);
        HttpResponse<byte[]> img = http.send(HttpRequest.newBuilder(server.url().resolve("/image/" + id)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(img.statusCode()).isEqualTo(200);
        assertThat(img.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(img.body()[0] & 0xff).isEqualTo(0xff);

        for (String path : List.of("/image/999999", "/image/abc", "/thumb/-1", "/api/images/999999",
                "/api/images/1e3", "/image/..%2F..%2Fetc%2Fpasswd", "/image/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/nothing/here")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(r.body()).get("message").asText()).as(path).isNotBlank();
            assertThat(JSON.readTree(r.body()).get("code").asText()).as(path).isEqualTo("not_found");
        }
        for (String target : List.of("/image/../../etc/passwd", "/image/..%2F..%2Fetc%2Fpasswd",
                "/thumb/%2e%2e/%2e%2e/etc/passwd", "/image/1/../../../../etc/passwd")) {
            String response = raw(target);
            assertThat(response).as(target).startsWith("HTTP/1.1 404");
            assertThat(response).as(target).doesNotContain("root:");
        }
    }

    @Test
    @Order(4)
    void postsNeedTheSessionTokenAndJson() throws Exception {
        String body = "{\"id\": " + firstId() + ", \"label\": \"foggy\"}";
        assertThat(post("/api/labels", body, null).statusCode()).isEqualTo(403);
        assertThat(post("/api/labels", body, (server.token().charAt(0) == '0' ? "1" : "0") + server.token().substring(1)).statusCode()).isEqualTo(403);
        assertThat(post("/api/propagate", "{}", "wrong").statusCode()).isEqualTo(403);
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(server.url().resolve("/api/labels"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(ExplorerServer.TOKEN_HEADER, server.token())
                .POST(HttpRequest.BodyPublishers.ofString("id=1&label=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        HttpResponse<String> ok = post("/api/labels", body, server.token());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("label").asText()).isEqualTo("foggy");
        // The detail view shows that image's label, and no other image's.
        JsonNode label = JSON.readTree(get("/api/images/" + firstId()).body()).get("label");
        assertThat(label.get("label").asText()).isEqualTo("foggy");
        assertThat(label.get("source").asText()).isEqualTo("human");
        JsonNode ids = JSON.readTree(get("/api/points").body()).get("id");
        long other = ids.get(0).asLong() == firstId() ? ids.get(1).asLong() : ids.get(0).asLong();
        assertThat(JSON.readTree(get("/api/images/" + other).body()).has("label")).isFalse();
    }

    @Test
    @Order(5)
    void requestsForOtherHostsAreRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /api/summary HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    @Order(6)
    void labelTextIsLimited() throws Exception {
        long id = firstId();
        String t = server.token();
        HttpResponse<String> tooLong = post("/api/labels", "{\"id\": " + id + ", \"label\": \"" + "a".repeat(41) + "\"}", t);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooLong.body()).get("message").asText()).contains("41 characters");
        assertThat(post("/api/labels", "{\"id\": " + id + ", \"label\": \"<script>x</script>\"}", t).statusCode())
                .isEqualTo(400);
        assertThat(post("/api/labels", "{\"id\": " + id + ", \"label\": \"   \"}", t).statusCode()).isEqualTo(400);
        assertThat(post("/api/labels", "{\"id\": " + id + ", \"label\": 5}", t).statusCode()).isEqualTo(400);
        assertThat(post("/api/labels", "{\"id\": 999999, \"label\": \"fine\"}", t).statusCode()).isEqualTo(404);
        assertThat(post("/api/labels", "not json", t).statusCode()).isEqualTo(400);
        assertThat(post("/api/labels", "{\"id\": " + id + ", \"label\": \"" + "x".repeat(8000) + "\"}", t).statusCode())
                .isBetween(400, 499);
        HttpResponse<String> unicode = post("/api/labels", "{\"id\": " + id + ", \"label\": \" Nebel-grau (ok) \"}", t);
        assertThat(unicode.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(unicode.body()).get("label").asText()).isEqualTo("Nebel-grau (ok)");
    }

    @Test
    @Order(7)
    void propagateLabelsEveryImageAndJudgementsGiveAnAgreement() throws Exception {
        String t = server.token();
        assertThat(post("/api/propagate", "{}", t).statusCode()).isEqualTo(409); // one label only so far
        JsonNode points = JSON.readTree(get("/api/points").body());
        int n = points.get("id").size();
        // Label the flattest and the harshest thirds by contrast score, as a person might.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> points.get("score").get(i).asDouble()));
        for (int r = 0; r < 4; r++) {
            assertThat(post("/api/labels", "{\"id\": " + points.get("id").get(order[r]).asLong()
                    + ", \"label\": \"flat\"}", t).statusCode()).isEqualTo(200);
            assertThat(post("/api/labels", "{\"id\": " + points.get("id").get(order[n - 1 - r]).asLong()
                    + ", \"label\": \"harsh\"}", t).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> prop = post("/api/propagate", "{}", t);
        assertThat(prop.statusCode()).as(prop.body()).isEqualTo(200);
        JsonNode pr = JSON.readTree(prop.body());
        assertThat(pr.get("classifier").asText()).isIn("knn", "logistic");
        JsonNode labels = JSON.readTree(get("/api/labels").body());
        assertThat(labels.get("labels").size()).isEqualTo(n);

        // Judgements that follow the model's own score: the agreement is strong.
        for (int step = 1; step <= 2; step++) {
            for (int i = 0; i + step < n; i++) {
                long lo = points.get("id").get(order[i]).asLong();
                long hi = points.get("id").get(order[i + step]).asLong();
                HttpResponse<String> j = post("/api/judgements", "{\"left\": " + lo + ", \"right\": " + hi
                        + ", \"winner\": " + hi + "}", t);
                assertThat(j.statusCode()).as(j.body()).isEqualTo(200);
            }
        }
        assertThat(post("/api/judgements", "{\"left\": 1, \"right\": 1, \"winner\": 1}", t).statusCode())
                .isBetween(400, 404);
        JsonNode a = JSON.readTree(get("/api/agreement").body());
        assertThat(a.get("images").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(a.get("srcc").asDouble()).isGreaterThan(0.8);
        assertThat(a.get("srcc_low").asDouble()).isLessThanOrEqualTo(a.get("srcc").asDouble());
        JsonNode pair = JSON.readTree(get("/api/pair").body());
        assertThat(pair.get("left").asLong()).isNotEqualTo(pair.get("right").asLong());
    }

    @Test
    @Order(8)
    void commandsLabelPseudolabelAndExportWhileNoExplorerRuns() throws Exception {
        server.close();
        server = null;
        Path image = Files.list(fixture.photos).sorted().findFirst().orElseThrow();
        assertThat(cli("label", "--store", fixture.store.toString(), "--image", image.toString(), "--name", "fine"))
                .startsWith("0:");
        assertThat(cli("label", "--store", fixture.store.toString(), "--image", "/etc/passwd", "--name", "x"))
                .startsWith("2:").contains("not a measured image");
        assertThat(cli("label", "--store", fixture.store.toString(), "--image", image.toString(), "--name", "a;b"))
                .startsWith("2:").contains("U+003B");
        assertThat(cli("pseudolabel", "--store", fixture.store.toString(), "--model", fixture.model.toString()))
                .startsWith("0:").contains("labelled 24 images");
        Path csv = dir.resolve("labels.csv");
        assertThat(cli("export", "--store", fixture.store.toString(), "--what", "labels", "--format", "csv",
                "--out", csv.toString())).startsWith("0:");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("path,label,source,confidence,labeled_at");
        assertThat(lines).hasSize(25);
        assertThat(lines).anyMatch(l -> l.startsWith(image + ",fine,human,1.0,"));
        try (StoreSession tableSession = StoreSession.open(fixture.store, FeatureSchema.V1, StoreSession.Access.READ)) {
            LabelTable table = tableSession.labels();
            assertThat(table.judgements()).isNotEmpty();
        }
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return code + ": " + out + err;
    }
}
