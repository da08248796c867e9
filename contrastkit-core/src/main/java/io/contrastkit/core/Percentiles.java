package io.contrastkit.core;

/**
 * Percentiles with linear interpolation between order statistics (numpy's default, "type 7"),
 * found by selection in O(n) rather than a full sort.
 */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * The q1-th and q2-th percentiles (q1 <= q2, in [0,100]) of {@code values}, which is reordered.
     */
    static double[] two(double[] values, double q1, double q2) {
        int n = values.length;
        double v2 = (q2 / 100) * (n - 1);
        int k2 = (int) Math.floor(v2);
        // Select the upper position first; everything left of it is then <= it and holds the lower one.
        double hi2lo = select(values, 0, n - 1, k2);
        double hi2hi = k2 + 1 < n ? minOf(values, k2 + 1, n - 1) : hi2lo;
        double p2 = lerp(hi2lo, hi2hi, v2 - k2);

        double v1 = (q1 / 100) * (n - 1);
        int k1 = (int) Math.floor(v1);
        double lo;
        double hi;
        if (k1 < k2) {
            lo = select(values, 0, k2 - 1, k1);
            hi = k1 + 1 < k2 ? minOf(values, k1 + 1, k2 - 1) : hi2lo;
        } else {
            lo = hi2lo;
            hi = hi2hi;
        }
        double p1 = lerp(lo, hi, v1 - k1);
        return new double[] {p1, p2};
    }

    /** One percentile; {@code values} is reordered. */
    static double of(double[] values, double q) {
        int n = values.length;
        double v = (q / 100) * (n - 1);
        int k = (int) Math.floor(v);
        double lo = select(values, 0, n - 1, k);
        double hi = k + 1 < n ? minOf(values, k + 1, n - 1) : lo;
        return lerp(lo, hi, v - k);
    }

    /** numpy's _lerp: a + (b-a)*t, computed from the nearer end for t >= 0.5. */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    private static double minOf(double[] a, int from, int to) {
        double m = a[from];
        for (int i = from + 1; i <= to; i++) {
            if (a[i] < m) {
                m = a[i];
            }
        }
        return m;
    }

    /**
     * Places the k-th smallest of a[lo..hi] at a[k], smaller-or-equal values left of it and
     * greater-or-equal right of it, and returns it. Three-way partitioning keeps flat images linear.
     */
    static double select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            double pivot = median3(a[lo], a[mid], a[hi]);
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                double v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static double median3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
