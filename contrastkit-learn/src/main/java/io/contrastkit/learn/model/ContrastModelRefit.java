package io.contrastkit.learn.model;

import io.contrastkit.learn.cluster.KMeans;
import io.contrastkit.learn.cluster.KMeansOptions;
import io.contrastkit.learn.cluster.KMeansResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Online adaptation of a fitted model to newly served images: warm-started k-means over the new rows plus the
 * previous centroids, each new group matched to its predecessor (so ids and names stay), and the contrast score
 * and anomaly calibrations refitted on the new rows. The scaler, hierarchy, PCA and map are the previous
 * model's: new rows are measured in the same frame, and map positions stay comparable.
 */
public final class ContrastModelRefit {

    /** The fewest new rows a refit takes: the calibrations need some spread. */
    public static final int MIN_ROWS = 20;

    private ContrastModelRefit() {
    }

    /**
     * A new model adapted to {@code rows}.
     *
     * @param previous the model now serving
     * @param rows     raw feature rows (schema order) of served images, at least {@link #MIN_ROWS}
     * @param source   the refit's source (its {@code store} names what it was refitted from)
     */
    public static ContrastModel refit(ContrastModel previous, double[][] rows, Provenance.Source source) {
        if (rows == null || rows.length < MIN_ROWS) {
            throw new IllegalArgumentException("a refit needs at least " + MIN_ROWS + " rows, got "
                    + (rows == null ? 0 : rows.length));
        }
        int d = previous.schema().size();
        for (int i = 0; i < rows.length; i++) {
            previous.requireFeatures(rows[i], "rows[" + i + "]");
        }
        int n = rows.length;
        double[][] scaled = previous.scaler().transform(rows);
        double[][] grouped = previous.groupingSpace(scaled);
        double[][] before = previous.clustering().centroids();
        int k = before.length;

        // The previous centroids take part as rows, together weighing as much as the new rows: a group the new
        // images do not reach keeps its place instead of emptying, and one refit moves a centroid at most
        // about half way towards the new images' mean.
        int weight = Math.max(1, n / k);
        double[][] pooled = new double[n + k * weight][];
        System.arraycopy(grouped, 0, pooled, 0, n);
        for (int g = 0; g < k; g++) {
            for (int w = 0; w < weight; w++) {
                pooled[n + g * weight + w] = before[g];
            }
        }
        KMeansResult warm = KMeans.fitFrom(pooled, before, KMeansOptions.DEFAULT_MAX_ITER, KMeansOptions.DEFAULT_TOL,
                ForkJoinPool.commonPool());
        double[][] after = match(before, warm.centroids());

        int[] labels = new int[n];
        double[] distance = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = Vectors.nearest(after, grouped[i]);
            distance[i] = Math.sqrt(Vectors.sqDist(after[labels[i]], grouped[i]));
        }
        Clustering c = previous.clustering();
        Clustering clustering = new Clustering(c.method(), k, c.table(), c.reason() + "; refitted on " + n
                + " served images (warm-started from model " + previous.id() + ")", c.silhouette(),
                c.daviesBouldin(), c.calinskiHarabasz(), c.silhouetteSampled(), after, c.features(), c.tradeoff());

        AnomalyModel a = previous.anomaly();
        AnomalyModel.Calibration identity = new AnomalyModel.Calibration(0, 1);
        double[] typical = a.twoSpaces() ? null : AnomalyModel.typicalDistances(distance, labels, k);
        AnomalyModel uncalibrated = a.twoSpaces()
                ? new AnomalyModel(a.spaces(), a.reference(), a.k(), identity, identity, a.threshold())
                : new AnomalyModel(typical, a.reference(), a.k(), identity, identity, a.threshold());
        double[] first = new double[n];
        double[] second = new double[n];
        for (int i = 0; i < n; i++) {
            double[] raw = uncalibrated.raw(scaled[i], grouped[i], distance[i], labels[i], -1);
            first[i] = raw[0];
            second[i] = raw[1];
        }
        AnomalyModel.Calibration firstCal = AnomalyModel.Calibration.fit(first, true);
        AnomalyModel.Calibration secondCal = AnomalyModel.Calibration.fit(second, true);
        AnomalyModel anomaly = a.twoSpaces()
                ? new AnomalyModel(a.spaces(), a.reference(), a.k(), firstCal, secondCal, a.threshold())
                : new AnomalyModel(typical, a.reference(), a.k(), firstCal, secondCal, a.threshold());

        ContrastScore contrast = ContrastScore.fit(rows, previous.schema());

        int[] sizes = new int[k];
        for (int l : labels) {
            sizes[l]++;
        }
        List<GroupProfile> groups = new ArrayList<>(k);
        for (GroupProfile p : previous.groups()) {
            // Same id and name as the predecessor; the size is the new rows'; traits, profile and representatives
            // still describe the collection the model was trained on.
            groups.add(new GroupProfile(p.id(), p.name(), sizes[p.id()], p.traits(), p.profile(), p.representatives()));
        }
        Provenance pp = previous.provenance();
        Map<String, Object> options = new LinkedHashMap<>(pp.options());
        options.put("refit_of", previous.id());
        options.put("refit_rows", n);
        Provenance provenance = new Provenance(source.toolVersion(), source.store(), n, options, pp.seed(),
                source.java(), source.os(), source.createdAt());
        assert d == after[0].length;
        return new ContrastModel(previous.schema(), provenance, previous.scaler(), clustering, groups,
                previous.hierarchy(), previous.pca(), previous.pcaDescriptions(), previous.map(), anomaly, contrast);
    }

    /**
     * The new centroids reordered so that entry g is the one matched to previous group g: pairs taken greedily
     * by smallest distance, each centroid used once (k is small; the warm start already keeps most in place).
     */
    static double[][] match(double[][] before, double[][] found) {
        int k = before.length;
        double[][] out = new double[k][];
        boolean[] usedBefore = new boolean[k];
        boolean[] usedFound = new boolean[k];
        for (int step = 0; step < k; step++) {
            int bi = -1;
            int fi = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int b = 0; b < k; b++) {
                if (usedBefore[b]) {
                    continue;
                }
                for (int f = 0; f < k; f++) {
                    if (!usedFound[f]) {
                        double dist = Vectors.sqDist(before[b], found[f]);
                        if (dist < best) {
                            best = dist;
                            bi = b;
                            fi = f;
                        }
                    }
                }
            }
            usedBefore[bi] = true;
            usedFound[fi] = true;
            out[bi] = Arrays.copyOf(found[fi], found[fi].length);
        }
        return out;
    }
}
