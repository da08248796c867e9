package io.contrastkit.app;

import io.contrastkit.app.cli.ExitCode;
import io.contrastkit.app.cli.DemoCommand;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze and demo run end to end in-process and leave a store, a model and a report. */
class AnalyzeDemoTest {

    @TempDir
    Path dir;

    @Test
    void analyzeLeavesStoreModelAndReport() throws IOException {
        Path photos = dir.resolve("photos");
        Files.createDirectories(photos);
        for (String name : List.of("astronaut.png", "camera.png", "coffee.png", "moon.png", "text.png", "grass.png",
                "chelsea.png", "brick.png")) {
            Files.copy(Fixtures.root().resolve("images").resolve(name), photos.resolve(name));
        }
        Path out = dir.resolve("analysis");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.execute(new PrintWriter(stdout), new PrintWriter(stderr), "analyze", photos.toString(),
                "--out", out.toString(), "--threads", "2", "--seed", "7");
        assertThat(code).as(stderr.toString()).isEqualTo(ExitCode.OK);
        assertLeftBehind(out, stdout.toString());
        assertThat(stderr.toString()).contains("stage 1 of 3: extract features")
                .contains("stage 2 of 3: learn groups").contains("stage 3 of 3: validate and write the report");
    }

    @Test
    void analyzeRejectsAnOutThatIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        StringWriter stderr = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(stderr), "analyze", dir.toString(),
                "--out", file.toString());
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(stderr.toString()).contains("--out " + file + " is a file");
    }

    @Test
    void demoRunsOnTheBundledSamples() throws IOException {
        assertThat(DemoCommand.bundledPhotos()).as("samples/photos found from the build").isPresent();
        Path out = dir.resolve("demo");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.execute(new PrintWriter(stdout), new PrintWriter(stderr), "demo", "--out", out.toString(),
                "--threads", "2");
        assertThat(code).as(stderr.toString()).isEqualTo(ExitCode.OK);
        assertLeftBehind(out, stdout.toString());
        try (var files = Files.list(out.resolve("samples"))) {
            // Each bundled photo with its three five-level ladders (compression, haze, S-curve).
            assertThat(files.filter(f -> f.getFileName().toString().contains("__compression_5")).count())
                    .isGreaterThanOrEqualTo(5);
        }
        assertThat(out.resolve("samples").resolve("ladder.csv")).isRegularFile();
        try (var files = Files.list(out.resolve("samples"))) {
            assertThat(files.count()).isGreaterThan(16 * 5);
        }
    }

    private static void assertLeftBehind(Path out, String stdout) throws IOException {
        Path store = out.resolve("contrastkit.duckdb");
        Path model = out.resolve("model.json");
        Path index = out.resolve("report").resolve("index.html");
        assertThat(store).isRegularFile();
        assertThat(model).isRegularFile();
        assertThat(index).isRegularFile();
        assertThat(Files.readString(model)).contains("contrastkit-model/1");
        assertThat(Files.readString(index)).contains("<section id=\"groups\">").contains("<section id=\"validation\">");
        assertThat(stdout).contains("store:  " + store).contains("model:  " + model).contains("report: " + index);
    }
}
