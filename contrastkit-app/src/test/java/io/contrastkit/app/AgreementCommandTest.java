package io.contrastkit.app;

import io.contrastkit.app.cli.ExitCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrastkit.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code contrastkit agreement} against the published figures of the IQA score fixtures, and its errors. */
class AgreementCommandTest {

    @TempDir
    Path tmp;

    /** The table of contrastkit-testing/src/main/resources/iqa-scores/README.md (scipy 1.10, logistic fitted by least squares). */
    @ParameterizedTest
    @CsvSource({
            "ccid2014-niqmc.csv, niqmc, 655, -0.8113, -0.6052, -0.8190, 0.8438, 0.3510",
            "ccid2014-ceiq.csv,  ceiq,  655,  0.8120,  0.6052,  0.8143, 0.8367, 0.3581",
            "cid2013-niqmc.csv,  niqmc, 400, -0.8668, -0.6690, -0.8472, 0.8691, 0.3082",
            "cid2013-ceiq.csv,   ceiq,  400,  0.8431,  0.6412,  0.8245, 0.8459, 0.3324"})
    void reproducesThePublishedFigures(String name, String scoreColumn, int n, double srcc, double krcc, double plcc,
                                       double plccLogistic, double rmseLogistic) throws IOException {
        Path csv = resource(name);
        CliRun run = CliRun.of("agreement", csv.toString(), "--truth", "mos", "--score", scoreColumn, "--json",
                "--resamples", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("n", "srcc", "krcc", "plcc", "plcc_logistic", "rmse_logistic");
        assertThat(j.get("n").asInt()).isEqualTo(n);
        // the README rounds to 4 decimals: 1e-4 is the stated tolerance, plus half a unit of that rounding
        assertThat(j.get("srcc").asDouble()).isCloseTo(srcc, within(1.5e-4));
        assertThat(j.get("krcc").asDouble()).isCloseTo(krcc, within(1.5e-4));
        assertThat(j.get("plcc").asDouble()).isCloseTo(plcc, within(1.5e-4));
        assertThat(j.get("plcc_logistic").asDouble()).isCloseTo(plccLogistic, within(2e-3));
        assertThat(j.get("rmse_logistic").asDouble()).isCloseTo(rmseLogistic, within(5e-3));
    }

    @Test
    void intervalsCoverTheFiguresAndTheTextExplainsEachOne() throws IOException {
        Path csv = resource("cid2013-ceiq.csv");
        CliRun json = CliRun.of("agreement", csv.toString(), "--truth", "mos", "--score", "ceiq", "--json",
                "--resamples", "100", "--seed", "7");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.out());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("n", "srcc", "srcc_ci", "krcc", "krcc_ci", "plcc", "plcc_ci",
                "plcc_logistic", "plcc_logistic_ci", "rmse_logistic", "rmse_logistic_ci");
        for (String k : List.of("srcc", "krcc", "plcc", "plcc_logistic", "rmse_logistic")) {
            JsonNode ci = j.get(k + "_ci");
            assertThat(ci.get(0).asDouble()).as(k).isLessThanOrEqualTo(j.get(k).asDouble());
            assertThat(ci.get(1).asDouble()).as(k).isGreaterThanOrEqualTo(j.get(k).asDouble());
            assertThat(ci.get(1).asDouble() - ci.get(0).asDouble()).as(k).isBetween(1e-3, 0.2);
        }
        // same seed, same output
        assertThat(CliRun.of("agreement", csv.toString(), "--truth", "mos", "--score", "ceiq", "--json",
                "--resamples", "100", "--seed", "7").out()).isEqualTo(json.out());

        CliRun text = CliRun.of("agreement", csv.toString(), "--truth", "mos", "--score", "ceiq", "--resamples", "100");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("SRCC", "KRCC", "PLCC", "PLCC (logistic)", "RMSE (logistic)", "0.8431",
                "95% bootstrap interval over 100 resamples");
        for (String line : text.outLines()) {
            if (line.matches("\\s+(n|SRCC|KRCC|PLCC|PLCC \\(logistic\\)|RMSE \\(logistic\\))\\s.*")) {
                // figure, value, interval, then words that say what it means
                assertThat(line).matches(".*\\d.*\\s{2}[a-z].{15,}");
            }
        }
    }

    @Test
    void errorsNameFileRowAndColumn() throws IOException {
        Path csv = tmp.resolve("ratings.csv");
        Files.writeString(csv, "image,mos,score\na,1,0.1\nb,2,0.2\nc,3,x3\nd,4,0.4\ne,5,0.5\nf,6,0.6\n");
        CliRun bad = CliRun.of("agreement", csv.toString(), "--truth", "mos", "--score", "score");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains(csv.toString(), "row 3", "line 4", "column 'score'", "'x3' is not a number");

        CliRun missing = CliRun.of("agreement", csv.toString(), "--truth", "rating", "--score", "score");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains(csv.toString(), "no column 'rating'", "--truth", "image, mos, score");

        Path few = tmp.resolve("few.csv");
        Files.writeString(few, "mos,score\n1,2\n2,3\n3,1\n");
        CliRun tooFew = CliRun.of("agreement", few.toString(), "--truth", "mos", "--score", "score");
        assertThat(tooFew.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(tooFew.err()).contains(few.toString(), "3 data rows", "at least 5");

        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "mos,score\n1,2\n2,\n3,1\n4,4\n5,5\n");
        CliRun blank = CliRun.of("agreement", empty.toString(), "--truth", "mos", "--score", "score");
        assertThat(blank.err()).contains("row 2 (line 3) column 'score' is empty");

        CliRun absent = CliRun.of("agreement", tmp.resolve("nope.csv").toString(), "--truth", "a", "--score", "b");
        assertThat(absent.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(absent.err()).contains("no such file", "nope.csv");

        CliRun negative = CliRun.of("agreement", csv.toString(), "--truth", "mos", "--score", "score", "--resamples", "-1");
        assertThat(negative.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(negative.err()).contains("--resamples must be >= 0");
    }

    @Test
    void quotedFieldsAndWindowsLineEndsAreRead() throws IOException {
        Path csv = tmp.resolve("quoted.csv");
        Files.writeString(csv, "\uFEFF\"file, name\",mos,score\r\n\"a \"\"1\"\"\",1,1.5\r\nb,2,2.5\r\n"
                + "\"c\nd\",3,2.9\r\ne,4,4.1\r\nf,5,5.5\r\ng,6,5.9\r\n");
        CliRun run = CliRun.of("agreement", csv.toString(), "--truth", "mos", "--score", "score", "--json",
                "--resamples", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.get("n").asInt()).isEqualTo(6);
        assertThat(j.get("srcc").asDouble()).isCloseTo(1.0, within(1e-12));
    }

    /** A fixture CSV of contrastkit-testing copied out of the classpath (works from a jar, a clean clone or an IDE). */
    private Path resource(String name) {
        return Golden.copyTo(Golden.IQA_SCORES + name, tmp);
    }
}
