package io.contrastkit.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrastkit.core.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contrastkit serve} as a real child JVM: SIGTERM lets the request it has taken on finish, then it exits;
 * without {@code --embedding-model} it never loads libtorch.
 */
class ServeProcessTest {

    private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    private static JsonNode health(URI url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /**
     * Whether the process maps a libtorch library (Linux: /proc/PID/maps). DeepTierTest sees it true for a serve
     * with --embedding-model, so a false here means libtorch was not loaded, not that the check cannot see it.
     */
    static boolean libtorchMapped(long pid) throws IOException {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return lines.anyMatch(l -> l.contains("libtorch"));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermDrainsTheRequestInFlightThenStops() throws Exception {
        Path model = ModelPhotos.writeModel(dir.resolve("model.json"));
        Process p = ExtractProcessTest.child("serve", "--model", model.toString(), "--threads", "1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI url;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertThat(line).isNotNull().startsWith("serving model ");
                Matcher m = URL.matcher(line);
                assertThat(m.find()).as(line).isTrue();
                url = URI.create(m.group(1));
                byte[] image = Files.readAllBytes(Fixtures.image("rocket.jpg"));
                try (Socket slow = new Socket("127.0.0.1", url.getPort())) {
                    slow.setSoTimeout(60_000);
                    OutputStream o = slow.getOutputStream();
                    // Half the body now: the request is admitted and waits for the rest.
                    o.write(("POST /v1/predict HTTP/1.1\r\nHost: 127.0.0.1:" + url.getPort() + "\r\nContent-Length: "
                            + image.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    o.write(image, 0, image.length / 2);
                    o.flush();
                    for (int i = 0; i < 500 && health(url).get("in_flight").asInt() < 1; i++) {
                        Thread.sleep(10);
                    }
                    assertThat(health(url).get("in_flight").asInt()).isEqualTo(1);
                    p.destroy(); // SIGTERM: the shutdown hook closes the server, which drains
                    for (int i = 0; i < 500 && !health(url).get("status").asText().equals("stopping"); i++) {
                        Thread.sleep(10);
                    }
                    assertThat(health(url).get("status").asText()).isEqualTo("stopping");
                    assertThat(p.isAlive()).as("waiting for the request in flight").isTrue();
                    o.write(image, image.length / 2, image.length - image.length / 2);
                    o.flush();
                    String answer = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(answer).startsWith("HTTP/1.1 200").contains("\"tier\":\"hybrid\"");
                    if (Files.isReadable(Path.of("/proc/self/maps"))) {
                        // A plain serve (no --embedding-model) has measured an image and never loaded libtorch.
                        assertThat(libtorchMapped(p.pid())).as("libtorch in a plain serve's maps").isFalse();
                    }
                }
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stops once drained").isTrue();
            assertThat(p.exitValue()).as("ended by SIGTERM").isEqualTo(143);
        } finally {
            p.destroyForcibly();
        }
    }
}
