package io.contrastkit.learn.model;

/** Small dense-vector helpers shared by the model's parts. */
final class Vectors {
    private Vectors() {
    }

    static double sqDist(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }

    /** Index of the nearest row of {@code centres} (ties: the lower index). */
    static int nearest(double[][] centres, double[] row) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double d = sqDist(centres[c], row);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    static double[][] copy(double[][] m) {
        if (m == null) {
            return null;
        }
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /** Mean of the rows with each label, one centroid per label 0..k-1 (labels must all occur). */
    static double[][] centroids(double[][] rows, int[] labels, int k) {
        int d = rows[0].length;
        double[][] c = new double[k][d];
        int[] counts = new int[k];
        for (int i = 0; i < rows.length; i++) {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) {
                c[labels[i]][j] += rows[i][j];
            }
        }
        for (int g = 0; g < k; g++) {
            for (int j = 0; j < d; j++) {
                c[g][j] /= Math.max(1, counts[g]);
            }
        }
        return c;
    }

    /** Labels renumbered 0..m-1 keeping their order, so that ids with no rows leave no gaps. */
    static int[] compact(int[] labels) {
        int max = 0;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        boolean[] present = new boolean[max + 1];
        for (int l : labels) {
            present[l] = true;
        }
        int[] map = new int[max + 1];
        int next = 0;
        for (int v = 0; v <= max; v++) {
            map[v] = present[v] ? next++ : -1;
        }
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = map[labels[i]];
        }
        return out;
    }

    /** Median of a copy of {@code values} (numpy's linear interpolation). */
    static double median(double[] values) {
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        return quantileSorted(s, 0.5);
    }

    /** Quantile {@code q} in [0, 1] of sorted values, numpy's default linear interpolation. */
    static double quantileSorted(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
