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
