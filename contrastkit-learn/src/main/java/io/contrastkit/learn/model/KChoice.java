package io.contrastkit.learn.model;

import io.contrastkit.learn.cluster.KMeans;
import io.contrastkit.learn.cluster.KMeansOptions;
import io.contrastkit.learn.cluster.KMeansResult;
import io.contrastkit.learn.cluster.KSelection;
import io.contrastkit.learn.cluster.KSelectionOptions;
import io.contrastkit.learn.validate.Stability;
import io.contrastkit.learn.validate.StabilityResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Chooses k for people: separation (silhouette), stability (bootstrap ARI, as {@code validate} measures it)
 * and useful group sizes together, widening the range when the best k sits at its top.
 *
 * <p>The rule, in order: (1) k is tried from minK up to maxK, never above the number of distinct rows less
 * one; (2) a k is <i>usable</i> when its smallest group holds at least {@link Rule#minGroupSize} rows and its
 * largest at most {@link Rule#maxGroupShare} of them; (3) a k is <i>stable</i> when k-means refitted on
 * bootstrap resamples agrees with it at mean ARI &gt;= {@link Rule#stableMeanAri} with the 95% interval's low
 * end &gt;= {@link Rule#stableLowerAri} (the rule of the project's stability check, {@code validate}); (4) among usable stable k the highest silhouette wins, ties to the smaller k;
 * with none, the most stable usable k, and the reason says plainly that no stable k exists; with no usable
 * k at all the reason says the collection is one blob at this resolution; (5) when the winner is the top of
 * the range and larger k are possible, the range grows by {@link Rule#widenStep} up to {@link Rule#widenTo}
 * and the choice is made again; a winner still at the top is announced in the reason.
 */
public final class KChoice {

    private KChoice() {
    }

    /**
     * The thresholds of the rule.
     *
     * @param minGroupShare    smallest useful group as a share of the rows (at least 2 rows either way)
     * @param maxGroupShare    largest share one group may hold before k counts as "one blob plus crumbs"
     * @param stableMeanAri    mean bootstrap ARI from which a k counts as stable
     * @param stableLowerAri   ... when the bootstrap ARI interval's low end is at least this, too
     * @param resamples        bootstrap refits per k
     * @param stabilitySample  at most this many rows (seeded) are resampled per k (refits cost n x k x restarts)
     * @param widenStep        how many k the range grows by when the winner is at its top
     * @param widenTo          the largest k the range may grow to
     */
    public record Rule(double minGroupShare, double maxGroupShare, double stableMeanAri, double stableLowerAri,
                       int resamples, int stabilitySample, int widenStep, int widenTo) {
        public Rule {
            if (!(minGroupShare >= 0 && minGroupShare < 0.5) || !(maxGroupShare > 0.5 && maxGroupShare <= 1)) {
                throw new IllegalArgumentException("minGroupShare " + minGroupShare + " must be in [0, 0.5) and "
                        + "maxGroupShare " + maxGroupShare + " in (0.5, 1]");
            }
            if (!(stableMeanAri > 0 && stableMeanAri <= 1) || !(stableLowerAri >= -1 && stableLowerAri <= 1)
                    || resamples < 2 || stabilitySample < 10
                    || widenStep < 1 || widenTo < 3) {
                throw new IllegalArgumentException("stableMeanAri " + stableMeanAri + " must be in (0, 1], "
                        + "stableLowerAri " + stableLowerAri + " in [-1, 1], resamples "
                        + resamples + " >= 2, stabilitySample " + stabilitySample + " >= 10, widenStep " + widenStep
                        + " >= 1, widenTo " + widenTo + " >= 3");
            }
        }

        /**
         * Groups of at least 2% of the rows, none over 70%, stable by validate's rule (mean bootstrap ARI at least
         * 0.8, the 95% interval's low end at least 0.6: {@link Stability.Options#defaults()}) over 20 resamples of
         * at most 2,000 rows, widened 4 at a time up to k = 24.
         */
        public static Rule defaults() {
            Stability.Options check = Stability.Options.defaults();
            return new Rule(0.02, 0.70, check.stableMeanAri(), check.stableLowerAri(), 20, 2_000, 4, 24);
        }

        /** The smallest useful group for n rows. */
        public int minGroupSize(int n) {
            return Math.max(2, (int) Math.ceil(minGroupShare * n));
        }
    }

    /**
     * One k of the trade-off.
     *
     * @param k             groups
     * @param silhouette    mean silhouette (separation, -1..1)
     * @param bootstrapAri  mean ARI of bootstrap refits with this k's groups (stability, 1 is identical)
     * @param smallestGroup rows in the smallest group
     * @param largestShare  share of the rows in the largest group
     * @param stable        bootstrapAri at or above the rule's threshold
     * @param usable        group sizes within the rule's bounds
     */
    public record Tradeoff(int k, double silhouette, double bootstrapAri, int smallestGroup, double largestShare,
                           boolean stable, boolean usable) {
    }

    /**
     * The choice.
     *
     * @param selection the separation table and fits per k (the chosen k in {@code chosenK})
     * @param tradeoff  one row per k tried, ascending k
     */
    public record Result(KSelection.Result selection, List<Tradeoff> tradeoff) {
        public Result {
            tradeoff = List.copyOf(tradeoff);
        }
    }

    /** Runs the rule on {@code rows} (distinct rows in the grouping space). */
    public static Result choose(double[][] rows, KSelectionOptions options, Rule rule, ForkJoinPool pool) {
        int n = rows.length;
        int maxK = Math.min(options.maxK(), n - 1);
        int cap = Math.max(maxK, Math.min(rule.widenTo(), n - 1));
        List<KSelection.Score> scores = new ArrayList<>();
        List<KMeansResult> fits = new ArrayList<>();
        List<Tradeoff> tradeoff = new ArrayList<>();
        int from = options.minK();
        boolean sampled = false;
        int chosen;
        String why;
        while (true) {
            KSelection.Result part = KSelection.select(rows, new KSelectionOptions(from, maxK, options.nInit(),
                    options.maxIter(), options.tol(), options.seed(), options.silhouetteSample()), pool);
            sampled = part.silhouetteSampled();
            for (int i = 0; i < part.scores().size(); i++) {
                KSelection.Score s = part.scores().get(i);
                KMeansResult fit = part.fits().get(i);
                scores.add(s);
                fits.add(fit);
                tradeoff.add(tradeoff(rows, s, fit, rule, options));
            }
            chosen = pick(tradeoff);
            if (chosen == maxK && maxK < cap) {
                from = maxK + 1;
                maxK = Math.min(cap, maxK + rule.widenStep());
                continue;
            }
            why = reason(tradeoff, chosen, options.maxK(), maxK, n - 1, rule, n);
            break;
        }
        if (sampled) {
            why += String.format(Locale.ROOT, "; silhouette on a seeded sample of %d of %d rows",
                    options.silhouetteSample(), n);
        }
        return new Result(new KSelection.Result(scores, chosen, why, sampled, fits), tradeoff);
    }

    private static Tradeoff tradeoff(double[][] rows, KSelection.Score s, KMeansResult fit, Rule rule,
                                     KSelectionOptions options) {
        int n = rows.length;
        int[] sizes = fit.clusterSizes();
        int smallest = Arrays.stream(sizes).min().orElse(0);
        int largest = Arrays.stream(sizes).max().orElse(0);
        double share = largest / (double) n;
        boolean usable = smallest >= rule.minGroupSize(n) && share <= rule.maxGroupShare();
        StabilityResult check = stability(rows, fit.labels(), s.k(), rule, options);
        return new Tradeoff(s.k(), s.silhouette(), check.bootstrapAri().mean(), smallest, share, check.stable(), usable);
    }

    /** Bootstrap refits of k-means against the labels, judged by the stability check of validate. */
    static StabilityResult stability(double[][] rows, int[] labels, int k, Rule rule, KSelectionOptions options) {
        double[][] data = rows;
        int[] reference = labels;
        if (rows.length > rule.stabilitySample()) {
            int[] perm = ContrastModelTrainer.permutation(rows.length, options.seed() ^ 0x5DEECE66DL);
            data = new double[rule.stabilitySample()][];
            reference = new int[rule.stabilitySample()];
            for (int i = 0; i < data.length; i++) {
                data[i] = rows[perm[i]];
                reference[i] = labels[perm[i]];
            }
        }
        double[][] all = data;
        int[] ref = reference;
        long referenceSeed = new SplittableRandom(options.seed()).nextLong();
        StabilityResult r = Stability.assess(data, (x, seed) -> x == all && seed == referenceSeed ? ref.clone()
                        : KMeans.fit(x, new KMeansOptions(k, options.nInit(), options.maxIter(), options.tol(), seed))
                        .labels(),
                new Stability.Options(rule.resamples(), 0, referenceSeed, 0.95, rule.stableMeanAri(),
                        rule.stableLowerAri(), true));
        return r;
    }

    private static int pick(List<Tradeoff> t) {
        Tradeoff best = null;
        for (Tradeoff x : t) {
            if (x.usable() && x.stable() && (best == null || x.silhouette() > best.silhouette() + 1e-12)) {
                best = x;
            }
        }
        if (best == null) {
            for (Tradeoff x : t) {
                if (x.usable() && (best == null || x.bootstrapAri() > best.bootstrapAri() + 1e-12)) {
                    best = x;
                }
            }
        }
        if (best == null) {
            for (Tradeoff x : t) {
                if (best == null || x.bootstrapAri() > best.bootstrapAri() + 1e-12) {
                    best = x;
                }
            }
        }
        return best.k();
    }

    private static String reason(List<Tradeoff> t, int chosen, int askedMax, int triedMax, int possibleMax, Rule rule,
                                 int n) {
        Tradeoff c = t.stream().filter(x -> x.k() == chosen).findFirst().orElseThrow();
        String figures = String.format(Locale.ROOT, "silhouette %.3f, bootstrap ARI %.3f, groups of %d to %.0f%% of %d"
                        + " images", c.silhouette(), c.bootstrapAri(), c.smallestGroup(), 100 * c.largestShare(), n);
        StringBuilder sb = new StringBuilder();
        if (c.usable() && c.stable()) {
            sb.append(String.format(Locale.ROOT, "k=%d: the best-separated stable k with useful group sizes (%s)",
                    chosen, figures));
        } else if (c.usable()) {
            sb.append(String.format(Locale.ROOT, "k=%d: no stable k exists (none reaches mean bootstrap ARI %.2f with"
                    + " the interval's low end at %.2f); this is the most stable with useful group sizes (%s)", chosen,
                    rule.stableMeanAri(), rule.stableLowerAri(), figures));
        } else {
            sb.append(String.format(Locale.ROOT, "k=%d: the collection is one blob at this resolution: every k leaves a "
                    + "group under %d images or over %.0f%% of them; this is the most stable (%s)",
                    chosen, rule.minGroupSize(n), 100 * rule.maxGroupShare(), figures));
        }
        if (triedMax > askedMax) {
            sb.append(String.format(Locale.ROOT, "; the range was widened from ..%d to ..%d", askedMax, triedMax));
        }
        if (chosen == triedMax) {
            sb.append(chosen == possibleMax
                    ? String.format(Locale.ROOT, "; k=%d is the most the %d distinct images allow", chosen, n)
                    : String.format(Locale.ROOT, "; k=%d is the top of the range tried: larger k may do better", chosen));
        } else if (chosen == t.get(0).k()) {
            sb.append(String.format(Locale.ROOT, "; k=%d is the smallest k tried", chosen));
        }
        return sb.toString();
    }
}
