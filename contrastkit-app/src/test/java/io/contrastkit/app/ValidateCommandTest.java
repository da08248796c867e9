package io.contrastkit.app;

import io.contrastkit.app.cli.ExitCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrastkit.core.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contrastkit validate} end to end on real photos: a store of fixture photos and their ladder variants,
 * a model fitted on it by {@code contrastkit cluster}, then every check at once.
 */
class ValidateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PHOTOS = List.of("astronaut.png", "camera.png", "coffee.png", "chelsea.png",
            "rocket.jpg");

    @TempDir
    static Path dir;
    static Path ladder;
    static Path store;
    static Path model;
    static Path human;
    static Path labels;
    static CliRun jsonRun;
    static JsonNode report;

    @BeforeAll
    static void fitAndValidate() throws IOException {
        ladder = dir.resolve("ladder");
        List<String> args = new ArrayList<>(List.of("ladder", "--out", ladder.toString(), "--max-side", "128"));
        PHOTOS.forEach(p -> args.add(Fixtures.image(p).toString()));
        assertThat(CliRun.of(args.toArray(String[]::new)).exitCode()).isZero();

        store = dir.resolve("store.duckdb");
        List<String> extract = new ArrayList<>(List.of("extract", "--store", store.toString(), ladder.toString()));
        PHOTOS.forEach(p -> extract.add(Fixtures.image(p).toString()));
        CliRun ex = CliRun.of(extract.toArray(String[]::new));
        assertThat(ex.exitCode()).as(ex.err()).isZero();

        model = dir.resolve("model.json");
        CliRun fit = CliRun.of("cluster", "--store", store.toString(), "--model", model.toString(), "--k-range", "2..6",
                "--seed", "5");
        assertThat(fit.exitCode()).as(fit.err()).isZero();

        // made-up ratings that rise with each variant's contrast level; file names only, plus one unknown image
        List<String> ladderRows = Files.readAllLines(ladder.resolve("ladder.csv"));
        StringBuilder h = new StringBuilder("file,rating\n");
        StringBuilder l = new StringBuilder("file,family\n");
        for (String row : ladderRows.subList(1, ladderRows.size())) {
            String[] f = row.split(",");
            int level = Integer.parseInt(f[3]);
            int direction = Integer.parseInt(f[4]);
            h.append(f[0]).append(',').append(3 + direction * 0.4 * level).append('\n');
            l.append(f[0]).append(',').append(f[2]).append('\n');
        }
        h.append("not-in-the-store.png,2.5\n");
        human = Files.writeString(dir.resolve("ratings.csv"), h);
        labels = Files.writeString(dir.resolve("labels.csv"), l);

        jsonRun = CliRun.of(validateArgs("--json"));
        assertThat(jsonRun.exitCode()).as(jsonRun.err()).isZero();
        report = JSON.readTree(jsonRun.out());
    }

    private static String[] validateArgs(String... extra) {
        List<String> a = new ArrayList<>(List.of("validate", "--store", store.toString(), "--model", model.toString(),
                "--ladder", ladder.toString(), "--human", human.toString(), "--image-column", "file",
                "--truth", "rating", "--labels", labels.toString(), "--label-column", "family",
                "--stability-resamples", "20", "--seed-refits", "5", "--resamples", "100"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void theContrastScoreFollowsTheLadders() {
        JsonNode l = report.get("ladder");
        assertThat(l.get("variants").asInt()).isEqualTo(75);
        assertThat(l.get("failed").asInt()).isZero();
        assertThat(l.get("families").asInt()).isEqualTo(15);
        double srcc = l.get("contrast_score_mean_srcc").asDouble();
        System.out.println("ladder: contrast score mean within-family SRCC " + srcc + ", perfectly ordered "
                + l.get("contrast_score_share_ordered").asDouble() + ", pairwise accuracy "
                + l.get("contrast_score_pairwise_accuracy").asDouble());
        assertThat(srcc).isGreaterThanOrEqualTo(0.99);
        assertThat(l.get("contrast_score_pairwise_accuracy").asDouble()).isGreaterThanOrEqualTo(0.99);
        JsonNode measures = l.get("measures");
        assertThat(measures.fieldNames().next()).isEqualTo("contrast_score");
        assertThat(measures.size()).isEqualTo(21);
        assertThat(measures.get("c_rms").get("mean_srcc").asDouble()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void everyCheckRunsAndReportsItsFigures() {
        JsonNode q = report.get("internal_quality");
        assertThat(q.get("images").asInt()).isEqualTo(80);
        assertThat(q.get("silhouette").asDouble()).isBetween(-1.0, 1.0);
        assertThat(q.get("davies_bouldin").asDouble()).isPositive();
        assertThat(q.get("calinski_harabasz").asDouble()).isPositive();

        JsonNode s = report.get("stability");
        assertThat(s.get("refits").asInt()).isEqualTo(25);
        assertThat(s.get("bootstrap_ari_ci").size()).isEqualTo(2);
        assertThat(s.get("verdict").asText()).startsWith(s.get("stable").asBoolean() ? "stable: " : "unstable: ");

        JsonNode c = report.get("consistency");
        assertThat(c.get("contrast_score").get("c_rms").get("kendall").isNumber()).isTrue();
        assertThat(c.get("map_y").size()).isEqualTo(20);
        assertThat(c.get("contrast_score_c_rms_spearman").asDouble()).isGreaterThan(0.7);
        assertThat(c.get("contrast_score_tracks_c_rms").asBoolean()).isTrue();

        JsonNode h = report.get("human");
        assertThat(h.get("rows").asInt()).isEqualTo(76);
        assertThat(h.get("matched").asInt()).isEqualTo(75);
        assertThat(h.get("unmatched").asInt()).isEqualTo(1);
        assertThat(h.get("n").asInt()).isEqualTo(75);
        assertThat(h.get("srcc").asDouble()).isPositive();
        assertThat(h.get("plcc_logistic_ci").size()).isEqualTo(2);

        JsonNode d = report.get("downstream");
        assertThat(d.get("classes").asInt()).isEqualTo(3);
        assertThat(d.get("accuracy_model_outputs").asDouble()).isBetween(0.0, 1.0);
        assertThat(d.get("accuracy_raw_features").asDouble()).isBetween(0.0, 1.0);
        assertThat(d.get("majority_baseline").asDouble()).isBetween(0.33, 0.34);
    }

    @Test
    void everyFigureHasAMeaningInTheJsonAndInTheText() {
        JsonNode meanings = report.get("meanings");
        List<String> sections = List.of("internal_quality", "stability", "consistency", "human", "downstream", "ladder");
        for (String section : sections) {
            Iterator<Map.Entry<String, JsonNode>> it = report.get(section).properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (key.endsWith("_ci") || key.equals("notes") || e.getValue().isObject()) {
                    continue; // intervals belong to their figure; tables carry meanings per column
                }
                assertThat(meanings.has(section + "." + key)).as(section + "." + key + " has a meaning").isTrue();
            }
        }
        CliRun text = CliRun.of(validateArgs());
        assertThat(text.exitCode()).as(text.err()).isZero();
        Iterator<Map.Entry<String, JsonNode>> it = meanings.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String meaning = e.getValue().asText();
            assertThat(meaning).as(e.getKey()).isNotBlank().doesNotContain("\n");
            assertThat(text.out()).as("the text shows the meaning of " + e.getKey()).contains(meaning);
        }
        assertThat(text.out()).contains("Internal quality of the groups", "Stability of the groups",
                "Consistency with the handcrafted features", "Agreement with human ratings",
                "Downstream check with labels", "Contrast ladders");
    }

    @Test
    void clearErrorsForUnusableInputs() throws IOException {
        CliRun noStore = CliRun.of("validate", "--store", dir.resolve("none.duckdb").toString(), "--model", model.toString());
        assertThat(noStore.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noStore.err()).contains("none.duckdb");

        CliRun noModel = CliRun.of("validate", "--store", store.toString(), "--model", dir.resolve("none.json").toString());
        assertThat(noModel.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noModel.err()).contains("none.json", "no such file");

        CliRun truthless = CliRun.of("validate", "--store", store.toString(), "--model", model.toString(),
                "--human", human.toString());
        assertThat(truthless.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(truthless.err()).contains("--human needs --truth");

        CliRun wrongColumn = CliRun.of("validate", "--store", store.toString(), "--model", model.toString(),
                "--human", human.toString(), "--truth", "mos", "--image-column", "file", "--stability-resamples", "2",
                "--seed-refits", "0");
        assertThat(wrongColumn.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(wrongColumn.err()).contains(human.toString(), "no column 'mos'", "file, rating");
    }
}
