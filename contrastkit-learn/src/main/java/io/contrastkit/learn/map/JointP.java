package io.contrastkit.learn.map;

import java.util.Arrays;

/** The symmetrised, normalised affinity matrix P of a t-SNE fit, stored as compressed sparse rows. */
final class JointP {

    /** Row {@code i} occupies {@code [rowStart[i], rowStart[i + 1])} of {@link #columns} and {@link #values}. */
    final int[] rowStart;
    final int[] columns;
    final double[] values;

    private JointP(int[] rowStart, int[] columns, double[] values) {
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /**
     * P = (C + C^T) / sum(C + C^T) for the conditional {@code n x k} matrix C over the kNN graph; each row's
     * columns are sorted and duplicates (pairs that are neighbours both ways) merged.
     */
    static JointP symmetrise(int[] neighbours, double[] conditional, int n, int k) {
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            count[i] += k;
            for (int a = 0; a < k; a++) {
                count[neighbours[i * k + a]]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] cols = new int[start[n]];
        double[] vals = new double[start[n]];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                int j = neighbours[i * k + a];
                double c = conditional[i * k + a];
                cols[fill[i]] = j;
                vals[fill[i]++] = c;
                cols[fill[j]] = i;
                vals[fill[j]++] = c;
            }
        }
        // Sort each row by column and merge the doubled entries in place.
        int[] outStart = new int[n + 1];
        int out = 0;
        long[] keys = new long[0];
        for (int i = 0; i < n; i++) {
            int from = start[i];
            int len = start[i + 1] - from;
            if (keys.length < len) {
                keys = new long[Math.max(len, 2 * keys.length)];
            }
            for (int a = 0; a < len; a++) {
                keys[a] = ((long) cols[from + a] << 32) | a;
            }
            Arrays.sort(keys, 0, len);
            double[] rowVals = Arrays.copyOfRange(vals, from, from + len);
            outStart[i] = out;
            int last = -1;
            for (int a = 0; a < len; a++) {
                int col = (int) (keys[a] >>> 32);
                double v = rowVals[(int) keys[a]];
                if (col == last) {
                    vals[out - 1] += v;
                } else {
                    cols[out] = col;
                    vals[out++] = v;
                    last = col;
                }
            }
        }
        outStart[n] = out;
        double sum = 0;
        for (int a = 0; a < out; a++) {
            sum += vals[a];
        }
        // scikit-learn floors the sum at float64 machine epsilon; with k >= 1 it is never that small anyway.
        sum = Math.max(sum, Math.ulp(1.0));
        double[] values = new double[out];
        for (int a = 0; a < out; a++) {
            values[a] = vals[a] / sum;
        }
        return new JointP(outStart, Arrays.copyOf(cols, out), values);
    }
}
