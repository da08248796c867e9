package io.contrastkit.app;

import io.contrastkit.app.cli.ExitCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.StoreSession;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.store.ImageRecord;
import io.contrastkit.store.StoreCounts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contrastkit extract} as a real child JVM: killed with SIGKILL and resumed, and against a store in use. */
class ExtractProcessTest {

    private static final int IMAGES = 300;
    private static final Pattern PROGRESS = Pattern.compile("extract: (\\d+)/(\\d+)");

    @TempDir
    static Path dir;

    static Path photos;

    @BeforeAll
    static void collection() {
        photos = dir.resolve("photos");
        TestImages.folder(photos, IMAGES, 160, 120);
    }

    static ProcessBuilder child(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Path to (status, features) of every image, checking that no path is stored twice. */
    static Map<String, String> contents(Path store) {
        Map<String, String> rows = new LinkedHashMap<>();
        try (StoreSession fsSession = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.READ)) {
            FeatureStore fs = fsSession.features();
            fs.forEachImage((ImageRecord r) -> {
                String previous = rows.put(r.path(), r.status() + " " + java.util.Arrays.toString(r.features()));
                assertThat(previous).as("duplicate row for %s", r.path()).isNull();
            });
        }
        return rows;
    }

    @Test
    void killedMidRunThenRerunEqualsACleanRun() throws Exception {
        Path killed = dir.resolve("killed.duckdb");
        Process p = child("extract", "--store", killed.toString(), "--threads", "1", "--batch-rows", "8",
                "--progress-interval-ms", "50", photos.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int seen = 0;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                Matcher m = PROGRESS.matcher(line);
                if (m.find() && Integer.parseInt(m.group(1)) >= IMAGES / 3) {
                    seen = Integer.parseInt(m.group(1));
                    p.destroyForcibly();   // SIGKILL: no shutdown hooks, no last commit
                    break;
                }
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("the child reported progress before it was killed").isPositive();
        assertThat(p.exitValue()).as("killed by signal 9").isEqualTo(137);

        StoreCounts partial;
        try (StoreSession fsSession = StoreSession.open(killed, FeatureSchema.V1, StoreSession.Access.READ)) {
            FeatureStore fs = fsSession.features();
            partial = fs.counts();
        }
        assertThat(partial.total()).as("committed batches survive the kill, the rest is missing")
                .isPositive().isLessThan(IMAGES);
        contents(killed);

        CliRun resumed = CliRun.of("extract", "--store", killed.toString(), photos.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains((IMAGES - partial.total()) + " ok, 0 failed, " + partial.total() + " skipped unchanged");

        Path clean = dir.resolve("clean.duckdb");
        CliRun reference = CliRun.of("extract", "--store", clean.toString(), photos.toString());
        assertThat(reference.exitCode()).isZero();
        Map<String, String> expected = contents(clean);
        assertThat(expected).hasSize(IMAGES);
        assertThat(contents(killed)).isEqualTo(expected);
    }

    @Test
    void aSecondProcessOnAStoreInUseGetsAClearMessageAndExitCode2() throws Exception {
        Path store = dir.resolve("busy.duckdb");
        Path one = photos.resolve("img0001.png");
        try (StoreSession heldSession = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.CREATE)) {
            FeatureStore held = heldSession.features();
            Process p = child("extract", "--store", store.toString(), one.toString()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out + err).isEqualTo(ExitCode.USAGE);
            assertThat(err).contains("store " + store + " is in use by another contrastkit process (pid " + ProcessHandle.current().pid() + ")")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(held.counts().total()).isZero();
        }
        // once free, the same command works
        assertThat(CliRun.of("extract", "--store", store.toString(), one.toString()).exitCode()).isZero();
        assertThat(Files.exists(store)).isTrue();
    }
}
