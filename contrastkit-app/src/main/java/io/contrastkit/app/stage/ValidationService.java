package io.contrastkit.app.stage;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.cluster.KMeans;
import io.contrastkit.learn.cluster.KMeansOptions;
import io.contrastkit.learn.metrics.ClusterMetrics;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.learn.model.Prediction;
import io.contrastkit.learn.validate.Agreement;
import io.contrastkit.learn.validate.AgreementResult;
import io.contrastkit.learn.validate.Consistency;
import io.contrastkit.learn.validate.Downstream;
import io.contrastkit.learn.validate.Stability;
import io.contrastkit.learn.validate.StabilityResult;
import io.contrastkit.store.FeatureMatrix;
import io.contrastkit.store.StoreSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiFunction;

/**
 * The Validation stage: every check of a contrast model that its inputs allow, labels last. Internal quality,
 * stability and consistency on the store's features; agreement with human ratings and a downstream classifier
 * when their CSV files are given; the contrast ladders without any store. It never prints: figures, meanings
 * and the ladder images that could not be measured come back in the {@link ValidationResult}.
 */
public final class ValidationService {

    /** Above this many rows the silhouette is computed on a seeded sample (the exact one is quadratic). */
    static final int SILHOUETTE_SAMPLE = 10_000;

    private ValidationService() {
    }

    /**
     * Validates, reading the model named by the options (if any).
     *
     * @param store the open store of {@code options.store()}, or null to run only the ladder check
     * @throws IllegalArgumentException   when the model, the store or the options cannot be used
     * @throws CsvTable.CsvException      when a CSV file (ratings, labels, ladder.csv) cannot be used
     * @throws InterruptedException       when interrupted while measuring ladder images
     */
    public static ValidationResult validate(ValidationOptions options, StoreSession store, ProgressSink progress)
            throws InterruptedException {
        return validate(options, options.model() == null ? null : readModel(options.model()), store, progress);
    }

    /**
     * Validates a model already read (a caller opening the store needs its schema first).
     *
     * @param model the model read from {@code options.model()}, or null when the options name none
     * @param store the open store of {@code options.store()}, or null to run only the ladder check
     */
    public static ValidationResult validate(ValidationOptions options, ContrastModel model, StoreSession store,
                                            ProgressSink progress) throws InterruptedException {
        if ((model == null) != (options.model() == null)) {
            throw new IllegalArgumentException("the options name model " + options.model() + " but "
                    + (model == null ? "none was given" : "a model was given"));
        }
        if (store != null && model == null) {
            throw new IllegalArgumentException("the checks on store " + store.file() + " need a model");
        }
        ContrastModel m = model;
        ValidationOptions s = options;
        ValidationResult.Builder report = new ValidationResult.Builder(m == null
                ? "validation of the v1 features on contrast ladders" : "validation of model " + s.model());
        if (m != null) {
            report.header("model", s.model().toString(), String.format(Locale.ROOT, "model %s (id %s): %s, k = %d, %s",
                    s.model(), m.id(), m.clustering().method().name().toLowerCase(Locale.ROOT), m.clustering().k(),
                    m.schema().version()));
        }
        if (store != null) {
            progress.step("reading the store " + s.store());
            FeatureMatrix fm = store.features().readFeatures();
            report.header("store", s.store().toString(),
                    String.format(Locale.ROOT, "store %s: %d images with features", s.store(), fm.rows()));
            storeChecks(report, s, m, fm, progress);
        } else if (m != null) {
            report.header("store", null, "no store at " + s.store() + ": only the ladder check runs (give --store FILE"
                    + " for the checks on a collection)");
        }
        if (s.ladder() != null) {
            progress.step("contrast ladders");
            List<LadderCheck.Variant> variants = LadderCheck.read(s.ladder());
            LadderCheck.Outcome o = LadderCheck.run(variants, m, s.threads());
            report.ladderFailures(o.failures());
            LadderCheck.describe(report.section("ladder", "Contrast ladders (" + s.ladder() + ")",
                    "variants of each image whose contrast order is known by construction"), o, s.ladder());
        }
        return report.build();
    }

    /** Reads a model file; a missing file is said so in plain words. */
    public static ContrastModel readModel(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model " + file + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()), e);
        }
        return ContrastModel.fromJson(text, file.toString());
    }

    // ---------------------------------------------------------------- checks on the store

    private static void storeChecks(ValidationResult.Builder report, ValidationOptions s, ContrastModel m, FeatureMatrix fm,
                                    ProgressSink progress) {
        int n = fm.rows();
        if (n < 3) {
            throw new IllegalArgumentException("store " + s.store() + " has " + n + " images with features; the"
                    + " checks need at least 3");
        }
        double[][] raw = fm.values();
        List<Prediction> predictions = m.predictAll(raw, s.threads());
        // the space the model's groups live in (its grouping features), so the checks judge what was fitted
        double[][] scaled = m.groupingSpace(m.scaler().transform(raw));
        int[] groups = new int[n];
        double[] score = new double[n];
        double[] mapX = new double[n];
        double[] mapY = new double[n];
        for (int i = 0; i < n; i++) {
            Prediction p = predictions.get(i);
            groups[i] = p.group();
            score[i] = p.contrastScore();
            mapX[i] = p.mapX();
            mapY[i] = p.mapY();
        }
        progress.step("internal quality");
        internalQuality(report, s, m, scaled, groups);
        progress.step("stability");
        stability(report, s, m, scaled, groups);
        progress.step("consistency");
        consistency(report, m, raw, score, mapX, mapY);
        if (s.human() != null) {
            progress.step("agreement with human ratings");
            human(report, s, fm, score);
        }
        if (s.labels() != null) {
            progress.step("downstream check");
            downstream(report, s, fm, predictions, m.clustering().k());
        }
    }

    private static void internalQuality(ValidationResult.Builder report, ValidationOptions s, ContrastModel m, double[][] scaled, int[] groups) {
        ValidationResult.SectionBuilder sec = report.section("internal_quality", "Internal quality of the groups",
                "in the model's " + m.scaler().kind().name().toLowerCase(Locale.ROOT)
                        + "-scaled feature space, where it found its groups");
        int n = scaled.length;
        int present = (int) Arrays.stream(groups).distinct().count();
        sec.figure("images", "images", n, "images of the store assigned to the model's groups");
        sec.figure("groups", "groups", m.clustering().k(), "groups in the model");
        sec.figure("groups_present", "groups present", present, "groups that at least one stored image falls into");
        double silhouette = Double.NaN;
        double db = Double.NaN;
        double ch = Double.NaN;
        if (present >= 2 && present < n) {
            ForkJoinPool pool = new ForkJoinPool(s.threads());
            try {
                silhouette = ClusterMetrics.silhouette(scaled, groups, Math.min(n, SILHOUETTE_SAMPLE), s.seed(), pool);
            } finally {
                pool.shutdown();
            }
            db = ClusterMetrics.daviesBouldin(scaled, groups);
            ch = ClusterMetrics.calinskiHarabasz(scaled, groups);
        } else {
            sec.note("the indices need at least two groups and fewer groups than images; "
                    + present + " group(s) for " + n + " images");
        }
        sec.figure("silhouette", "silhouette", silhouette,
                "how much closer images are to their own group than to the next (-1..1; above 0.5 clear, below 0.25 weak)");
        sec.figure("davies_bouldin", "Davies-Bouldin", db,
                "how much each group resembles its closest neighbour group (0 is best; above about 1.5 they blur)");
        sec.figure("calinski_harabasz", "Calinski-Harabasz", ch,
                "spread between groups over spread within them (higher is better; compare models of one store only)");
        sec.figure("silhouette_sampled", "silhouette sampled", n > SILHOUETTE_SAMPLE,
                "whether the silhouette used a seeded sample of " + SILHOUETTE_SAMPLE + " images (the exact one is slow)");
    }

    private static void stability(ValidationResult.Builder report, ValidationOptions s, ContrastModel m, double[][] scaled, int[] groups) {
        int k = m.clustering().k();
        ValidationResult.SectionBuilder sec = report.section("stability", "Stability of the groups",
                "k-means at the model's k = " + k + " refitted on resampled images and with other seeds, compared"
                        + " with the model's groups");
        if (m.clustering().method() != ContrastModelOptions.Method.KMEANS) {
            sec.note("the model's groups come from a " + m.clustering().method().name().toLowerCase(Locale.ROOT)
                    + " cut; refits use k-means, the production clusterer, at the same k");
        }
        int n = scaled.length;
        double[][] data = scaled;
        int[] reference = groups;
        if (n > s.stabilitySample()) {
            int[] idx = sample(n, s.stabilitySample(), s.seed());
            data = new double[idx.length][];
            reference = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                data[i] = scaled[idx[i]];
                reference[i] = groups[idx[i]];
            }
            sec.note("on a seeded sample of " + idx.length + " of " + n + " images (--stability-sample)");
        }
        long distinct = Arrays.stream(data).map(Arrays::toString).distinct().count();
        if (k < 2 || distinct < 3L * k) {
            sec.note("skipped: refitting " + k + " groups needs at least " + 3 * k + " distinct images, got " + distinct);
            return;
        }
        double[][] all = data;
        int[] modelLabels = reference;
        long referenceSeed = s.seed();
        // The reference fit is the model itself: Stability asks the clusterer for the full data at the reference
        // seed once, and answering with the model's groups makes every refit a comparison with them.
        BiFunction<double[][], Long, int[]> clusterer = (rows, fitSeed) -> rows == all && fitSeed == referenceSeed
                ? modelLabels.clone()
                : KMeans.fit(rows, KMeansOptions.of(k, fitSeed)).labels();
        Stability.Options options = Stability.Options.defaults().withSeed(s.seed())
                .withRefits(s.stabilityResamples(), s.seedRefits());
        StabilityResult r = Stability.assess(data, clusterer, options);
        sec.figure("verdict", "verdict", r.verdict(), "stable: the groups come back the same when the data or the seed change");
        sec.figure("stable", "stable", r.stable(),
                "yes when refits agree with the groups (mean ARI at least 0.8, bootstrap interval low end at least 0.6)");
        if (r.bootstrapAri().count() > 0) {
            sec.figure("bootstrap_ari", "bootstrap ARI", r.bootstrapAri().mean(), r.bootstrapAri().interval(),
                    "agreement of groups refitted on resampled images with the model's (adjusted Rand: 1 same, 0 chance)");
            sec.figure("bootstrap_nmi", "bootstrap NMI", r.bootstrapNmi().mean(), r.bootstrapNmi().interval(),
                    "information the refitted and the model's groups share (normalised mutual information: 1 same, 0 none)");
        }
        if (r.seedAri().count() > 0) {
            sec.figure("seed_ari", "other-seed ARI", r.seedAri().mean(), r.seedAri().interval(),
                    "agreement with the model's groups of k-means on all images started from other random seeds");
            sec.figure("seed_nmi", "other-seed NMI", r.seedNmi().mean(), r.seedNmi().interval(),
                    "the same comparison as shared information (1 same, 0 none)");
        }
        sec.figure("refits", "refits", r.bootstrapAri().count() + r.seedAri().count(),
                "refits behind these figures; [..] are 95% intervals over them");
    }

    private static void consistency(ValidationResult.Builder report, ContrastModel m, double[][] raw, double[] score, double[] mapX,
                                    double[] mapY) {
        ValidationResult.SectionBuilder sec = report.section("consistency", "Consistency with the handcrafted features",
                "correlation of the model's outputs with each v1 feature over the stored images");
        FeatureSchema schema = m.schema();
        List<String> outputs = List.of("contrast_score", "map_x", "map_y");
        Consistency.Result r = Consistency.compute(outputs, List.of(score, mapX, mapY), schema.names(), raw);
        Consistency.Correlations crms = r.get("contrast_score", "c_rms");
        sec.figure("contrast_score_c_rms_pearson", "score vs c_rms (Pearson)", crms.pearson(),
                "straight-line agreement of the contrast score with RMS contrast, the classic contrast measure");
        sec.figure("contrast_score_c_rms_spearman", "score vs c_rms (Spearman)", crms.spearman(),
                "rank agreement of the contrast score with RMS contrast (1: the same order of images)");
        sec.figure("contrast_score_tracks_c_rms", "score tracks c_rms", crms.spearman() > 0.7,
                "rule of thumb: a contrast output should correlate above 0.7 with c_rms (Spearman); yes means it does");
        for (String o : outputs) {
            String best = null;
            double bestAbs = -1;
            for (String f : schema.names()) {
                double v = Math.abs(r.get(o, f).spearman());
                if (v > bestAbs) {
                    bestAbs = v;
                    best = f;
                }
            }
            sec.figure(o + "_closest_feature", o + ": closest feature",
                    best == null ? "none" : String.format(Locale.ROOT, "%s (Spearman %.3f)", best, r.get(o, best).spearman()),
                    "the handcrafted feature that best explains " + o.replace('_', ' ') + " (by absolute rank correlation)");
        }
        for (String o : outputs) {
            List<double[]> rows = new ArrayList<>();
            for (String f : schema.names()) {
                Consistency.Correlations c = r.get(o, f);
                rows.add(new double[] {c.pearson(), c.spearman(), c.kendall()});
            }
            sec.table(new ValidationResult.Table(o, o + " against each feature", "feature",
                    List.of("pearson", "spearman", "kendall"),
                    List.of("straight-line correlation (-1..1)", "rank correlation (-1..1; n/a for a constant feature)",
                            "Kendall tau-b: concordant minus discordant pairs, as a share (-1..1)"),
                    schema.names(), rows));
        }
        sec.note("no embeddings are stored yet; embedding columns will be correlated here when a store holds them");
    }

    private static void human(ValidationResult.Builder report, ValidationOptions s, FeatureMatrix fm, double[] score) {
        ValidationResult.SectionBuilder sec = report.section("human", "Agreement with human ratings (" + s.human() + ")",
                "the model's contrast score against the ratings '" + s.truth() + "' of images in the store");
        CsvTable t = CsvTable.read(s.human());
        int image = t.column(s.imageColumn(), "--image-column");
        int truthColumn = t.column(s.truth(), "--truth");
        Joined j = join(t, image, fm);
        describeJoin(sec, j.counts());
        List<Double> ratings = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            if (j.rowOf()[r] >= 0) {
                ratings.add(t.number(r, truthColumn));
                scores.add(score[j.rowOf()[r]]);
            }
        }
        if (ratings.size() < AgreementFigures.MIN_ROWS) {
            sec.note("skipped: " + ratings.size() + " rated images matched the store; agreement needs at least "
                    + AgreementFigures.MIN_ROWS);
            return;
        }
        AgreementResult a = Agreement.compute(ratings.stream().mapToDouble(Double::doubleValue).toArray(),
                scores.stream().mapToDouble(Double::doubleValue).toArray(),
                Agreement.Options.defaults().withResamples(s.resamples()).withSeed(s.seed()));
        AgreementFigures.describe(sec, a);
    }

    private static void downstream(ValidationResult.Builder report, ValidationOptions s, FeatureMatrix fm, List<Prediction> predictions, int k) {
        ValidationResult.SectionBuilder sec = report.section("downstream", "Downstream check with labels (" + s.labels() + ")",
                "can a simple classifier (" + s.classifier().name().toLowerCase(Locale.ROOT) + ", " + s.folds()
                        + "-fold cross-validation) predict '" + s.labelColumn() + "' from the model's outputs as well"
                        + " as from the 20 raw features?");
        CsvTable t = CsvTable.read(s.labels());
        int image = t.column(s.imageColumn(), "--image-column");
        int labelColumn = t.column(s.labelColumn(), "--label-column");
        Joined j = join(t, image, fm);
        describeJoin(sec, j.counts());
        // one label per stored image: the first row that names it wins
        Map<Integer, String> labelOf = new TreeMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String label = t.cell(r, labelColumn).strip();
            if (j.rowOf()[r] >= 0 && !label.isEmpty()) {
                labelOf.putIfAbsent(j.rowOf()[r], label);
            }
        }
        List<String> classes = labelOf.values().stream().distinct().sorted().toList();
        int n = labelOf.size();
        sec.figure("classes", "classes", classes.size(), "distinct labels among the matched images");
        if (classes.size() < 2 || n < 2 * s.folds()) {
            sec.note("skipped: needs at least 2 classes and " + 2 * s.folds() + " labelled images, got "
                    + classes.size() + " and " + n);
            return;
        }
        int[] y = new int[n];
        double[][] outputs = new double[n][];
        double[][] raw = new double[n][];
        int i = 0;
        for (Map.Entry<Integer, String> e : labelOf.entrySet()) {
            Prediction p = predictions.get(e.getKey());
            y[i] = classes.indexOf(e.getValue());
            // the model's outputs: its scores, its map position and its group (one-hot, so no order is implied)
            double[] o = new double[4 + k];
            o[0] = p.contrastScore();
            o[1] = p.anomalyScore();
            o[2] = p.mapX();
            o[3] = p.mapY();
            o[4 + p.group()] = 1;
            outputs[i] = o;
            raw[i] = fm.values()[e.getKey()];
            i++;
        }
        Downstream.Options options = Downstream.Options.defaults().withClassifier(s.classifier()).withSeed(s.seed());
        options = new Downstream.Options(options.classifier(), s.folds(), options.neighbours(),
                options.inverseRegularisation(), options.seed());
        Downstream.Comparison c = Downstream.compare(outputs, raw, y, options);
        sec.figure("accuracy_model_outputs", "accuracy on model outputs", c.first().accuracy(),
                "share of held-out images labelled right from contrast score, anomaly score, map position and group");
        sec.figure("accuracy_raw_features", "accuracy on raw features", c.second().accuracy(),
                "the same classifier given the 20 v1 features instead");
        sec.figure("difference", "difference", c.difference(),
                "model outputs minus raw features: near 0 or above means the model kept what the labels need");
        sec.figure("majority_baseline", "majority baseline", c.first().majorityBaseline(),
                "accuracy of always guessing the most common label: both accuracies should beat it");
    }

    /** Which store row each CSV row names, and the counts. */
    private record Joined(int[] rowOf, ImageJoin.Counts counts) {
    }

    private static Joined join(CsvTable t, int imageColumn, FeatureMatrix fm) {
        ImageJoin join = new ImageJoin(fm.paths());
        Path folder = t.file().toAbsolutePath().getParent();
        int[] rowOf = new int[t.rowCount()];
        int matched = 0;
        int ambiguous = 0;
        for (int r = 0; r < rowOf.length; r++) {
            rowOf[r] = join.find(t.cell(r, imageColumn), folder);
            matched += rowOf[r] >= 0 ? 1 : 0;
            ambiguous += rowOf[r] == ImageJoin.AMBIGUOUS ? 1 : 0;
        }
        return new Joined(rowOf, new ImageJoin.Counts(rowOf.length, matched, rowOf.length - matched - ambiguous, ambiguous));
    }

    private static void describeJoin(ValidationResult.SectionBuilder sec, ImageJoin.Counts c) {
        sec.figure("rows", "rows", c.rows(), "rows in the file");
        sec.figure("matched", "matched", c.matched(), "rows whose image was found in the store (by path, or by unique file name)");
        sec.figure("unmatched", "unmatched", c.unmatched(), "rows whose image is not in the store (left out)");
        sec.figure("ambiguous", "ambiguous", c.ambiguous(),
                "rows naming a file name that several stored images share (left out: give the full path)");
    }

    /** A seeded sample of {@code size} distinct indices of {@code 0..n-1}, ascending. */
    private static int[] sample(int n, int size, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = Arrays.copyOf(idx, size);
        Arrays.sort(out);
        return out;
    }
}
