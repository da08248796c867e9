package io.contrastkit.app;

import io.contrastkit.app.stage.LadderService;
import io.contrastkit.app.cli.ExitCode;
import io.contrastkit.app.cli.LadderCommand;
import io.contrastkit.app.stage.LadderVariants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.Fixtures;
import io.contrastkit.core.LinearImage;
import io.contrastkit.core.decode.ImageDecoder;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contrastkit ladder} files and index, determinism, failures, and the feature-only {@code validate --ladder}. */
class LadderCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesFiveLevelsOfThreeFamiliesPerImageWithAnIndex() throws Exception {
        Path out = tmp.resolve("ladder");
        CliRun run = CliRun.of("ladder", "--out", out.toString(), "--max-side", "96",
                Fixtures.image("astronaut.png").toString(), Fixtures.image("camera.png").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote 30 variants of 2 images");

        List<String> lines = Files.readAllLines(out.resolve("ladder.csv"));
        assertThat(lines.get(0)).isEqualTo("file,source,family,level,expected_direction");
        assertThat(lines).hasSize(31);
        assertThat(lines.get(1)).isEqualTo("astronaut__compression_1.png," + Fixtures.image("astronaut.png") + ",compression,1,-1");
        assertThat(lines).contains(
                "camera__haze_5.png," + Fixtures.image("camera.png") + ",haze,5,-1",
                "camera__s-curve_3.png," + Fixtures.image("camera.png") + ",s-curve,3,+1");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(30);
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(out.resolve(f[0])).exists();
            assertThat(f[2]).isIn("compression", "haze", "s-curve");
            assertThat(Integer.parseInt(f[3])).isBetween(1, 5);
            assertThat(f[4]).isEqualTo(f[2].equals("s-curve") ? "+1" : "-1");
        }
        // 16-bit lossless PNG at the working size
        BufferedImage png = ImageIO.read(out.resolve("astronaut__haze_2.png").toFile());
        assertThat(png.getColorModel().getComponentSize(0)).isEqualTo(16);
        assertThat(Math.max(png.getWidth(), png.getHeight())).isEqualTo(96);

        // the same inputs give the same bytes
        Path again = tmp.resolve("again");
        CliRun.of("ladder", "--out", again.toString(), "--max-side", "96", "--threads", "1",
                Fixtures.image("astronaut.png").toString(), Fixtures.image("camera.png").toString());
        for (String line : lines.subList(1, lines.size())) {
            String name = line.split(",")[0];
            assertThat(Files.readAllBytes(again.resolve(name))).as(name).isEqualTo(Files.readAllBytes(out.resolve(name)));
        }
        assertThat(Files.readString(again.resolve("ladder.csv"))).isEqualTo(Files.readString(out.resolve("ladder.csv")));
    }

    @Test
    void theManipulationsMoveRmsContrastAsPromised() throws Exception {
        // by construction: compression scales std(Y) by 1 - 0.15 L at a fixed mean; haze by 1 - 0.1 L at a higher mean
        ImageDecoder decoder = new ImageDecoder(ExtractionOptions.defaults().withMaxSide(64));
        LinearImage img = decoder.decode(Fixtures.bytes("coffee.png"));
        ContrastFeatureExtractor fx = new ContrastFeatureExtractor(ExtractionOptions.defaults().withMaxSide(64));
        double base = fx.extract(img).get("std");
        double[] r = img.copyRed();
        double[] g = img.copyGreen();
        double[] b = img.copyBlue();
        for (int level = 1; level <= 5; level++) {
            double[][] c = LadderVariants.apply(LadderVariants.Family.COMPRESSION, level, r, g, b);
            double std = fx.extract(LinearImage.ofLinearRgb(img.width(), img.height(), c[0], c[1], c[2], 0)).get("std");
            assertThat(std).isCloseTo(base * (1 - 0.15 * level), within(1e-9));
            double[][] h = LadderVariants.apply(LadderVariants.Family.HAZE, level, r, g, b);
            double hazeStd = fx.extract(LinearImage.ofLinearRgb(img.width(), img.height(), h[0], h[1], h[2], 0)).get("std");
            assertThat(hazeStd).isCloseTo(base * (1 - 0.1 * level), within(1e-6));
        }
    }

    @Test
    void failedInputsAreReportedAndTheRestIsWritten() throws Exception {
        Path out = tmp.resolve("ladder");
        Path text = Files.writeString(tmp.resolve("notes.png"), "not an image");
        CliRun run = CliRun.of("ladder", "--out", out.toString(), "--max-side", "48",
                Fixtures.image("coins.png").toString(), text.toString(), tmp.resolve("missing.png").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.SOME_FAILED);
        assertThat(run.err()).contains(text.toString(), tmp.resolve("missing.png").toString());
        assertThat(run.out()).contains("wrote 15 variants of 1 image", "2 inputs could not be read");
        assertThat(Files.readAllLines(out.resolve("ladder.csv"))).hasSize(16);

        CliRun usage = CliRun.of("ladder", "--out", out.toString(), "--max-side", "-1", Fixtures.image("coins.png").toString());
        assertThat(usage.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(usage.err()).contains("--max-side must be >= 0");
    }

    @Test
    void sourcesWithTheSameNameGetDistinctStems() {
        assertThat(LadderService.stems(List.of(Path.of("a/x.png"), Path.of("b/x.jpg"), Path.of("x-2.png"), Path.of("a b.png"))))
                .containsExactly("x", "x-2", "x-2-2", "a_b");
    }

    @Test
    void validateWithoutAModelChecksTheFeaturesOnTheLadder() throws Exception {
        Path out = tmp.resolve("ladder");
        assertThat(CliRun.of("ladder", "--out", out.toString(), "--max-side", "64",
                Fixtures.image("chelsea.png").toString(), Fixtures.image("gravel.png").toString()).exitCode()).isZero();
        CliRun run = CliRun.of("validate", "--ladder", out.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode ladder = new ObjectMapper().readTree(run.out()).get("ladder");
        assertThat(ladder.get("variants").asInt()).isEqualTo(30);
        assertThat(ladder.get("families").asInt()).isEqualTo(6);
        assertThat(ladder.has("contrast_score_mean_srcc")).isFalse();
        JsonNode crms = ladder.get("measures").get("c_rms");
        assertThat(crms.get("compression_srcc").asDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(crms.get("haze_srcc").asDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(crms.get("mean_srcc").asDouble()).isGreaterThanOrEqualTo(0.99);
        assertThat(ladder.get("measures").get("std").get("share_ordered").asDouble()).isEqualTo(1.0);

        CliRun text = CliRun.of("validate", "--ladder", out.toString());
        assertThat(text.out()).contains("Contrast ladders", "no --model: only the v1 features were checked",
                "mean_srcc: mean within-family Spearman correlation");

        CliRun nothing = CliRun.of("validate");
        assertThat(nothing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(nothing.err()).contains("nothing to validate");
        CliRun noIndex = CliRun.of("validate", "--ladder", tmp.toString());
        assertThat(noIndex.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noIndex.err()).contains("no such file", "ladder.csv");
    }
}
