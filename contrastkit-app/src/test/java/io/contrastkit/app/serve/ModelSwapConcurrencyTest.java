package io.contrastkit.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.app.ModelPhotos;
import io.contrastkit.app.api.ContrastKit;
import io.contrastkit.app.stage.PredictionJson;
import io.contrastkit.app.stage.PredictionService;
import io.contrastkit.core.Fixtures;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refits (every 15 served images and on request), swaps and rollbacks while clients post images over HTTP:
 * every answer must be exactly what the version it names predicts for that image, recomputed in-process from
 * that version's model, so no answer mixes two models.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ModelSwapConcurrencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PHOTOS = List.of("horse.png", "text.png", "page.png", "moon.png", "coins.png",
            "color.png", "brick.png", "rocket.jpg", "camera.png", "gravel.png", "phantom.png", "grass.png",
            "retina.jpg", "chelsea.png", "palette_color.png");
    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_CLIENT = 40;

    @TempDir
    Path dir;

    private record Answer(String image, String tier, JsonNode body) {
    }

    @Test
    void everyAnswerIsThePredictionOfExactlyTheVersionItNames() throws Exception {
        Path model = ModelPhotos.writeModel(dir.resolve("model.json"));
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (String name : PHOTOS) {
            images.put(name, Files.readAllBytes(Fixtures.image(name)));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger rollbacks = new AtomicInteger();
        AtomicInteger askedRefits = new AtomicInteger();
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 2).withQueue(4 * CLIENTS)
                .withRefit(15, 60).withKeepVersions(1000))) {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            AtomicBoolean clientsDone = new AtomicBoolean();
            try {
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    long seed = c;
                    clients.add(pool.submit(() -> {
                        SplittableRandom rnd = new SplittableRandom(seed);
                        for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                            String name = PHOTOS.get(rnd.nextInt(PHOTOS.size()));
                            String tier = rnd.nextInt(4) == 0 ? "fast" : "hybrid";
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.url().resolve(
                                    "/v1/predict?tier=" + tier)).timeout(Duration.ofSeconds(60))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(images.get(name))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                problems.add(name + ": " + r.statusCode() + " " + r.body());
                            } else {
                                answers.add(new Answer(name, tier, JSON.readTree(r.body())));
                            }
                        }
                        return null;
                    }));
                }
                // Meanwhile: refits asked for and rollbacks to a random kept version, until the clients are done.
                Future<?> control = pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(99);
                    while (!clientsDone.get()) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.url().resolve(
                                "/v1/model/refit?wait=true")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            askedRefits.incrementAndGet();
                        } else if (r.statusCode() != 409 && r.statusCode() != 422) {
                            problems.add("refit: " + r.statusCode() + " " + r.body());
                        }
                        JsonNode versions = JSON.readTree(http.send(HttpRequest.newBuilder(s.url().resolve(
                                "/v1/models")).build(), HttpResponse.BodyHandlers.ofString()).body()).get("versions");
                        String back = versions.get(rnd.nextInt(versions.size())).get("model_version").asText();
                        HttpResponse<String> rb = http.send(HttpRequest.newBuilder(s.url().resolve(
                                "/v1/model/rollback?version=" + back)).POST(HttpRequest.BodyPublishers.noBody())
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (rb.statusCode() == 200) {
                            rollbacks.incrementAndGet();
                        } else {
                            problems.add("rollback: " + rb.statusCode() + " " + rb.body());
                        }
                        Thread.sleep(20);
                    }
                    return null;
                });
                for (Future<?> f : clients) {
                    f.get(240, TimeUnit.SECONDS);
                }
                clientsDone.set(true);
                control.get(60, TimeUnit.SECONDS);
            } finally {
                clientsDone.set(true);
                pool.shutdownNow();
            }
            assertThat(problems).isEmpty();
            assertThat(answers).hasSize(CLIENTS * REQUESTS_PER_CLIENT);

            // Recompute every answer from the model of the version it names.
            Map<String, ContrastKit> kits = new LinkedHashMap<>();
            for (ModelVersions.Version v : s.versions().versions()) {
                kits.put(v.id(), v.kit());
            }
            Set<String> used = new HashSet<>();
            int distinguishing = 0;
            List<String> wrong = new ArrayList<>();
            for (Answer a : answers) {
                String version = a.body().get("model_version").asText();
                used.add(version);
                ContrastKit kit = kits.get(version);
                assertThat(kit).as("version " + version + " is kept").isNotNull();
                ContrastKit.Tier tier = a.tier().equals("fast") ? ContrastKit.Tier.FAST : ContrastKit.Tier.HYBRID;
                JsonNode expected = fields(kit.predict(images.get(a.image()), tier));
                ObjectNode got = a.body().deepCopy();
                got.remove(List.of("tier", "model_version", "millis"));
                if (!got.equals(expected)) {
                    wrong.add(a.image() + " under " + version + ": " + got + " != " + expected);
                }
                // Would another version have answered differently? Then this answer tells the versions apart.
                for (ContrastKit other : kits.values()) {
                    if (!other.modelVersion().equals(version)
                            && !fields(other.predict(images.get(a.image()), tier)).equals(got)) {
                        distinguishing++;
                        break;
                    }
                }
            }
            assertThat(wrong).isEmpty();
            assertThat(s.versions().refits()).as("refits happened").isGreaterThanOrEqualTo(3);
            assertThat(rollbacks.get()).as("rollbacks happened").isGreaterThanOrEqualTo(2);
            assertThat(used).as("answers came from several versions").hasSizeGreaterThanOrEqualTo(3);
            assertThat(distinguishing).as("versions predict differently, so a mixed answer would show")
                    .isGreaterThan(answers.size() / 2);
        }
    }

    private static JsonNode fields(PredictionService.Measured m) {
        return PredictionJson.fill(JSON.createObjectNode(), m.features(), m.prediction());
    }
}
