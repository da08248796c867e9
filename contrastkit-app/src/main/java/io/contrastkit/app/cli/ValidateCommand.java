package io.contrastkit.app.cli;

import io.contrastkit.app.stage.Defaults;
import io.contrastkit.app.batch.Threads;
import io.contrastkit.app.stage.CsvTable;
import io.contrastkit.app.stage.ImageJoin;
import io.contrastkit.app.stage.LadderCheck;
import io.contrastkit.app.stage.Report;

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
import io.contrastkit.store.StoreSession;
import io.contrastkit.store.FeatureMatrix;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit validate}: every check of a contrast model that its inputs allow, without labels first. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a contrast model with every test its inputs allow, and explain each figure.",
                "With --model and a store: internal quality of the groups (silhouette, Davies-Bouldin,",
                "Calinski-Harabasz in the model's scaled feature space), stability (ARI and NMI of k-means refits",
                "on bootstrap resamples and other seeds, with a stable/unstable verdict) and consistency (Pearson,",
                "Spearman, Kendall of the contrast score and map axes with every v1 feature).",
                "With --human: agreement of the contrast score with human ratings of images in the store.",
                "With --labels: cross-validated accuracy of a simple classifier on the model's outputs vs on the raw",
                "features. With --ladder DIR (from 'contrastkit ladder'): how well the contrast score (with --model)",
                "and each feature follow the known contrast order of each ladder; needs no store.",
                "Images in --human and --labels files are matched to the store by path, or by file name when unique.",
                "Exit code: 0 ok, 1 some ladder images could not be measured, 2 usage error or unusable input."})
public final class ValidateCommand implements Callable<Integer> {

    /** Above this many rows the silhouette is computed on a seeded sample (the exact one is quadratic). */
    static final int SILHOUETTE_SAMPLE = 10_000;
    public static final String DEFAULT_IMAGE_COLUMN = "path";
    static final int DEFAULT_STABILITY_RESAMPLES = 50;
    static final int DEFAULT_SEED_REFITS = 10;
    public static final int DEFAULT_STABILITY_SAMPLE = 20_000;
    public static final int DEFAULT_FOLDS = 5;

    /**
     * Settings of one run, checked as a whole.
     *
     * @param storeGiven whether --store was given (a missing default store is only an error when it is needed)
     */
    public record Settings(Path store, boolean storeGiven, Path model, Path ladder, Path human, Path labels,
                    String imageColumn, String truth, String labelColumn, int resamples, int stabilityResamples,
                    int seedRefits, int stabilitySample, int folds, Downstream.Classifier classifier, long seed,
                    int threads) {
        public Settings {
            if (model == null && ladder == null) {
                throw new IllegalArgumentException("nothing to validate: give --model FILE (checks on the store)"
                        + " and/or --ladder DIR");
            }
            if ((human == null) != (truth == null)) {
                throw new IllegalArgumentException(human == null ? "--truth needs --human FILE.csv"
                        : "--human needs --truth COLUMN (the column of ratings)");
            }
            if ((labels == null) != (labelColumn == null)) {
                throw new IllegalArgumentException(labels == null ? "--label-column needs --labels FILE.csv"
                        : "--labels needs --label-column COLUMN");
            }
            if ((human != null || labels != null) && model == null) {
                throw new IllegalArgumentException("--human and --labels check the model's outputs: give --model FILE");
            }
            if (resamples < 0) {
                throw new IllegalArgumentException("--resamples must be >= 0, got " + resamples);
            }
            if (stabilityResamples < 0 || seedRefits < 0 || stabilityResamples + seedRefits == 0) {
                throw new IllegalArgumentException("--stability-resamples and --seed-refits must be >= 0 and not both 0, got "
                        + stabilityResamples + " and " + seedRefits);
            }
            if (stabilitySample < 10) {
                throw new IllegalArgumentException("--stability-sample must be >= 10, got " + stabilitySample);
            }
            if (folds < 2) {
                throw new IllegalArgumentException("--folds must be >= 2, got " + folds);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
        }

        boolean storeChecks() {
            return model != null && (storeGiven || Files.exists(store) || ladder == null);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", paramLabel = "FILE",
            description = "Feature store (from 'contrastkit extract'). Default: " + Defaults.STORE + ".")
    Path store;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (from 'contrastkit cluster').")
    Path model;

    @Option(names = "--json", description = "Print the report as JSON (every figure by key, plus their meanings).")
    boolean json;

    @Option(names = "--ladder", paramLabel = "DIR", description = "A folder written by 'contrastkit ladder'.")
    Path ladder;

    @Option(names = "--human", paramLabel = "FILE.csv", description = "Human ratings of images in the store.")
    Path human;

    @Option(names = "--truth", paramLabel = "COLUMN", description = "Column of ratings in --human.")
    String truth;

    @Option(names = "--labels", paramLabel = "FILE.csv", description = "Known labels of images in the store.")
    Path labels;

    @Option(names = "--label-column", paramLabel = "COLUMN", description = "Column of labels in --labels.")
    String labelColumn;

    @Option(names = "--image-column", paramLabel = "COLUMN", defaultValue = DEFAULT_IMAGE_COLUMN,
            description = "Column naming the image (a path or a file name) in --human and --labels. Default: ${DEFAULT-VALUE}.")
    String imageColumn;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "" + Agreement.Options.DEFAULT_RESAMPLES,
            description = "Bootstrap resamples for the intervals of the human agreement. Default: ${DEFAULT-VALUE}.")
    int resamples;

    @Option(names = "--stability-resamples", paramLabel = "N", defaultValue = "" + DEFAULT_STABILITY_RESAMPLES,
            description = "k-means refits on bootstrap resamples. Default: ${DEFAULT-VALUE}.")
    int stabilityResamples;

    @Option(names = "--seed-refits", paramLabel = "N", defaultValue = "" + DEFAULT_SEED_REFITS,
            description = "k-means refits on all images with other seeds. Default: ${DEFAULT-VALUE}.")
    int seedRefits;

    @Option(names = "--stability-sample", paramLabel = "N", defaultValue = "" + DEFAULT_STABILITY_SAMPLE,
            description = "Stability runs on a seeded sample of at most N images. Default: ${DEFAULT-VALUE}.")
    int stabilitySample;

    @Option(names = "--folds", paramLabel = "N", defaultValue = "" + DEFAULT_FOLDS,
            description = "Cross-validation folds of the downstream check. Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--classifier", paramLabel = "NAME", defaultValue = "knn",
            description = "Downstream classifier: knn (5 nearest neighbours) or logistic. Default: ${DEFAULT-VALUE}.")
    String classifier;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of every resample, refit and fold. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: all cores.")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings s;
        try {
            Downstream.Classifier c = switch (classifier.toLowerCase(Locale.ROOT)) {
                case "knn" -> Downstream.Classifier.KNN;
                case "logistic" -> Downstream.Classifier.LOGISTIC;
                default -> throw new IllegalArgumentException("--classifier must be knn or logistic, got " + classifier);
            };
            s = new Settings(store == null ? Path.of(Defaults.STORE) : store, store != null, model, ladder,
                    human, labels, imageColumn, truth, labelColumn, resamples, stabilityResamples, seedRefits,
                    stabilitySample, folds, c, seed, Threads.orAllCores(threads));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            return run(s, out, err);
        } catch (CsvTable.CsvException | StoreException | IllegalArgumentException | IllegalStateException e) {
            err.println("contrastkit validate: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
    }

    private int run(Settings s, PrintWriter out, PrintWriter err) throws InterruptedException {
        ContrastModel m = s.model() == null ? null : readModel(s.model());
        Report report = new Report(m == null ? "validation of the v1 features on contrast ladders"
                : "validation of model " + s.model());
        if (m != null) {
            report.header("model", s.model().toString(), String.format(Locale.ROOT, "model %s (id %s): %s, k = %d, %s",
                    s.model(), m.id(), m.clustering().method().name().toLowerCase(Locale.ROOT), m.clustering().k(),
                    m.schema().version()));
        }
        if (s.storeChecks()) {
            try (StoreSession fsSession = StoreSession.open(s.store(), m.schema(), StoreSession.Access.READ)) {
                FeatureStore fs = fsSession.features();
                FeatureMatrix fm = fs.readFeatures();
                report.header("store", s.store().toString(),
                        String.format(Locale.ROOT, "store %s: %d images with features", s.store(), fm.rows()));
                storeChecks(report, s, m, fm);
            }
        } else if (m != null) {
            report.header("store", null, "no store at " + s.store() + ": only the ladder check runs (give --store FILE"
                    + " for the checks on a collection)");
        }
        int failed = 0;
        if (s.ladder() != null) {
            List<LadderCheck.Variant> variants = LadderCheck.read(s.ladder());
            LadderCheck.Outcome o = LadderCheck.run(variants, m, s.threads(), err);
            failed = o.failed();
            LadderCheck.describe(report.section("ladder", "Contrast ladders (" + s.ladder() + ")",
                    "variants of each image whose contrast order is known by construction"), o, s.ladder());
        }
        if (json) {
            report.printJson(out);
        } else {
            report.printText(out);
        }
        err.flush();
        return failed > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
    }

    private static ContrastModel readModel(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()), e);
        }
        return ContrastModel.fromJson(text, file.toString());
    }

    // ---------------------------------------------------------------- checks on the store

    public void storeChecks(Report report, Settings s, ContrastModel m, FeatureMatrix fm) {
        int n = fm.rows();
        if (n < 3) {
            throw new IllegalArgumentException("store " + s.store() + " has " + n + " images with features; the"
                    + " checks need at least 3");
        }
        double[][] raw = fm.values();
        List<Prediction> predictions = m.predictAll(raw, s.threads());
        double[][] scaled = m.scaler().transform(raw);
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
        internalQuality(report, s, m, scaled, groups);
        stability(report, s, m, scaled, groups);
        consistency(report, m, raw, score, mapX, mapY);
        if (s.human() != null) {
            human(report, s, fm, score);
        }
        if (s.labels() != null) {
            downstream(report, s, fm, predictions, m.clustering().k());
        }
    }

    private static void internalQuality(Report report, Settings s, ContrastModel m, double[][] scaled, int[] groups) {
        Report.Section sec = report.section("internal_quality", "Internal quality of the groups",
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

    private static void stability(Report report, Settings s, ContrastModel m, double[][] scaled, int[] groups) {
        int k = m.clustering().k();
        Report.Section sec = report.section("stability", "Stability of the groups",
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

    private static void consistency(Report report, ContrastModel m, double[][] raw, double[] score, double[] mapX,
                                    double[] mapY) {
        Report.Section sec = report.section("consistency", "Consistency with the handcrafted features",
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
            sec.table(new Report.Table(o, o + " against each feature", "feature",
                    List.of("pearson", "spearman", "kendall"),
                    List.of("straight-line correlation (-1..1)", "rank correlation (-1..1; n/a for a constant feature)",
                            "Kendall tau-b: concordant minus discordant pairs, as a share (-1..1)"),
                    schema.names(), rows));
        }
        sec.note("no embeddings are stored yet; embedding columns will be correlated here when a store holds them");
    }

    private void human(Report report, Settings s, FeatureMatrix fm, double[] score) {
        Report.Section sec = report.section("human", "Agreement with human ratings (" + s.human() + ")",
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
        if (ratings.size() < AgreementCommand.MIN_ROWS) {
            sec.note("skipped: " + ratings.size() + " rated images matched the store; agreement needs at least "
                    + AgreementCommand.MIN_ROWS);
            return;
        }
        AgreementResult a = Agreement.compute(ratings.stream().mapToDouble(Double::doubleValue).toArray(),
                scores.stream().mapToDouble(Double::doubleValue).toArray(),
                Agreement.Options.defaults().withResamples(s.resamples()).withSeed(s.seed()));
        AgreementCommand.describe(sec, a);
    }

    private void downstream(Report report, Settings s, FeatureMatrix fm, List<Prediction> predictions, int k) {
        Report.Section sec = report.section("downstream", "Downstream check with labels (" + s.labels() + ")",
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

    private static void describeJoin(Report.Section sec, ImageJoin.Counts c) {
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
