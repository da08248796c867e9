package io.contrastkit.learn.model;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.cluster.KMeansResult;
import io.contrastkit.learn.cluster.KSelection;
import io.contrastkit.learn.cluster.KSelectionOptions;
import io.contrastkit.learn.cluster.KMeansOptions;
import io.contrastkit.learn.hierarchy.Ward;
import io.contrastkit.learn.hierarchy.WardOptions;
import io.contrastkit.learn.hierarchy.WardResult;
import io.contrastkit.learn.map.Tsne;
import io.contrastkit.learn.map.TsneMap;
import io.contrastkit.learn.map.TsneOptions;
import io.contrastkit.learn.metrics.ClusterMetrics;
import io.contrastkit.learn.pca.ComponentDescriber;
import io.contrastkit.learn.pca.Pca;
import io.contrastkit.learn.pca.PcaResult;
import io.contrastkit.learn.scale.FittedScaler;
import io.contrastkit.learn.scale.Rows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Fits a {@link ContrastModel} to a collection's feature vectors: scaling, groups (k-means or Ward, k
 * chosen by {@link KChoice} unless fixed), the Ward hierarchy, PCA, the t-SNE map, anomaly detectors, group
 * profiles and names, and the contrast score. Pure: same rows, options and seed give the same model.
 */
public final class ContrastModelTrainer {

    /** Above this many rows silhouettes are computed on a seeded sample (the exact one is O(n^2)). */
    static final int SILHOUETTE_SAMPLE = KSelectionOptions.DEFAULT_SILHOUETTE_SAMPLE;
    /** The fewest rows a model can be fitted on (two groups, a map and a kNN reference need a few). */
    public static final int MIN_ROWS = 5;

    private ContrastModelTrainer() {
    }

    /**
     * Refines the chosen k-means centroids on more rows than the trainer holds, e.g. a distributed k-means
     * over a whole table whose seeded sample the trainer fits. Given the sample's scaler and grouping mask
     * (so that it can put its rows in the same space) and the k centroids chosen on the sample, it returns
     * k centroids in the grouping space; the rest of the fit (labels, profiles, names, map, anomaly) then
     * uses them, by nearest-centroid assignment as predictions do.
     */
    @FunctionalInterface
    public interface CentroidRefiner {
        /** The refined centroids: k rows of the grouping space's width. */
        double[][] refine(FittedScaler scaler, boolean[] grouping, double[][] centroids);
    }

    /** Fits without progress reports; see {@link #fit(double[][], List, FeatureSchema, ContrastModelOptions, long, Provenance.Source, Consumer)}. */
    public static ContrastModelFit fit(double[][] features, List<String> paths, FeatureSchema schema,
                                       ContrastModelOptions options, long seed, Provenance.Source source) {
        return fit(features, paths, schema, options, seed, source, step -> { });
    }

    /**
     * Fits a model.
     *
     * @param features n x d raw feature rows in schema order (read, not kept)
     * @param paths    one name per row for representatives, or null
     * @param progress told the name of each long step as it starts (for a CLI's progress lines)
     */
    public static ContrastModelFit fit(double[][] features, List<String> paths, FeatureSchema schema,
                                       ContrastModelOptions options, long seed, Provenance.Source source,
                                       Consumer<String> progress) {
        return fit(features, paths, schema, options, seed, source, progress, null);
    }

    /**
     * Fits a model whose k-means centroids {@code refiner} refines (k-means only; null: none), see
     * {@link CentroidRefiner}.
     */
    public static ContrastModelFit fit(double[][] features, List<String> paths, FeatureSchema schema,
                                       ContrastModelOptions options, long seed, Provenance.Source source,
                                       Consumer<String> progress, CentroidRefiner refiner) {
        if (schema == null || options == null || source == null) {
            throw new IllegalArgumentException("schema, options and source must not be null");
        }
        int d = Rows.requireMatrix(features, "features");
        int n = features.length;
        if (d != schema.size()) {
            throw new IllegalArgumentException("features have " + d + " columns, expected " + schema.size() + " ("
                    + schema.version() + ")");
        }
        if (n < MIN_ROWS) {
            throw new IllegalArgumentException("a model needs at least " + MIN_ROWS + " images, got " + n);
        }
        if (paths != null && paths.size() != n) {
            throw new IllegalArgumentException("paths has " + paths.size() + " entries but features has " + n + " rows");
        }
        SplittableRandom root = new SplittableRandom(seed);
        long clusterSeed = root.nextLong();
        long wardSeed = root.nextLong();
        long sampleSeed = root.nextLong();
        long tsneSeed = root.nextLong();
        long silhouetteSeed = root.nextLong();

        // Exact duplicates are fitted once (today's recipe): a file copied ten times must not pull a centroid,
        // shrink the anomaly yardstick, or let k reach past the distinct images. They still get predictions.
        boolean collapse = options.recipe() != ContrastModelOptions.Recipe.V0_1;
        int[] rep = new int[n];
        double[][] fitRows = collapse ? distinct(features, rep) : identity(features, rep);
        int nd = fitRows.length;
        if (nd < MIN_ROWS) {
            throw new IllegalArgumentException("a model needs at least " + MIN_ROWS + " distinct images, got " + nd
                    + " (of " + n + "; the others are exact duplicates)");
        }
        boolean[] keep = ContrastModel.grouping(schema, options.features());

        FittedScaler scaler = options.scaler().fit(fitRows);
        double[][] scaled = scaler.transform(fitRows);
        double[][] grouped = ContrastModel.mask(scaled, keep);

        progress.accept("hierarchy (Ward)");
        WardResult ward = Ward.fit(grouped, new WardOptions(WardOptions.DEFAULT_EXACT_THRESHOLD,
                WardOptions.DEFAULT_MICRO_CLUSTERS, options.coarseClusters(), options.fineClusters(), wardSeed));

        int minK = options.k() == 0 ? options.minK() : options.k();
        int maxK = options.k() == 0 ? Math.min(options.maxK(), nd - 1) : options.k();
        if (maxK > nd - 1 || maxK < minK) {
            throw new IllegalArgumentException((options.k() == 0 ? "k range starts at " + minK : "k is " + minK)
                    + " but " + (nd == n ? n + " images" : nd + " distinct images (of " + n + ")")
                    + " allow at most k = " + (nd - 1));
        }
        progress.accept(options.k() == 0 ? "choosing k in " + minK + ".." + maxK : "clustering at k = " + minK);
        List<KSelection.Score> table;
        List<KChoice.Tradeoff> tradeoff = List.of();
        String reason;
        double[][] centroids;
        if (options.method() == ContrastModelOptions.Method.KMEANS) {
            KSelectionOptions kso = new KSelectionOptions(minK, maxK, options.nInit(),
                    KMeansOptions.DEFAULT_MAX_ITER, KMeansOptions.DEFAULT_TOL, clusterSeed, SILHOUETTE_SAMPLE);
            KSelection.Result sel;
            if (options.k() == 0 && collapse) {
                progress.accept("stability of each k (bootstrap)");
                KChoice.Result choice = KChoice.choose(grouped, kso, KChoice.Rule.defaults(), null);
                sel = choice.selection();
                tradeoff = choice.tradeoff();
            } else {
                sel = KSelection.select(grouped, kso);
            }
            table = sel.scores();
            reason = options.k() == 0 ? sel.reason() : "k=" + minK + ": fixed by the caller";
            if (refiner != null) {
                reason += "; centroids refined on the whole table";
            }
            KMeansResult chosen = sel.chosen();
            centroids = chosen.centroids();
            if (refiner != null) {
                progress.accept("refining " + centroids.length + " centroids");
                double[][] given = new double[centroids.length][];
                for (int c = 0; c < centroids.length; c++) {
                    given[c] = centroids[c].clone();
                }
                double[][] refined = refiner.refine(scaler, keep.clone(), given);
                if (refined.length != centroids.length || Rows.requireMatrix(refined, "refined centroids") != d) {
                    throw new IllegalStateException("the refiner returned " + refined.length + " centroids for k = "
                            + centroids.length);
                }
                centroids = refined;
            }
        } else {
            WardChoice wc = chooseWardCut(grouped, ward, minK, maxK, silhouetteSeed);
            table = wc.table;
            reason = options.k() == 0 ? wc.reason : "k=" + minK + ": fixed by the caller";
            centroids = wc.centroids;
        }
        if (nd < n) {
            reason += String.format(Locale.ROOT, "; %d exact duplicates were fitted once (%d distinct of %d images)",
                    n - nd, nd, n);
        }

        // Everything downstream uses nearest-centroid assignment, exactly what predict() does.
        int[] labels = assign(grouped, centroids);
        int[] compact = Vectors.compact(labels);
        int k = Arrays.stream(compact).max().getAsInt() + 1;
        if (k != centroids.length) {
            centroids = Vectors.centroids(grouped, compact, k);
            labels = assign(grouped, centroids);
        } else {
            labels = compact;
        }

        ContrastScore contrast = ContrastScore.fit(fitRows, schema);
        double[] scores = new double[nd];
        for (int i = 0; i < nd; i++) {
            scores[i] = contrast.score(fitRows[i]);
        }
        // Number groups by rising mean contrast score: group 0 is the flattest, whatever the seed.
        int[] order = groupOrder(scores, labels, k);
        int[] rank = new int[k];
        double[][] ordered = new double[k][];
        for (int r = 0; r < k; r++) {
            rank[order[r]] = r;
            ordered[r] = centroids[order[r]];
        }
        centroids = ordered;
        for (int i = 0; i < nd; i++) {
            labels[i] = rank[labels[i]];
        }

        progress.accept("metrics");
        boolean sampled = nd > SILHOUETTE_SAMPLE;
        double sil = Double.NaN;
        double db = Double.NaN;
        double ch = Double.NaN;
        if (k >= 2) {
            sil = sampled ? ClusterMetrics.silhouette(grouped, labels, SILHOUETTE_SAMPLE, silhouetteSeed, null)
                    : ClusterMetrics.silhouette(grouped, labels);
            db = ClusterMetrics.daviesBouldin(grouped, labels);
            ch = ClusterMetrics.calinskiHarabasz(grouped, labels);
        }
        Clustering clustering = new Clustering(options.method(), k, table, reason, sil, db, ch, sampled, centroids,
                options.features(), tradeoff);

        Hierarchy hierarchy = hierarchy(grouped, ward);

        progress.accept("PCA");
        PcaResult pca = Pca.fit(scaled);
        List<String> descriptions = new ComponentDescriber(schema.names(), 3).describeAll(pca);

        int[] perm = permutation(nd, sampleSeed);
        int mapRows = Math.min(nd, options.mapSample());
        double[][] anchor = new double[mapRows][];
        for (int i = 0; i < mapRows; i++) {
            anchor[i] = grouped[perm[i]];
        }
        progress.accept("t-SNE map of " + mapRows + " rows");
        TsneOptions tsneOptions = TsneOptions.defaults().withPerplexity(Math.min(30.0, (mapRows - 1) / 3.0))
                .withSeed(tsneSeed);
        TsneMap map = Tsne.fit(anchor, Tsne.pcaInit(anchor), tsneOptions);
        double[][] position = new double[nd][];
        double[][] fitted = map.embedding();
        for (int i = 0; i < mapRows; i++) {
            position[perm[i]] = fitted[i];
        }
        if (mapRows < nd) {
            progress.accept("placing " + (nd - mapRows) + " rows into the map");
            double[][] rest = new double[nd - mapRows][];
            for (int i = mapRows; i < nd; i++) {
                rest[i - mapRows] = grouped[perm[i]];
            }
            double[][] placed = map.place(rest);
            for (int i = mapRows; i < nd; i++) {
                position[perm[i]] = placed[i - mapRows];
            }
        }

        progress.accept("anomaly scores");
        // Models grouped on some features detect in two robust spaces of the scaled rows (see AnomalyModel) and
        // keep their own reference rows; 0.1.0 models and those grouped on all features pair a centroid and a
        // kNN detector in the grouping space, with the clustering's centroids and the head of the map's rows.
        boolean twoSpaces = !options.features().isEmpty();
        int refRows = Math.min(mapRows, options.knnReference());
        int knnK = Math.min(options.knnK(), refRows - 1);
        if (collapse) {
            // In a small collection the k nearest would be most of it, outliers included: their distance then
            // inflates everyone's and hides them. A quarter of the collection at most keeps neighbours near; at
            // least two, so that a pair of odd frames (a black and a white one) cannot hide behind each other.
            knnK = Math.min(refRows - 1, Math.max(2, Math.min(knnK, (refRows - 1) / 4)));
        }
        int[] refIndex = new int[nd];
        Arrays.fill(refIndex, -1);
        double[][] reference = new double[refRows][];
        for (int i = 0; i < refRows; i++) {
            refIndex[perm[i]] = i;
            reference[i] = twoSpaces ? scaled[perm[i]] : grouped[perm[i]];
        }
        double[] distance = new double[nd];
        for (int i = 0; i < nd; i++) {
            distance[i] = Math.sqrt(Vectors.sqDist(grouped[i], centroids[labels[i]]));
        }
        AnomalyModel.Calibration identity = new AnomalyModel.Calibration(0, 1);
        AnomalyModel.Spaces spaces = twoSpaces
                ? AnomalyModel.Spaces.of(scaled, ContrastModel.grouping(schema, AnomalyModel.FEATURES),
                        ContrastModel.grouping(schema, AnomalyModel.SPECTRUM_FEATURES)) : null;
        double[] typical = twoSpaces ? null : AnomalyModel.typicalDistances(distance, labels, k);
        AnomalyModel uncalibrated = twoSpaces
                ? new AnomalyModel(spaces, reference, knnK, identity, identity, options.anomalyThreshold())
                : new AnomalyModel(typical, reference, knnK, identity, identity, options.anomalyThreshold());
        double[][] raw = new double[nd][];
        int[] lab = labels;
        IntStream.range(0, nd).parallel().forEach(i ->
                raw[i] = uncalibrated.raw(scaled[i], grouped[i], distance[i], lab[i], refIndex[i]));
        AnomalyModel.Calibration first = AnomalyModel.Calibration.fit(
                Arrays.stream(raw).mapToDouble(r -> r[0]).toArray(), collapse);
        AnomalyModel.Calibration second = AnomalyModel.Calibration.fit(
                Arrays.stream(raw).mapToDouble(r -> r[1]).toArray(), collapse);
        AnomalyModel anomaly = twoSpaces
                ? new AnomalyModel(spaces, reference, knnK, first, second, options.anomalyThreshold())
                : new AnomalyModel(typical, reference, knnK, first, second, options.anomalyThreshold());

        progress.accept("group profiles and names");
        int[] labelsAll = new int[n];
        double[] distanceAll = new double[n];
        double[][] groupedAll = new double[n][];
        for (int i = 0; i < n; i++) {
            labelsAll[i] = labels[rep[i]];
            distanceAll[i] = distance[rep[i]];
            groupedAll[i] = grouped[rep[i]];
        }
        List<GroupProfile> groups = profiles(features, groupedAll, labelsAll, centroids, distanceAll, paths, schema,
                options);

        ContrastModel model = new ContrastModel(schema, Provenance.of(source, n, options, seed), scaler, clustering,
                groups, hierarchy, pca, descriptions, map, anomaly, contrast);

        List<Prediction> predictions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int r = rep[i];
            AnomalyModel.Scores a = anomaly.calibrated(raw[r]);
            predictions.add(new Prediction(labels[r], groups.get(labels[r]).name(), distance[r], scores[r],
                    a.combined(), anomaly.flagged(a.combined()), position[r][0], position[r][1]));
        }
        return new ContrastModelFit(model, predictions);
    }

    /** The distinct rows in first-seen order; {@code rep[i]} is row i's index among them. */
    static double[][] distinct(double[][] rows, int[] rep) {
        Map<List<Double>, Integer> seen = new java.util.HashMap<>();
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            List<Double> key = Arrays.stream(rows[i]).boxed().toList();
            Integer at = seen.get(key);
            if (at == null) {
                at = out.size();
                seen.put(key, at);
                out.add(rows[i]);
            }
            rep[i] = at;
        }
        return out.toArray(new double[0][]);
    }

    private static double[][] identity(double[][] rows, int[] rep) {
        for (int i = 0; i < rows.length; i++) {
            rep[i] = i;
        }
        return rows;
    }

    private static int[] assign(double[][] scaled, double[][] centroids) {
        int[] labels = new int[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            labels[i] = Vectors.nearest(centroids, scaled[i]);
        }
        return labels;
    }

    private static int[] groupOrder(double[] scores, int[] labels, int k) {
        double[] sum = new double[k];
        int[] count = new int[k];
        for (int i = 0; i < labels.length; i++) {
            sum[labels[i]] += scores[i];
            count[labels[i]]++;
        }
        Integer[] order = new Integer[k];
        for (int g = 0; g < k; g++) {
            order[g] = g;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(sum[a] / count[a], sum[b] / count[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** Seeded Fisher-Yates permutation of 0..n-1: its prefixes are the map and kNN samples. */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private record WardChoice(List<KSelection.Score> table, String reason, double[][] centroids) {
    }

    /** Ward cuts at every k of the range, scored like {@link KSelection}: highest silhouette, ties to smaller k. */
    private static WardChoice chooseWardCut(double[][] scaled, WardResult ward, int minK, int maxK, long seed) {
        int n = scaled.length;
        boolean sampled = n > SILHOUETTE_SAMPLE;
        List<KSelection.Score> table = new ArrayList<>();
        List<int[]> cuts = new ArrayList<>();
        for (int k = minK; k <= maxK; k++) {
            int[] labels = Vectors.compact(ward.cut(k));
            int used = Arrays.stream(labels).max().getAsInt() + 1;
            double[][] c = Vectors.centroids(scaled, labels, used);
            double inertia = 0;
            for (int i = 0; i < n; i++) {
                inertia += Vectors.sqDist(scaled[i], c[labels[i]]);
            }
            if (used < 2) {
                table.add(new KSelection.Score(k, -1, Double.NaN, Double.NaN, inertia));
            } else {
                double sil = sampled ? ClusterMetrics.silhouette(scaled, labels, SILHOUETTE_SAMPLE, seed, null)
                        : ClusterMetrics.silhouette(scaled, labels);
                table.add(new KSelection.Score(k, sil, ClusterMetrics.daviesBouldin(scaled, labels),
                        ClusterMetrics.calinskiHarabasz(scaled, labels), inertia));
            }
            cuts.add(labels);
        }
        int best = 0;
        for (int i = 1; i < table.size(); i++) {
            if (table.get(i).silhouette() > table.get(best).silhouette() + 1e-12) {
                best = i;
            }
        }
        String reason = String.format(Locale.ROOT, "k=%d: highest silhouette %.4f of the Ward cuts %d..%d",
                table.get(best).k(), table.get(best).silhouette(), minK, maxK);
        int[] labels = cuts.get(best);
        int used = Arrays.stream(labels).max().getAsInt() + 1;
        return new WardChoice(table, reason, Vectors.centroids(scaled, labels, used));
    }

    private static Hierarchy hierarchy(double[][] scaled, WardResult ward) {
        int[] coarse = Vectors.compact(ward.coarseLabels());
        int[] fine = Vectors.compact(ward.fineLabels());
        return new Hierarchy(ward.exact(), ward.leafCount(), ward.linkage(),
                Vectors.centroids(scaled, coarse, Arrays.stream(coarse).max().getAsInt() + 1),
                Vectors.centroids(scaled, fine, Arrays.stream(fine).max().getAsInt() + 1));
    }

    private static List<GroupProfile> profiles(double[][] features, double[][] scaled, int[] labels,
                                               double[][] centroids, double[] distance, List<String> paths,
                                               FeatureSchema schema, ContrastModelOptions options) {
        int n = features.length;
        int d = schema.size();
        int k = centroids.length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] r : features) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : features) {
            for (int j = 0; j < d; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        List<Map<String, Double>> profiles = new ArrayList<>();
        int[] sizes = new int[k];
        double[][] groupMean = new double[k][d];
        for (int i = 0; i < n; i++) {
            sizes[labels[i]]++;
            for (int j = 0; j < d; j++) {
                groupMean[labels[i]][j] += features[i][j];
            }
        }
        for (int g = 0; g < k; g++) {
            Map<String, Double> p = new LinkedHashMap<>();
            for (int j = 0; j < d; j++) {
                double s = Math.sqrt(sd[j]);
                double z = s > 1e-12 * Math.max(1, Math.abs(mean[j])) ? (groupMean[g][j] / sizes[g] - mean[j]) / s : 0;
                p.put(schema.names().get(j), z);
            }
            profiles.add(p);
        }
        List<GroupNamer.Named> names = GroupNamer.name(profiles, schema);
        List<GroupProfile> out = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            int gg = g;
            int[] members = IntStream.range(0, n).filter(i -> labels[i] == gg).toArray();
            out.add(new GroupProfile(g, names.get(g).name(), sizes[g], names.get(g).words(), profiles.get(g),
                    representatives(members, scaled, distance, paths, options)));
        }
        return out;
    }

    /**
     * The members closest to the centroid, then farthest-point sampling from them: each next one is the
     * member farthest from all chosen so far (ties: input order), so the list spans the group. Starting
     * from the central members makes it deterministic without a random start.
     */
    static List<Representative> representatives(int[] members, double[][] scaled, double[] distance,
                                                 List<String> paths, ContrastModelOptions options) {
        Integer[] byDistance = Arrays.stream(members).boxed().toArray(Integer[]::new);
        Arrays.sort(byDistance, (a, b) -> {
            int c = Double.compare(distance[a], distance[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        List<Representative> out = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>();
        int central = Math.min(options.centralRepresentatives(), members.length);
        for (int i = 0; i < central; i++) {
            chosen.add(byDistance[i]);
            out.add(new Representative(name(paths, byDistance[i]), "central", distance[byDistance[i]]));
        }
        double[] nearest = new double[members.length];
        for (int a = 0; a < members.length; a++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c : chosen) {
                best = Math.min(best, Vectors.sqDist(scaled[members[a]], scaled[c]));
            }
            nearest[a] = best;
        }
        for (int s = 0; s < options.spreadRepresentatives() && chosen.size() < members.length; s++) {
            int far = -1;
            for (int a = 0; a < members.length; a++) {
                if (nearest[a] > 0 && (far < 0 || nearest[a] > nearest[far])) {
                    far = a;
                }
            }
            if (far < 0) {
                break; // the rest duplicate a chosen member
            }
            int row = members[far];
            chosen.add(row);
            out.add(new Representative(name(paths, row), "spread", distance[row]));
            for (int a = 0; a < members.length; a++) {
                nearest[a] = Math.min(nearest[a], Vectors.sqDist(scaled[members[a]], scaled[row]));
            }
        }
        return out;
    }

    private static String name(List<String> paths, int row) {
        return paths == null ? "row " + row : paths.get(row);
    }
}
