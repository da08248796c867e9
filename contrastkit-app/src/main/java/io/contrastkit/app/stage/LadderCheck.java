package io.contrastkit.app.stage;

import io.contrastkit.app.batch.CollectionScanner;
import io.contrastkit.app.batch.ImageBatchRunner;
import io.contrastkit.app.batch.ImageOutcome;
import io.contrastkit.app.batch.Measurement;
import io.contrastkit.app.batch.NativeSetting;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.Prediction;
import io.contrastkit.learn.validate.Ladder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ladder check of {@code contrastkit validate --ladder DIR}: reads DIR/ladder.csv, extracts every variant,
 * and scores how well the model's contrast score and each v1 feature follow the known order of each family.
 */
public final class LadderCheck {

    /** The name of the model's contrast score among the measures. */
    static final String CONTRAST_SCORE = "contrast_score";

    private LadderCheck() {
    }

    /** One row of ladder.csv. */
    public record Variant(Path file, String source, String family, double level, int direction) {
    }

    /** A variant that could not be read or measured, and why. */
    public record Failure(Path file, ImageError.Kind kind, String reason) {

        /** The line a command prints for it: {@code file: KIND: reason}. */
        public String line() {
            return file + ": " + kind + ": " + reason;
        }
    }

    /**
     * What the check found.
     *
     * @param variants  rows of ladder.csv
     * @param extracted variants measured
     * @param failures  variants that could not be measured, in ladder.csv order
     * @param families  families with at least two distinct levels measured
     * @param byMeasure the ladder statistics per measure: the contrast score first (with a model), then each feature
     */
    public record Outcome(int variants, int extracted, List<Failure> failures, int families,
                          Map<String, Ladder.Result> byMeasure) {
        public Outcome {
            failures = List.copyOf(failures);
        }

        /** How many variants could not be measured. */
        public int failed() {
            return failures.size();
        }
    }

    /** Reads ladder.csv in {@code dir}; errors name the file, row and column. */
    public static List<Variant> read(Path dir) {
        Path index = dir.resolve(LadderService.INDEX);
        CsvTable t = CsvTable.read(index);
        int file = t.column("file", "ladder");
        int source = t.column("source", "ladder");
        int family = t.column("family", "ladder");
        int level = t.column("level", "ladder");
        int direction = t.column("expected_direction", "ladder");
        List<Variant> variants = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            double d = t.number(r, direction);
            if (d != 1 && d != -1) {
                throw new CsvTable.CsvException(t.where(r) + " column 'expected_direction' is " + t.cell(r, direction)
                        + "; expected +1 or -1");
            }
            variants.add(new Variant(dir.resolve(t.cell(r, file)), t.cell(r, source), t.cell(r, family),
                    t.number(r, level), (int) d));
        }
        if (variants.isEmpty()) {
            throw new CsvTable.CsvException(index + " lists no variants");
        }
        return variants;
    }

    /**
     * Extracts the variants on {@code threads} threads and evaluates every measure.
     *
     * @param model the model whose contrast score to check, or null for the features alone
     */
    public static Outcome run(List<Variant> variants, ContrastModel model, int threads)
            throws InterruptedException {
        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor();
        ImageDecoder decoder = new ImageDecoder(extractor.options(), NativeSetting.current());
        FeatureSchema schema = extractor.schema();
        if (model != null) {
            schema.requireVersion(model.schema().version(), "model");
        }
        double[][] features = new double[variants.size()][];
        List<Failure> failures = new ArrayList<>();
        ImageBatchRunner runner = new ImageBatchRunner(new ImageBatchRunner.Options(threads, true, false), decoder);
        List<CollectionScanner.Candidate> candidates = variants.stream()
                .map(v -> CollectionScanner.Candidate.named(v.file())).toList();
        int[] next = new int[1];
        runner.run(candidates, Measurement.work(decoder, extractor), o -> {
            int i = next[0]++;
            if (o instanceof ImageOutcome.Done<Measurement> d) {
                features[i] = d.value().features().toArray();
            } else if (o instanceof ImageOutcome.Failed<Measurement> f) {
                failures.add(new Failure(variants.get(i).file(), f.error().kind(), f.error().reason()));
            }
        });

        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < features.length; i++) {
            if (features[i] != null) {
                ok.add(i);
            }
        }
        Map<String, double[]> measures = new LinkedHashMap<>();
        if (model != null && !ok.isEmpty()) {
            double[][] rows = new double[ok.size()][];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = features[ok.get(k)];
            }
            List<Prediction> predictions = model.predictAll(rows, threads);
            double[] score = new double[features.length];
            for (int k = 0; k < rows.length; k++) {
                score[ok.get(k)] = predictions.get(k).contrastScore();
            }
            measures.put(CONTRAST_SCORE, score);
        }
        for (int j = 0; j < schema.size(); j++) {
            double[] column = new double[features.length];
            for (int i : ok) {
                column[i] = features[i][j];
            }
            measures.put(schema.names().get(j), column);
        }

        // families in order of first appearance; members are the measured variants only
        Map<String, List<Integer>> families = new LinkedHashMap<>();
        for (int i : ok) {
            Variant v = variants.get(i);
            families.computeIfAbsent(v.source() + "\u0000" + v.family(), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> usable = new ArrayList<>();
        for (List<Integer> members : families.values()) {
            LinkedHashSet<Integer> directions = new LinkedHashSet<>();
            LinkedHashSet<Double> levels = new LinkedHashSet<>();
            for (int i : members) {
                directions.add(variants.get(i).direction());
                levels.add(variants.get(i).level());
            }
            Variant first = variants.get(members.get(0));
            if (directions.size() > 1) {
                throw new CsvTable.CsvException(String.format(Locale.ROOT,
                        "ladder family %s/%s has both directions +1 and -1 in expected_direction",
                        first.source(), first.family()));
            }
            if (levels.size() >= 2) {
                usable.add(members);
            }
        }
        Map<String, Ladder.Result> byMeasure = new LinkedHashMap<>();
        if (!usable.isEmpty()) {
            measures.forEach((name, values) -> {
                List<Ladder.Family> fs = new ArrayList<>();
                for (List<Integer> members : usable) {
                    double[] lv = new double[members.size()];
                    double[] mv = new double[members.size()];
                    for (int k = 0; k < lv.length; k++) {
                        lv[k] = variants.get(members.get(k)).level();
                        mv[k] = values[members.get(k)];
                    }
                    Variant first = variants.get(members.get(0));
                    fs.add(new Ladder.Family(first.source(), first.family(), lv, mv, first.direction()));
                }
                byMeasure.put(name, Ladder.evaluate(fs));
            });
        }
        return new Outcome(variants.size(), ok.size(), failures, usable.size(), byMeasure);
    }

    /** Fills the report section: the contrast score's figures (with a model), then the table of all measures. */
    public static void describe(ValidationResult.SectionBuilder s, Outcome o, Path dir) {
        s.figure("variants", "variants", o.variants(), "images listed in " + dir.resolve(LadderService.INDEX));
        s.figure("failed", "failed", o.failed(), "variants that could not be read or measured (listed on stderr)");
        s.figure("families", "families", o.families(),
                "ladders checked: one source image under one manipulation, at several known strengths");
        if (o.byMeasure().isEmpty()) {
            s.note("no family has two measured levels: nothing to check");
            return;
        }
        Ladder.Result score = o.byMeasure().get(CONTRAST_SCORE);
        if (score != null) {
            s.figure("contrast_score_mean_srcc", "contrast score: mean SRCC", score.overall().meanSrcc(),
                    "how well the score follows each ladder's known order (+1 always right, 0 no relation, -1 always reversed)");
            s.figure("contrast_score_share_ordered", "contrast score: perfectly ordered", score.overall().shareOrdered(),
                    "share of ladders where the score puts every variant in exactly the right order");
            s.figure("contrast_score_pairwise_accuracy", "contrast score: pairwise accuracy",
                    score.overall().meanPairwiseAccuracy(),
                    "share of pairs of variants the score orders correctly (0.5 is a coin toss)");
        } else {
            s.note("no --model: only the v1 features were checked");
        }
        List<String> kinds = new ArrayList<>(o.byMeasure().values().iterator().next().byKind().keySet());
        List<String> columns = new ArrayList<>(List.of("mean_srcc", "share_ordered", "pairwise_accuracy"));
        List<String> meanings = new ArrayList<>(List.of(
                "mean within-family Spearman correlation with the level, signed so +1 is the expected order",
                "share of families in exactly the expected order",
                "share of variant pairs in the expected order (ties count one half)"));
        for (String kind : kinds) {
            columns.add(kind + "_srcc");
            meanings.add("mean_srcc over the " + kind + " families alone");
        }
        List<String> rows = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        o.byMeasure().forEach((name, r) -> {
            rows.add(name);
            double[] v = new double[columns.size()];
            v[0] = r.overall().meanSrcc();
            v[1] = r.overall().shareOrdered();
            v[2] = r.overall().meanPairwiseAccuracy();
            for (int k = 0; k < kinds.size(); k++) {
                Ladder.Summary sk = r.byKind().get(kinds.get(k));
                v[3 + k] = sk == null ? Double.NaN : sk.meanSrcc();
            }
            values.add(v);
        });
        s.table(new ValidationResult.Table("measures", "how each measure follows the ladders", "measure", columns, meanings,
                rows, values));
    }
}
