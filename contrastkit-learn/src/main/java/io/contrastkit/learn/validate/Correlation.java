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
        return pearsonUnchecked(averageRanks(x), averageRanks(y));
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
        int n = values.length;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && values[boxed[end]] == values[boxed[start]]) {
                end++;
            }
            // ranks start+1 .. end share their mean
            double rank = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++) {
                ranks[boxed[k]] = rank;
            }
            start = end;
        }
        return ranks;
    }

    static void check(double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "x and y differ in length: x has " + x.length + " values, y has " + y.length
                            + "; first unpaired index is " + Math.min(x.length, y.length));
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("need at least 2 pairs, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            checkFinite("x", i, x[i]);
            checkFinite("y", i, y[i]);
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
        return pearsonUnchecked(averageRanks(x), averageRanks(y));
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
    static double kendallUnchecked(double[] xIn, double[] yIn) {
        int n = xIn.length;
        // adding 0.0 turns -0.0 into 0.0, so the sort order and the == tie runs below agree
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xIn[i] + 0.0;
            y[i] = yIn[i] + 0.0;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        // sorted by x then y, a discordant pair is exactly a strict inversion of the y sequence:
        // pairs tied in x are in ascending y order and pairs tied in y are not inversions
        Arrays.sort(boxed, (a, b) -> {
            int c = Double.compare(x[a], x[b]);
            return c != 0 ? c : Double.compare(y[a], y[b]);
        });
        double[] ys = new double[n];
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x[boxed[i]];
            ys[i] = y[boxed[i]];
        }
        long tot = (long) n * (n - 1) / 2;
        long xTies = 0;
        long jointTies = 0;
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && xs[end] == xs[start]) {
                end++;
            }
            xTies += pairs(end - start);
            // inside an x-run y is sorted, so joint ties are runs of equal y within the run
            int s = start;
            while (s < end) {
                int e = s + 1;
                while (e < end && ys[e] == ys[s]) {
                    e++;
                }
                jointTies += pairs(e - s);
                s = e;
            }
            start = end;
        }
        long discordant = countInversions(ys, new double[n], 0, n);
        // ys is now sorted ascending: count y ties on it
        long yTies = 0;
        start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && ys[end] == ys[start]) {
                end++;
            }
            yTies += pairs(end - start);
            start = end;
        }
        if (xTies == tot || yTies == tot) {
            return Double.NaN;
        }
        long conMinusDis = tot - xTies - yTies + jointTies - 2 * discordant;
        double tau = conMinusDis / Math.sqrt((double) (tot - xTies)) / Math.sqrt((double) (tot - yTies));
        return Math.max(-1.0, Math.min(1.0, tau));
    }

    private static long pairs(long count) {
        return count * (count - 1) / 2;
    }

    /** Sorts a[from, to) ascending and returns the number of strict inversions in it. */
    private static long countInversions(double[] a, double[] buffer, int from, int to) {
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
