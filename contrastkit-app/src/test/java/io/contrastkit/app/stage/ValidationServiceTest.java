package io.contrastkit.app.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.app.Main;
import io.contrastkit.core.Fixtures;
import io.contrastkit.core.ImageError;
import io.contrastkit.learn.validate.Downstream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Validation stage without a command line: options checked up front, failures returned, nothing printed. */
class ValidationServiceTest {

    @TempDir
    Path dir;

    @Test
    void ladderFailuresComeBackInTheResult() throws Exception {
        Path ladder = dir.resolve("ladder");
        StringWriter err = new StringWriter();
        assertThat(Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "ladder", "--out",
                ladder.toString(), "--max-side", "64", Fixtures.image("camera.png").toString())).as(err.toString()).isZero();
        List<String> rows = Files.readAllLines(ladder.resolve(LadderService.INDEX));
        Path broken = ladder.resolve(rows.get(1).split(",")[0]);
        Files.writeString(broken, "not an image");

        List<String> steps = new ArrayList<>();
        ValidationResult r = ValidationService.validate(ladderOnly(ladder), null, new ProgressSink() {
            @Override
            public void step(String what) {
                steps.add(what);
            }
        });

        assertThat(r.ladderFailed()).isEqualTo(1);
        LadderCheck.Failure f = r.ladderFailures().get(0);
        assertThat(f.file()).isEqualTo(broken);
        assertThat(f.kind()).isEqualTo(ImageError.Kind.NOT_AN_IMAGE);
        assertThat(f.line()).startsWith(broken + ": NOT_AN_IMAGE: ");
        assertThat(r.sections()).extracting(ValidationResult.Section::key).containsExactly("ladder");
        assertThat(r.figures()).filteredOn(x -> x.key().equals("failed")).extracting(ValidationResult.Figure::value)
                .containsExactly(1);
        assertThat(r.figures()).allSatisfy(x -> assertThat(x.meaning()).isNotBlank());
        assertThat(steps).containsExactly("contrast ladders");
    }

    @Test
    void optionsAreCheckedAsAWhole() {
        assertThatThrownBy(() -> new ValidationOptions(null, null, null, null, null, "path", null, null, 0, 1, 1, 10,
                2, Downstream.Classifier.KNN, 42, 1)).hasMessageStartingWith("nothing to validate");
        assertThatThrownBy(() -> new ValidationOptions(null, null, dir, dir.resolve("r.csv"), null, "path", "mos",
                null, 0, 1, 1, 10, 2, Downstream.Classifier.KNN, 42, 1)).hasMessageContaining("give --model FILE");
        assertThatThrownBy(() -> new ValidationOptions(null, null, dir, null, null, "path", null, null, 0, 0, 0, 10,
                2, Downstream.Classifier.KNN, 42, 1)).hasMessageContaining("not both 0");
        assertThat(ValidationOptions.storeChecks(dir.resolve("s.duckdb"), dir.resolve("m.json"), 20, 7, 2).seedRefits())
                .isEqualTo(4);
    }

    private static ValidationOptions ladderOnly(Path ladder) {
        return new ValidationOptions(null, null, ladder, null, null, ValidationOptions.DEFAULT_IMAGE_COLUMN, null, null,
                0, ValidationOptions.DEFAULT_STABILITY_RESAMPLES, ValidationOptions.DEFAULT_SEED_REFITS,
                ValidationOptions.DEFAULT_STABILITY_SAMPLE, ValidationOptions.DEFAULT_FOLDS, Downstream.Classifier.KNN,
                Defaults.SEED, 2);
    }
}
