package io.contrastkit.app.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrastkit.app.Main;
import io.contrastkit.testing.RequiredEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 items 3, 4 and 6: a running explorer holds no lock on its store (reading commands and a
 * read-only DuckDB connection work while labels are written), a label is never dropped, and previews of a
 * pipe or of an image too large for the heap answer JSON errors promptly.
 */
class ExplorerStoreSharingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static ExplorerFixture fixture;
    static ExplorerServer server;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        fixture = ExplorerFixture.create(dir);
        // Stored predictions, which anomalies lists (cluster writes them and a model of its own).
        assertThat(cli("cluster", "--store", fixture.store.toString(), "--k-range", "2..3",
                "--model", dir.resolve("clustered.json").toString())).startsWith("0:");
        server = ExplorerServer.start(fixture.options());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header(ExplorerServer.TOKEN_HEADER, server.token())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return code + ": " + out + err;
    }

    static long[] ids() throws Exception {
        JsonNode points = JSON.readTree(get("/api/points").body());
        long[] ids = new long[points.get("id").size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = points.get("id").get(i).asLong();
        }
        return ids;
    }

    static long humanLabels(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM labels WHERE source = 'human'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<Long> humanIds(Connection c) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT image_id FROM labels WHERE source = 'human'")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** A read-only JDBC connection as any DuckDB client opens it; retried while a write holds the file. */
    static Connection readOnly() throws Exception {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                return DriverManager.getConnection("jdbc:duckdb:" + fixture.store.toAbsolutePath(), p);
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void readersWorkWhileLabelsAreWrittenAndNoLabelIsLost() throws Exception {
        long[] ids = ids();
        // Idle explorer: an outside read-only client opens the store at once and sees the label just written.
        assertThat(post("/api/labels", "{\"id\": " + ids[0] + ", \"label\": \"first\"}").statusCode()).isEqualTo(200);
        try (Connection c = readOnly()) {
            assertThat(humanIds(c)).contains(ids[0]);
        }
        // Labels written one after another while the commands and a JDBC reader run.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        java.util.Set<Long> saved = java.util.concurrent.ConcurrentHashMap.newKeySet();
        saved.add(ids[0]);
        List<String> refused = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            int i = 1;
            while (!stop.get() || i < 4) {
                long id = ids[i % ids.length];
                try {
                    HttpResponse<String> r = post("/api/labels", "{\"id\": " + id + ", \"label\": \"w" + i + "\"}");
                    if (r.statusCode() == 200) {
                        written.incrementAndGet();
                        saved.add(id);
                    } else {
                        refused.add(r.statusCode() + " " + r.body());
                    }
                } catch (Exception e) {
                    refused.add(e.toString());
                }
                i++;
            }
        });
        writer.start();
        List<String> results = new ArrayList<>();
        try {
            String store = fixture.store.toString();
            results.add(cli("anomalies", "--store", store));
            results.add(cli("export", "--store", store, "--what", "labels", "--format", "csv",
                    "--out", dir.resolve("labels.csv").toString()));
            results.add(cli("report", "--store", store, "--model", fixture.model.toString(),
                    "--out", dir.resolve("report").toString()));
            try (Connection c = readOnly()) {
                assertThat(humanLabels(c)).isGreaterThanOrEqualTo(1);
            }
        } finally {
            stop.set(true);
            writer.join(30_000);
        }
        assertThat(results).allSatisfy(r -> assertThat(r).startsWith("0:"));
        assertThat(refused).as("every label POST is saved or answered with an error; none here").isEmpty();
        assertThat(written.get()).isGreaterThanOrEqualTo(4);
        // Every label the explorer said it saved is in the store.
        try (Connection c = readOnly()) {
            assertThat(humanIds(c)).containsAll(saved);
        }
    }

    @Test
    void aStoreHeldByAnotherReaderAnswers503AndSavesNothingSilently() throws Exception {
        long id = ids()[1];
        try (Connection held = readOnly()) {
            long before = humanLabels(held);
            long t0 = System.nanoTime();
            HttpResponse<String> r = post("/api/labels", "{\"id\": " + id + ", \"label\": \"blocked\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(JSON.readTree(r.body()).get("message").asText()).contains("in use").contains("not saved");
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
            assertThat(humanLabels(held)).isEqualTo(before);
        }
        assertThat(post("/api/labels", "{\"id\": " + id + ", \"label\": \"later\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void anImageReplacedByAPipeAnswersJsonPromptly() throws Exception {
        Path victim = fixture.photos.resolve("moon-flat.png");
        long id = -1;
        JsonNode points = JSON.readTree(get("/api/points").body());
        for (JsonNode n : points.get("id")) {
            JsonNode img = JSON.readTree(get("/api/images/" + n.asLong()).body());
            if (img.get("path").asText().equals(victim.toAbsolutePath().normalize().toString())) {
                id = n.asLong();
            }
        }
        assertThat(id).as("the fixture's " + victim).isNotNegative();
        Path kept = Files.move(victim, dir.resolve("moon-flat.kept"));
        try {
            boolean made = mkfifo(victim);
            RequiredEnvironment.assumePresent(made, "no mkfifo on this machine: cannot make a pipe to test with");
            for (String route : List.of("/thumb/", "/image/")) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = get(route + id);
                assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
                assertThat(r.statusCode()).isEqualTo(422);
                assertThat(JSON.readTree(r.body()).get("message").asText()).contains("not a regular file");
            }
            // The static report meets the same pipe: it shows the name without a picture, and does not hang.
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> io.contrastkit.app.report.Thumbnails.write(victim,
                            dir.resolve("t.jpg"), 64)).hasMessageContaining("not a regular file"));
        } finally {
            Files.deleteIfExists(victim);
            Files.move(kept, victim);
        }
    }

    @Test
    void aPreviewTooLargeForTheHeapIs503NotAnEmpty500() throws Exception {
        Path big = dir.resolve("big.png");
        LargePng.write(big, 4000, 3000, 1);
        Thumbnails small = new Thumbnails(64L << 20);
        try {
            small.preview(big, 224);
            throw new AssertionError("a 12 MP preview fitted a 64 MB heap estimate");
        } catch (Thumbnails.PreviewException e) {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("-Xmx");
        }
        assertThat(new Thumbnails().preview(big, 224)).isNotEmpty();
    }

    static boolean mkfifo(Path p) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
