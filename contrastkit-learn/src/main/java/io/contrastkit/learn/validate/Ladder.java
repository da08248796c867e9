package io.contrastkit.learn.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contrast-ladder statistics: how well one measure (the model's contrast score, or a feature) orders
 * variants of an image whose contrast order is known by construction.
 *
 * <p>Per family: the Spearman correlation of the measure with the level, multiplied by the expected direction
 * (so 1 always means "perfectly in the expected order"), whether the order is perfect (strictly, for every
 * pair of distinct levels) and the pairwise accuracy (share of pairs of distinct levels in the expected order,
 * a tie in the measure counting one half). Aggregates are plain means over families, overall and per kind.
 */
public final class Ladder {

    private Ladder() {
    }

    /**
     * One family: variants of one source image under one manipulation.
     *
     * @param source    the source image (for reports)
     * @param kind      the manipulation, e.g. "compression", "haze", "s-curve" (aggregates are grouped by it)
     * @param levels    the manipulation level of each variant (copied)
     * @param values    the measure on each variant, paired with {@code levels} (copied)
     * @param direction +1 if the measure should rise with the level, -1 if it should fall
     */
    public record Family(String source, String kind, double[] levels, double[] values, int direction) {

        public Family {
            String where = "family " + source + "/" + kind;
            if (source == null || kind == null) {
                throw new IllegalArgumentException("family source and kind must not be null");
            }
            if (direction != 1 && direction != -1) {
                throw new IllegalArgumentException(where + ": direction must be +1 or -1, got " + direction);
            }
            Correlation.check(where + " levels", levels, where + " values", values);
            levels = levels.clone();
            values = values.clone();
            if (Arrays.stream(levels).distinct().count() < 2) {
                throw new IllegalArgumentException(where + ": needs at least 2 distinct levels");
            }
        }

        @Override
        public double[] levels() {
            return levels.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Family f && source.equals(f.source) && kind.equals(f.kind) && direction == f.direction
                    && Arrays.equals(levels, f.levels) && Arrays.equals(values, f.values);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * source.hashCode() + kind.hashCode()) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Family[" + source + "/" + kind + ", " + levels.length + " levels, direction " + direction + "]";
        }
    }

    /**
     * The statistics of one family.
     *
     * @param source           the family's source
     * @param kind             the family's manipulation
     * @param srcc             direction times the Spearman correlation of values with levels; 0 when the values
     *                         are all equal (the measure does not see the manipulation at all)
     * @param perfectlyOrdered every pair of distinct levels strictly in the expected order
     * @param pairwiseAccuracy share of pairs of distinct levels in the expected order, ties counting one half
     */
    public record FamilyResult(String source, String kind, double srcc, boolean perfectlyOrdered, double pairwiseAccuracy) {
    }

    /**
     * Means over a set of families.
     *
     * @param families             how many families
     * @param meanSrcc             mean sign-corrected within-family SRCC
     * @param shareOrdered         share of perfectly ordered families
     * @param meanPairwiseAccuracy mean pairwise accuracy
     */
    public record Summary(int families, double meanSrcc, double shareOrdered, double meanPairwiseAccuracy) {
    }

    /**
     * The ladder statistics of one measure.
     *
     * @param families per-family results, in input order
     * @param overall  means over all families
     * @param byKind   means per manipulation kind, in order of first appearance
     */
    public record Result(List<FamilyResult> families, Summary overall, Map<String, Summary> byKind) {

        public Result {
            families = List.copyOf(families);
            byKind = Collections.unmodifiableMap(new LinkedHashMap<>(byKind));
        }
    }

    /** Statistics of one family. */
    public static FamilyResult evaluate(Family family) {
        double[] levels = family.levels;
        double[] values = family.values;
        int dir = family.direction();
        double rho = Correlation.spearmanUnchecked(levels, values);
        double srcc = Double.isNaN(rho) ? 0.0 : dir * rho;
        long pairs = 0;
        double correct = 0;
        boolean perfect = true;
        for (int i = 0; i < levels.length; i++) {
            for (int j = i + 1; j < levels.length; j++) {
                if (levels[i] == levels[j]) {
                    continue;
                }
                pairs++;
                double agreement = Math.signum(levels[j] - levels[i]) * Math.signum(values[j] - values[i]) * dir;
                if (agreement > 0) {
                    correct += 1;
                } else {
                    perfect = false;
                    correct += agreement == 0 ? 0.5 : 0;
                }
            }
        }
        return new FamilyResult(family.source(), family.kind(), srcc, perfect, correct / pairs);
    }

    /** Statistics of every family and their means, overall and per kind. Needs at least one family. */
    public static Result evaluate(List<Family> families) {
        if (families == null || families.isEmpty()) {
            throw new IllegalArgumentException("need at least one family");
        }
        List<FamilyResult> results = new ArrayList<>(families.size());
        Map<String, List<FamilyResult>> grouped = new LinkedHashMap<>();
        for (int i = 0; i < families.size(); i++) {
            Family f = families.get(i);
            if (f == null) {
                throw new IllegalArgumentException("family " + i + " is null");
            }
            FamilyResult r = evaluate(f);
            results.add(r);
            grouped.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Summary> byKind = new LinkedHashMap<>();
        grouped.forEach((kind, list) -> byKind.put(kind, summarise(list)));
        return new Result(results, summarise(results), byKind);
    }

    private static Summary summarise(List<FamilyResult> results) {
        double srcc = 0;
        double ordered = 0;
        double accuracy = 0;
        for (FamilyResult r : results) {
            srcc += r.srcc();
            ordered += r.perfectlyOrdered() ? 1 : 0;
            accuracy += r.pairwiseAccuracy();
        }
        int n = results.size();
        return new Summary(n, srcc / n, ordered / n, accuracy / n);
    }
}
