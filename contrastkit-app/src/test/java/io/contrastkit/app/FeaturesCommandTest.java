package io.contrastkit.app;

import io.contrastkit.app.cli.ExitCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.Fixtures;
import io.contrastkit.testing.FeatureTolerance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contrastkit features}: output contract, exit codes, mixed good and bad inputs. */
class FeaturesCommandTest {

    @TempDir
    Path dir;

    @Test
    void csvHasTheSpecHeaderAndFullPrecisionRowsMatchingTheReference() {
        CliRun run = CliRun.of("features", Fixtures.image("camera.png").toString(), Fixtures.image("coffee.png").toString());
        assertThat(run.exitCode()).isZero();
        String[] lines = run.outLines();
        assertThat(lines[0]).isEqualTo("path," + String.join(",", FeatureSchema.V1.names()));
        assertThat(lines).hasSize(3);
        Map<String, double[]> golden = Fixtures.golden(512);
        for (String line : Arrays.copyOfRange(lines, 1, 3)) {
            String[] f = line.split(",");
            double[] v = Arrays.stream(f, 1, f.length).mapToDouble(Double::parseDouble).toArray();
            String name = Path.of(f[0]).getFileName().toString();
            FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), name, v, golden.get(name), false);
        }
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonLinesCarryTheFeatureVersion() throws Exception {
        CliRun run = CliRun.of("features", "--format", "json", "--max-side", "128", Fixtures.image("moon.png").toString());
        assertThat(run.exitCode()).isZero();
        JsonNode node = new ObjectMapper().readTree(run.outLines()[0]);
        assertThat(node.get("feature_version").asText()).isEqualTo("contrast-features/v1");
        assertThat(node.get("features").size()).isEqualTo(20);
        assertThat(node.get("features").get("c_rms").asDouble())
                .isCloseTo(Fixtures.golden(128).get("moon.png")[0], org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void mixedFolderGivesEveryGoodRowAndAReasonPerBadFile() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("mixed"));
        for (String good : new String[] {"camera.png", "rocket.jpg", "no_time_for_that_tiny.gif", "chessboard_GRAY_U16.tif"}) {
            Files.copy(Fixtures.image(good), folder.resolve(good));
        }
        Files.copy(Fixtures.image("truncated.jpg"), folder.resolve("truncated.jpg"));
        Files.createFile(folder.resolve("zero.png"));
        Files.writeString(folder.resolve("readme.jpg"), "not an image");
        CliRun run = CliRun.of("features", folder.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.SOME_FAILED);
        assertThat(run.outLines()).hasSize(1 + 4);
        assertThat(run.out()).contains("camera.png,", "rocket.jpg,", "no_time_for_that_tiny.gif,", "chessboard_GRAY_U16.tif,");
        assertThat(run.err()).contains("truncated.jpg: TRUNCATED", "zero.png: EMPTY", "readme.jpg: NOT_AN_IMAGE");
        assertThat(run.err().lines()).hasSize(3);
    }

    /**
     * Issue 12 items 8 and 9: {@code features DIR} counted notes.txt and ladder.csv as failures where
     * extract skips them, skipped broken links, FIFOs and link loops without a line, and a newline in a
     * file name split its failure line.
     */
    @Test
    void aFolderWalkSkipsNonImagesAndReportsLinksPipesAndLoopsOnOneLineEach() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("walk"));
        Files.copy(Fixtures.image("camera.png"), folder.resolve("camera.png"));
        Files.writeString(folder.resolve("notes.txt"), "some notes");
        Files.writeString(folder.resolve("ladder.csv"), "variant,level\n");
        Files.createSymbolicLink(folder.resolve("broken.png"), folder.resolve("nowhere.png"));
        Files.createSymbolicLink(folder.resolve("loop"), folder);
        Files.writeString(folder.resolve("new\nline.jpg"), "not a jpeg");
        boolean fifo = new ProcessBuilder("mkfifo", folder.resolve("pipe").toString()).start().waitFor() == 0;
        CliRun run = CliRun.of("features", folder.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.SOME_FAILED);
        assertThat(run.outLines()).hasSize(2);
        assertThat(run.out()).contains("camera.png,");
        assertThat(run.err()).doesNotContain("notes.txt", "ladder.csv");
        List<String> err = run.err().lines().toList();
        assertThat(err).anySatisfy(l -> assertThat(l).endsWith("broken.png: UNREADABLE: broken symbolic link"));
        assertThat(err).anySatisfy(l -> assertThat(l).contains("loop: symbolic link loop"));
        assertThat(err).anySatisfy(l -> assertThat(l).contains("new\\nline.jpg: NOT_AN_IMAGE"));
        if (fifo) {
            assertThat(err).anySatisfy(l -> assertThat(l).endsWith("pipe: UNREADABLE: not a regular file (a pipe, device or socket); not read"));
        }
        assertThat(err).hasSize(fifo ? 4 : 3);
    }

    @Test
    void usageErrorsExitTwoWithAMessage() {
        CliRun badWindow = CliRun.of("features", "--window", "4", Fixtures.image("camera.png").toString());
        assertThat(badWindow.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badWindow.err()).contains("window must be an odd number");
        assertThat(CliRun.of("features").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("features", "--format", "xml", "x.png").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("no-such-command").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void allGoodExitsZeroOneBadExitsOne() {
        assertThat(CliRun.of("features", Fixtures.image("text.png").toString()).exitCode()).isZero();
        assertThat(CliRun.of("features", Fixtures.image("truncated.jpg").toString()).exitCode()).isEqualTo(1);
    }
}
