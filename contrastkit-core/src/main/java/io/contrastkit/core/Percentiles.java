package io.contrastkit.core;

import java.util.Arrays;

/**
 * Percentiles with linear interpolation between order statistics (numpy's default, "type 7").
 * Order statistics are found exactly by a histogram pass that narrows each wanted rank to one bucket,
 * then a selection within that bucket alone: linear passes instead of a full sort. The extractor counts
 * the histogram in a pass it makes anyway ({@link #fromCounts}).
 */
final class Percentiles {

    static final int BUCKETS = 4096;

    private Percentiles() {
    }

    /**
     * Where the percentile at {@code fraction} (in [0, 1]) of n sorted values falls (type 7): between the order
     * statistics of ranks {@code lo} and {@code hi}, at weight {@code t} from lo.
     */
    record Position(int lo, int hi, double t) {
        static Position of(double fraction, int n) {
            double v = fraction * (n - 1);
            int k = (int) Math.floor(v);
            return new Position(k, Math.min(k + 1, n - 1), v - k);
        }

        /** The percentile, given the order statistics at lo and hi. */
        double between(double atLo, double atHi) {
            return lerp(atLo, atHi, t);
        }
    }

    /** The q1-th and q2-th percentiles (in [0,100]) of {@code values}, which is not modified. */
    static double[] two(double[] values, double q1, double q2) {
        Position a = Position.of(q1 / 100, values.length);
        Position b = Position.of(q2 / 100, values.length);
        double[] s = orderStatistics(values, new int[] {a.lo(), a.hi(), b.lo(), b.hi()});
        return new double[] {a.between(s[0], s[1]), b.between(s[2], s[3])};
    }

    /** One percentile of {@code values}, which is not modified. */
    static double of(double[] values, double q) {
        Position p = Position.of(q / 100, values.length);
        double[] s = orderStatistics(values, new int[] {p.lo(), p.hi()});
        return p.between(s[0], s[1]);
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
        fromCounts(a, a.length, counts, min, scale, ranks, out);
        return out;
    }

    /**
     * The values of the given ranks of {@code a[0..n)}, from a histogram the caller has already counted:
     * {@code counts[b]} values fall in bucket {@code b = min((int) ((v - min) * scale), BUCKETS - 1)} (the
     * caller's pass over the data counts them along with whatever else it computes). One more pass
     * gathers the members of the buckets that hold the wanted ranks; a selection (not a sort) within
     * each finds the order statistics exactly.
     *
     * With {@code scale} NaN, the buckets are {@link #logBucketOf}'s instead (min is then unused).
     *
     * @param ranks ascending 0-based ranks (at most 127 of them)
     */
    static void fromCounts(double[] a, int n, int[] counts, double min, double scale, int[] ranks, double[] out) {
        int buckets = counts.length;
        // The bucket of each wanted rank: one scan of the running count.
        int[] rankBucket = new int[ranks.length];
        int[] rankStart = new int[ranks.length];
        int b = 0;
        int before = 0;
        for (int r = 0; r < ranks.length; r++) {
            while (before + counts[b] <= ranks[r]) {
                before += counts[b];
                b++;
            }
            rankBucket[r] = b;
            rankStart[r] = before;
        }
        int[] slotOf = new int[ranks.length];
        int[] slotBucket = new int[ranks.length];
        int slots = 0;
        for (int r = 0; r < ranks.length; r++) {
            if (slots == 0 || slotBucket[slots - 1] != rankBucket[r]) {
                slotBucket[slots++] = rankBucket[r];
            }
            slotOf[r] = slots - 1;
        }
        double[][] members = new double[slots][];
        int[] filled = new int[slots];
        for (int s = 0; s < slots; s++) {
            members[s] = new double[counts[slotBucket[s]]];
        }
        boolean log = Double.isNaN(scale);
        if (slots == 1) {
            double[] m = members[0];
            int only = slotBucket[0];
            int f = 0;
            for (int i = 0; i < n; i++) {
                double v = a[i];
                int bv = log ? logBucketOf(v) : bucketOf(v, min, scale, buckets);
                if (bv == only) {
                    m[f++] = v;
                }
            }
        } else {
            // Each bucket's slot (plus one; 0: no wanted rank) by lookup: the lowest and the highest wanted
            // ranks span nearly every bucket, so a range test and a search of the slots would run for nearly
            // every value.
            byte[] slotAt = new byte[buckets];
            for (int s = 0; s < slots; s++) {
                slotAt[slotBucket[s]] = (byte) (s + 1);
            }
            for (int i = 0; i < n; i++) {
                double v = a[i];
                int s = slotAt[log ? logBucketOf(v) : bucketOf(v, min, scale, buckets)];
                if (s != 0) {
                    members[s - 1][filled[s - 1]++] = v;
                }
            }
        }
        // Within a bucket, successive ranks: after selecting local rank j, everything after j is >= it,
        // so the next rank is selected among the rest alone.
        int prevSlot = -1;
        int from = 0;
        for (int r = 0; r < ranks.length; r++) {
            int s = slotOf[r];
            if (s != prevSlot) {
                from = 0;
                prevSlot = s;
            }
            int j = ranks[r] - rankStart[r];
            out[r] = select(members[s], from, members[s].length, j);
            from = j;
        }
    }

    /**
     * The value of rank {@code k} (an index into {@code a}) of {@code a[from..to)} in sorted order, and
     * {@code a} rearranged so that {@code a[from..k)} holds no larger and {@code a[k+1..to)} no smaller
     * values (quickselect, median-of-three pivot, Hoare partitioning, which splits runs of equal values).
     */
    static double select(double[] a, int from, int to, int k) {
        int lo = from;
        int hi = to - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            double x = a[lo];
            double y = a[mid];
            double z = a[hi];
            double pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            // a[lo..j] <= pivot, a[i..hi] >= pivot, and anything between them equals the pivot.
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return pivot;
            }
        }
        return a[k];
    }

    static int bucketOf(double v, double min, double scale, int buckets) {
        return Math.min((int) ((v - min) * scale), buckets - 1);
    }

    /** Buckets of {@link #logBucketOf}: 64 per binade over 2^-26 .. 2^38. */
    static final int LOG_BUCKETS = 4096;
    /** The 64-per-binade prefix of 2^-26's bits: values below it share bucket 0. */
    private static final long LOG_BASE = Double.doubleToRawLongBits(0x1p-26) >>> 46;

    /**
     * A bucket for a non-negative value that needs no range: the value's exponent and its first 6 mantissa bits
     * (the bits of a non-negative double grow with its value, so the buckets are in order), clamped to
     * [0, LOG_BUCKETS). Lets a histogram be counted in the pass that finds the least and greatest value.
     */
    static int logBucketOf(double v) {
        long b = (Double.doubleToRawLongBits(v) >>> 46) - LOG_BASE;
        return (int) Math.min(Math.max(b, 0), LOG_BUCKETS - 1);
    }

    private static int bucket(double v, double min, double scale) {
        return bucketOf(v, min, scale, BUCKETS);
    }
}
