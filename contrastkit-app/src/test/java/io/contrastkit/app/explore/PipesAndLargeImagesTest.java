package io.contrastkit.app.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.contrastkit.app.Main;
import io.contrastkit.testing.RequiredEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 items 3 and 4 from the command line: a pipe, named or met in a folder, gets a typed reason in
 * features, predict and extract within 5 s; a 100 MP PNG as large as a photo's measures at -Xmx512m.
 */
class PipesAndLargeImagesTest {

    @TempDir
    static Path dir;

    static ExplorerFixture fixture;
    static Path pipe;
    static Path folder;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = ExplorerFixture.create(dir);
        folder = Files.createDirectories(dir.resolve("with-pipe"));
        Files.copy(fixture.photos.resolve("moon.png"), folder.resolve("moon.png"));
        pipe = dir.resolve("y.jpg");
        RequiredEnvironment.assumePresent(ExplorerStoreSharingTest.mkfifo(pipe)
                && ExplorerStoreSharingTest.mkfifo(folder.resolve("z.jpg")), "no mkfifo on this machine");
    }

    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> Main.execute(new PrintWriter(out), new PrintWriter(err), args));
        return code + ": " + out + err;
    }

    @Test
    void aNamedPipeFailsWithAReason() {
        String reason = "UNREADABLE: not a regular file";
        assertThat(cli("features", pipe.toString())).startsWith("1:").contains(reason);
        assertThat(cli("predict", "--model", fixture.model.toString(), pipe.toString())).startsWith("1:")
                .contains("not a regular file");
        Path store = dir.resolve("named.duckdb");
        assertThat(cli("extract", "--store", store.toString(), pipe.toString())).startsWith("1:").contains("1 failed");
        assertThat(cli("failures", "--store", store.toString())).contains("not a regular file");
    }

    @Test
    void aPipeInAFolderFailsWithAReasonAndTheRestIsMeasured() {
        assertThat(cli("features", folder.toString())).startsWith("1:").contains("moon.png,")
                .contains("z.jpg").contains("not a regular file");
        assertThat(cli("predict", "--model", fixture.model.toString(), folder.toString())).startsWith("1:")
                .contains("moon.png").contains("not a regular file");
        Path store = dir.resolve("folder.duckdb");
        assertThat(cli("extract", "--store", store.toString(), folder.toString())).startsWith("1:")
                .contains("1 ok, 1 failed");
        assertThat(cli("failures", "--store", store.toString())).contains("z.jpg").contains("not a regular file");
    }

    @Test
    void aHundredMegapixelPngMeasuresAtHalfAGigabyteOfHeap() throws Exception {
        RequiredEnvironment.requireInCi(libdeflate(), "libdeflate is missing: the Java PNG path needs about 800 MB");
        org.junit.jupiter.api.Assumptions.assumeTrue(libdeflate(), "libdeflate is missing");
        Path png = dir.resolve("hundred-mp.png");
        long t0 = System.nanoTime();
        LargePng.write(png, 10_000, 10_000, 3, true);
        double made = (System.nanoTime() - t0) / 1e9;
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "features", png.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s (file %d MB, written in %.1f s)", text, Files.size(png) >> 20, made).isZero();
        assertThat(text).contains(png + ",");
        Files.delete(png);
    }

    static boolean libdeflate() {
        try {
            com.sun.jna.NativeLibrary.getInstance("libdeflate.so.0");
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
