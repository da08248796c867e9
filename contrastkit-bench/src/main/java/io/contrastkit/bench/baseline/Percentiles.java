package io.contrastkit.bench.baseline;

import java.util.Arrays;

/**
 * Percentiles with linear interpolation between order statistics (numpy's default, "type 7").
 * Order statistics are found exactly by a histogram pass that narrows each wanted rank to one bucket,
 * then a sort of that bucket alone: two linear passes instead of a full sort.
 */
final class Percentiles {

    private static final int BUCKETS = 4096;

    private Percentiles() {
    }

    /** The q1-th and q2-th percentiles (in [0,100]) of {@code values}, which is not modified. */
    static double[] two(double[] values, double q1, double q2) {
        int n = values.length;
        double v1 = (q1 / 100) * (n - 1);
        double v2 = (q2 / 100) * (n - 1);
        int k1 = (int) Math.floor(v1);
        int k2 = (int) Math.floor(v2);
        double[] s = orderStatistics(values, new int[] {k1, Math.min(k1 + 1, n - 1), k2, Math.min(k2 + 1, n - 1)});
        return new double[] {lerp(s[0], s[1], v1 - k1), lerp(s[2], s[3], v2 - k2)};
    }

    /** One percentile of {@code values}, which is not modified. */
    static double of(double[] values, double q) {
        int n = values.length;
        double v = (q / 100) * (n - 1);
        int k = (int) Math.floor(v);
        double[] s = orderStatistics(values, new int[] {k, Math.min(k + 1, n - 1)});
        return lerp(s[0], s[1], v - k);
    }

    /** numpy's _lerp: a + (b-a)*t, computed from the nearer end for t >= 0.5. */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /** The values of the given 0-based ranks in sorted order of {@code a} (finite values). */
    static double[] orderStatistics(double[] a, int[] ranks) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        double[] out = new double[ranks.length];
        if (!(max > min)) {
            Arrays.fill(out, min);
            return out;
        }
        double scale = BUCKETS / (max - min);
        int[] counts = new int[BUCKETS];
        for (double v : a) {
            counts[bucket(v, min, scale)]++;
        }
        int[] firstRank = new int[BUCKETS];
        for (int b = 1; b < BUCKETS; b++) {
            firstRank[b] = firstRank[b - 1] + counts[b - 1];
        }
        // The bucket of each wanted rank, and one gathering pass for all distinct buckets.
        int[] rankBucket = new int[ranks.length];
        int[] slotOf = new int[BUCKETS];
        Arrays.fill(slotOf, -1);
        int slots = 0;
        for (int r = 0; r < ranks.length; r++) {
            int b = Arrays.binarySearch(firstRank, ranks[r]);
            if (b < 0) {
                b = -b - 2;
            } else {
                // Several buckets may start at rank k when some are empty: take the non-empty one.
                while (counts[b] == 0) {
                    b++;
                }
            }
            rankBucket[r] = b;
            if (slotOf[b] < 0) {
                slotOf[b] = slots++;
            }
        }
        double[][] members = new double[slots][];
        int[] filled = new int[slots];
        for (int b = 0; b < BUCKETS; b++) {
            if (slotOf[b] >= 0) {
                members[slotOf[b]] = new double[counts[b]];
            }
        }
        for (double v : a) {
            int slot = slotOf[bucket(v, min, scale)];
            if (slot >= 0) {
                members[slot][filled[slot]++] = v;
            }
        }
        for (double[] m : members) {
            Arrays.sort(m);
        }
        for (int r = 0; r < ranks.length; r++) {
            int b = rankBucket[r];
            out[r] = members[slotOf[b]][ranks[r] - firstRank[b]];
        }
        return out;
    }

    private static int bucket(double v, double min, double scale) {
        return Math.min((int) ((v - min) * scale), BUCKETS - 1);
    }
}
