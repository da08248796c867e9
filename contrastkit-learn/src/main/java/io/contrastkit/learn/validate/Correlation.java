package io.contrastkit.learn.validate;

import java.util.Arrays;

/**
 * Pearson, Spearman and Kendall tau-b correlation of two paired samples, matching scipy.stats.
 *
 * <p>All methods take the arrays without modifying or keeping them. Inputs of unequal length or
 * holding a non-finite value are rejected with a message naming the index; fewer than two pairs are
 * rejected. Like scipy, a constant input gives {@code NaN} (the correlation is undefined), not an error.
 */
public final class Correlation {

    private Correlation() {
    }

    /** Pearson's product-moment correlation, as scipy.stats.pearsonr. */
    public static double pearson(double[] x, double[] y) {
        check(x, y);
        return pearsonUnchecked(x, y);
    }

    /** Spearman's rank correlation with average ranks for ties, as scipy.stats.spearmanr. */
    public static double spearman(double[] x, double[] y) {
        check(x, y);
        return spearmanUnchecked(x, y);
    }

    /** Kendall's tau-b (ties in x, y and both accounted for), as scipy.stats.kendalltau; O(n log n). */
    public static double kendall(double[] x, double[] y) {
        check(x, y);
        return kendallUnchecked(x, y);
    }

    /**
     * 1-based ranks of {@code values}, tied values sharing the mean of their ranks (scipy.stats.rankdata
     * method "average"). Returns a new array; rejects non-finite values.
     */
    public static double[] averageRanks(double[] values) {
        for (int i = 0; i < values.length; i++) {
            checkFinite("values", i, values[i]);
        }
        return averageRanksUnchecked(values);
    }

    static double[] averageRanksUnchecked(double[] values) {
        // a primitive sort plus binary searches: several times faster than sorting boxed indices,
        // which matters inside bootstrap loops
        double[] sorted = sortedCopy(values);
        double[] ranks = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i] + 0.0;
            int lo = lowerBound(sorted, v);
            int hi = upperBound(sorted, v);
            // 1-based ranks lo+1 .. hi share their mean
            ranks[i] = (lo + 1 + hi) / 2.0;
        }
        return ranks;
    }

    /** 0-based dense ranks: equal values share a rank, ranks run 0..distinct-1 without gaps. */
    static int[] denseRanks(double[] values) {
        double[] sorted = sortedCopy(values);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        int[] ranks = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ranks[i] = lowerBound(sorted, 0, distinct, values[i] + 0.0);
        }
        return ranks;
    }

    private static double[] sortedCopy(double[] values) {
        double[] sorted = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            // adding 0.0 turns -0.0 into 0.0: Arrays.sort orders them apart, but they are equal values
            sorted[i] = values[i] + 0.0;
        }
        Arrays.sort(sorted);
        return sorted;
    }

    private static int lowerBound(double[] sorted, double v) {
        return lowerBound(sorted, 0, sorted.length, v);
    }

    /** First index in sorted[from, to) whose value is not below v. */
    private static int lowerBound(double[] sorted, int from, int to, double v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose value is above v. */
    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static void check(double[] x, double[] y) {
        check("x", x, "y", y);
    }

    /** Rejects null, unequal lengths, fewer than 2 pairs and non-finite values, naming array and index. */
    static void check(String xName, double[] x, String yName, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(xName + " and " + yName + " must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    xName + " and " + yName + " differ in length: " + xName + " has " + x.length + " values, "
                            + yName + " has " + y.length + "; first unpaired index is " + Math.min(x.length, y.length));
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("need at least 2 pairs, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            checkFinite(xName, i, x[i]);
            checkFinite(yName, i, y[i]);
        }
    }

    static void checkFinite(String name, int index, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + "[" + index + "] is " + value);
        }
    }

    /** Pearson without input checks, for callers (bootstrap) that already validated. */
    static double pearsonUnchecked(double[] x, double[] y) {
        int n = x.length;
        double mx = mean(x);
        double my = mean(y);
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        // normalise each norm separately, as scipy does, so tiny/huge scales neither underflow nor overflow
        double r = sxy / Math.sqrt(sxx) / Math.sqrt(syy);
        return Math.max(-1.0, Math.min(1.0, r));
    }

    static double spearmanUnchecked(double[] x, double[] y) {
        return pearsonUnchecked(averageRanksUnchecked(x), averageRanksUnchecked(y));
    }

    static double mean(double[] v) {
        // a second pass corrects the rounding of the first, so means of large offsets stay exact
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        double m = sum / v.length;
        double corr = 0;
        for (double d : v) {
            corr += d - m;
        }
        return m + corr / v.length;
    }

    /** Kendall tau-b without input checks. */
    static double kendallUnchecked(double[] x, double[] y) {
        int n = x.length;
        int[] rx = denseRanks(x);
        int[] ry = denseRanks(y);
        // sorted by x then y, a discordant pair is exactly a strict inversion of the y sequence:
        // pairs tied in x are in ascending y order and pairs tied in y are not inversions.
        // Dense ranks pack (x, y) into one long, so a primitive sort does the lexicographic order.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) rx[i] << 32) | ry[i];
        }
        Arrays.sort(keys);
        int[] xs = new int[n];
        int[] ys = new int[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (int) (keys[i] >>> 32);
            ys[i] = (int) keys[i];
        }
        long tot = (long) n * (n - 1) / 2;
        long xTies = 0;
        long jointTies = 0;
        int xRun = 1;
        int jointRun = 1;
        for (int i = 1; i <= n; i++) {
            boolean sameX = i < n && xs[i] == xs[i - 1];
            boolean sameXy = sameX && ys[i] == ys[i - 1];
            if (sameX) {
                xRun++;
            } else {
                xTies += pairs(xRun);
                xRun = 1;
            }
            if (sameXy) {
                jointRun++;
            } else {
                jointTies += pairs(jointRun);
                jointRun = 1;
            }
        }
        long yTies = 0;
        int[] yCount = new int[n];
        for (int r : ry) {
            yCount[r]++;
        }
        for (int c : yCount) {
            yTies += pairs(c);
        }
        if (xTies == tot || yTies == tot) {
            return Double.NaN;
        }
        long discordant = countInversions(ys, new int[n], 0, n);
        long conMinusDis = tot - xTies - yTies + jointTies - 2 * discordant;
        double tau = conMinusDis / Math.sqrt((double) (tot - xTies)) / Math.sqrt((double) (tot - yTies));
        return Math.max(-1.0, Math.min(1.0, tau));
    }

    private static long pairs(long count) {
        return count * (count - 1) / 2;
    }

    /** Sorts a[from, to) ascending and returns the number of strict inversions in it. */
    private static long countInversions(int[] a, int[] buffer, int from, int to) {
        if (to - from < 2) {
            return 0;
        }
        int mid = (from + to) >>> 1;
        long count = countInversions(a, buffer, from, mid) + countInversions(a, buffer, mid, to);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            if (a[j] < a[i]) {
                // a[j] is smaller than every remaining left element: each forms one inversion
                count += mid - i;
                buffer[k++] = a[j++];
            } else {
                buffer[k++] = a[i++];
            }
        }
        while (i < mid) {
            buffer[k++] = a[i++];
        }
        while (j < to) {
            buffer[k++] = a[j++];
        }
        System.arraycopy(buffer, from, a, from, to - from);
        return count;
    }
}
