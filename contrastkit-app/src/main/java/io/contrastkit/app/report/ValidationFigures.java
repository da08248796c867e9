package io.contrastkit.app.report;

import io.contrastkit.learn.cluster.KMeans;
import io.contrastkit.learn.cluster.KMeansOptions;
import io.contrastkit.learn.hierarchy.Ward;
import io.contrastkit.learn.hierarchy.WardOptions;
import io.contrastkit.learn.model.Clustering;
import io.contrastkit.learn.validate.ClusterAgreement;
import io.contrastkit.learn.validate.Stability;
import io.contrastkit.learn.validate.StabilityResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The label-free checks a report can run from the store and the model alone: internal quality of the groups,
 * their stability under resampling and other seeds, and their consistency with the Ward hierarchy. Each
 * figure carries a one-line meaning for a reader who is not a statistician.
 */
final class ValidationFigures {

    /** One figure: its check, its label, its formatted value and what it means. */
    record Figure(String check, String label, String value, String meaning) {
    }

    /** Stability refits run on at most this many rows (a seeded sample): it is O(refits x n) k-means fits. */
    static final int STABILITY_ROWS = 2000;

    private ValidationFigures() {
    }

    /**
     * @param scaled  the collection in the model's scaled space
     * @param groups  the model's group of each row
     * @param refits  bootstrap refits for stability (seed refits are a fifth of it, at least 2)
     */
    static List<Figure> compute(Clustering clustering, double[][] scaled, int[] groups, long seed, int refits) {
        List<Figure> out = new ArrayList<>();
        int k = clustering.k();
        String q = "internal quality";
        out.add(new Figure(q, "silhouette", fmt(clustering.silhouette()),
                "how much closer images are to their own group than to the next one: near 1 well separated, near 0 overlapping, below 0 misplaced"));
        out.add(new Figure(q, "Davies-Bouldin index", fmt(clustering.daviesBouldin()),
                "average ratio of a group's spread to its distance from the most similar group: lower is better, below 1 is clear"));
        out.add(new Figure(q, "Calinski-Harabasz index", String.format(Locale.ROOT, "%.1f", clustering.calinskiHarabasz()),
                "between-group over within-group variance, scaled by group and image counts: higher means tighter, better separated groups"));
        out.add(new Figure(q, "chosen k", Integer.toString(k), clustering.reason()));

        int n = scaled.length;
        if (k >= 2 && n > k + 2) {
            double[][] rows = sample(scaled, seed);
            int kk = Math.min(k, rows.length - 1);
            StabilityResult s = Stability.assess(rows,
                    (data, fitSeed) -> KMeans.fit(data, KMeansOptions.of(Math.min(kk, data.length), fitSeed).withNInit(3)).labels(),
                    Stability.Options.defaults().withSeed(seed).withRefits(refits, Math.max(2, refits / 5)));
            String st = "stability";
            out.add(new Figure(st, "bootstrap ARI", fmt(s.bootstrapAri().mean()) + "  [" + fmt(s.bootstrapAri().interval().lo())
                    + ", " + fmt(s.bootstrapAri().interval().hi()) + "]",
                    "agreement (adjusted Rand index, 1 = identical, 0 = chance) of groups refitted on resampled collections with the original groups, with its 95% interval"));
            out.add(new Figure(st, "other-seed ARI", fmt(s.seedAri().mean()),
                    "agreement of groups refitted with other random seeds: below 1 means the groups depend on luck"));
            out.add(new Figure(st, "verdict", s.stable() ? "stable" : "unstable", s.verdict()));
            if (rows.length < n) {
                out.add(new Figure(st, "rows used", Integer.toString(rows.length),
                        "stability was measured on a seeded sample of the collection, enough for the agreement figures"));
            }

            int[] ward = Ward.fit(scaled, WardOptions.defaults(seed)).cut(k);
            String c = "consistency";
            out.add(new Figure(c, "ARI with the Ward cut", fmt(ClusterAgreement.adjustedRandIndex(groups, ward)),
                    "agreement of the groups with the hierarchy cut into as many clusters: near 1 means two different methods find the same groups"));
            out.add(new Figure(c, "NMI with the Ward cut", fmt(ClusterAgreement.normalizedMutualInfo(groups, ward)),
                    "shared information between the groups and the Ward clusters, 0 (unrelated) to 1 (the same partition)"));
        } else {
            out.add(new Figure("stability", "skipped", "-", "fewer than two groups or too few images to refit"));
        }
        return out;
    }

    private static double[][] sample(double[][] rows, long seed) {
        if (rows.length <= STABILITY_ROWS) {
            return rows;
        }
        int[] idx = new SplittableRandom(seed).ints(0, rows.length).distinct().limit(STABILITY_ROWS).sorted().toArray();
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = rows[idx[i]];
        }
        return out;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }
}
