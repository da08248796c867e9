package io.contrastkit.learn.cluster;

import io.contrastkit.learn.metrics.ClusterMetrics;
import io.contrastkit.learn.scale.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Chooses k by running k-means over a range and scoring each k with silhouette, Davies-Bouldin,
 * Calinski-Harabasz and inertia.
 *
 * <p>Rule: the k with the highest silhouette wins; a tie (within 1e-12) goes to the smaller k. The
 * silhouette is preferred to the elbow of inertia (always falls with k) and to Calinski-Harabasz
 * (favours many round clusters) because it is bounded, scale-free and penalises both splitting a
 * group and merging two. The other indices are reported for the person reading the table.
 */
public final class KSelection {
    private KSelection() {
    }

    /** One row of the k-selection table. */
    public record Score(int k, double silhouette, double daviesBouldin, double calinskiHarabasz, double inertia) {
    }

    /**
     * The table per k, the chosen k and why.
     *
     * @param scores            one row per k tried, ascending k
     * @param chosenK           the winning k
     * @param reason            one line saying why, e.g. "k=4: highest silhouette 0.6120 (next k=5: 0.5411)"
     * @param silhouetteSampled whether the silhouette was computed on a seeded sample of rows
     * @param fits              the k-means fit per k, same order as scores
     */
    public record Result(List<Score> scores, int chosenK, String reason, boolean silhouetteSampled,
                         List<KMeansResult> fits) {
        public Result {
            scores = List.copyOf(scores);
            fits = List.copyOf(fits);
        }

        /** The k-means fit at the chosen k. */
        public KMeansResult chosen() {
            for (int i = 0; i < scores.size(); i++) {
                if (scores.get(i).k() == chosenK) {
                    return fits.get(i);
                }
            }
            throw new IllegalStateException("no fit for k=" + chosenK);
        }
    }

    /** Runs the selection on the common pool. */
    public static Result select(double[][] rows, KSelectionOptions options) {
        return select(rows, options, null);
    }

    /** Runs the selection on {@code pool} (null: the common pool). */
    public static Result select(double[][] rows, KSelectionOptions options, ForkJoinPool pool) {
        int d = Rows.requireMatrix(rows, "rows");
        int n = rows.length;
        int maxK = Math.min(options.maxK(), n - 1);
        if (maxK < options.minK()) {
            throw new IllegalArgumentException("minK is " + options.minK() + " but " + n
                    + " rows allow at most k = " + (n - 1));
        }
        double[] flat = Rows.flatten(rows, "rows");
        boolean sampled = n > options.silhouetteSample();
        List<Score> scores = new ArrayList<>();
        List<KMeansResult> fits = new ArrayList<>();
        for (int k = options.minK(); k <= maxK; k++) {
            KMeansResult fit = KMeans.fitFlat(flat, n, d, options.kmeans(k), pool);
            int[] labels = fit.labels();
            int used = (int) java.util.Arrays.stream(fit.clusterSizes()).filter(s -> s > 0).count();
            double sil;
            double db;
            double ch;
            if (used < 2) {
                // All rows in one cluster (e.g. duplicates): the indices are undefined; rank it last.
                sil = -1;
                db = Double.NaN;
                ch = Double.NaN;
            } else {
                sil = sampled
                        ? ClusterMetrics.silhouette(rows, labels, options.silhouetteSample(), options.seed(), pool)
                        : ClusterMetrics.silhouette(rows, labels, pool);
                db = ClusterMetrics.daviesBouldin(rows, labels);
                ch = ClusterMetrics.calinskiHarabasz(rows, labels);
            }
            scores.add(new Score(k, sil, db, ch, fit.inertia()));
            fits.add(fit);
        }
        Score best = scores.get(0);
        for (Score s : scores) {
            if (s.silhouette() > best.silhouette() + 1e-12) {
                best = s;
            }
        }
        Score runnerUp = null;
        for (Score s : scores) {
            if (s != best && (runnerUp == null || s.silhouette() > runnerUp.silhouette())) {
                runnerUp = s;
            }
        }
        StringBuilder reason = new StringBuilder(String.format(Locale.ROOT, "k=%d: highest silhouette %.4f",
                best.k(), best.silhouette()));
        if (runnerUp != null) {
            reason.append(String.format(Locale.ROOT, " (next k=%d: %.4f)", runnerUp.k(), runnerUp.silhouette()));
        }
        if (sampled) {
            reason.append(String.format(Locale.ROOT, "; silhouette on a seeded sample of %d of %d rows",
                    options.silhouetteSample(), n));
        }
        return new Result(scores, best.k(), reason.toString(), sampled, fits);
    }
}
