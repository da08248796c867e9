package io.contrastkit.learn.validate;

import java.util.Arrays;

/**
 * Agreement between two labelings of the same points: adjusted Rand index and normalised mutual information
 * (arithmetic normalisation), computed exactly as scikit-learn's {@code adjusted_rand_score} and
 * {@code normalized_mutual_info_score}. Label values are arbitrary ints (negative ones included); only
 * which points share a label matters.
 */
public final class ClusterAgreement {

    private static final double EPSILON = Math.ulp(1.0);

    private ClusterAgreement() {
    }

    /** Adjusted Rand index of two labelings: 1 for identical partitions, about 0 for independent ones. */
    public static double adjustedRandIndex(int[] labelsA, int[] labelsB) {
        Contingency c = Contingency.of(labelsA, labelsB);
        long n = c.n;
        long sumSquares = 0;
        long rowWeighted = 0;
        long columnWeighted = 0;
        for (int k = 0; k < c.cells.length; k++) {
            long v = c.cells[k];
            sumSquares += v * v;
            rowWeighted += v * c.rowSums[c.rows[k]];
            columnWeighted += v * c.columnSums[c.columns[k]];
        }
        // the pair confusion matrix counts ordered pairs, as scikit-learn's pair_confusion_matrix does
        long tp = sumSquares - n;
        long fp = columnWeighted - sumSquares;
        long fn = rowWeighted - sumSquares;
        long tn = n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) {
            return 1.0;
        }
        // products in double: they may pass 2^63 for millions of points, where relative error 1e-16 is harmless
        double num = 2.0 * ((double) tp * tn - (double) fn * fp);
        double den = (double) (tp + fn) * (fn + tn) + (double) (tp + fp) * (fp + tn);
        return num / den;
    }

    /**
     * Normalised mutual information with the arithmetic mean of the two entropies as normaliser (scikit-learn's
     * default): 1 for identical partitions, 0 for independent ones; natural logarithms.
     */
    public static double normalizedMutualInfo(int[] labelsA, int[] labelsB) {
        Contingency c = Contingency.of(labelsA, labelsB);
        int ka = c.rowSums.length;
        int kb = c.columnSums.length;
        // no split on either side is a perfect match of "everything together"
        if (ka == kb && (ka == 1 || ka == 0)) {
            return 1.0;
        }
        double mi = mutualInformation(c);
        if (mi == 0) {
            return 0.0;
        }
        double normaliser = (entropy(c.rowSums) + entropy(c.columnSums)) / 2;
        return mi / normaliser;
    }

    /** Mutual information of the two labelings in nats, as scikit-learn's mutual_info_score. */
    public static double mutualInformation(int[] labelsA, int[] labelsB) {
        return mutualInformation(Contingency.of(labelsA, labelsB));
    }

    private static double mutualInformation(Contingency c) {
        if (c.rowSums.length == 1 || c.columnSums.length == 1) {
            return 0.0;
        }
        double total = c.n;
        double logTotal = Math.log(total);
        double mi = 0;
        for (int k = 0; k < c.cells.length; k++) {
            double v = c.cells[k];
            double p = v / total;
            long outer = c.rowSums[c.rows[k]] * c.columnSums[c.columns[k]];
            double logOuter = -Math.log(outer) + logTotal + logTotal;
            double term = p * (Math.log(v) - logTotal) + p * logOuter;
            // scikit-learn zeroes terms below machine epsilon before summing; done the same for parity
            mi += Math.abs(term) < EPSILON ? 0.0 : term;
        }
        return Math.max(0.0, mi);
    }

    private static double entropy(long[] counts) {
        if (counts.length == 1) {
            return 0.0;
        }
        double sum = 0;
        for (long c : counts) {
            sum += c;
        }
        double logSum = Math.log(sum);
        double h = 0;
        for (long c : counts) {
            h += (c / sum) * (Math.log(c) - logSum);
        }
        return -h;
    }

    /** Sparse contingency table of two labelings: the non-zero cells with their row/column, plus margins. */
    static final class Contingency {
        final long n;
        final int[] rows;
        final int[] columns;
        final long[] cells;
        final long[] rowSums;
        final long[] columnSums;

        private Contingency(long n, int[] rows, int[] columns, long[] cells, long[] rowSums, long[] columnSums) {
            this.n = n;
            this.rows = rows;
            this.columns = columns;
            this.cells = cells;
            this.rowSums = rowSums;
            this.columnSums = columnSums;
        }

        static Contingency of(int[] a, int[] b) {
            if (a == null || b == null) {
                throw new IllegalArgumentException("labelings must not be null");
            }
            if (a.length != b.length) {
                throw new IllegalArgumentException("labelings differ in length: first has " + a.length
                        + " labels, second has " + b.length + "; first unpaired index is " + Math.min(a.length, b.length));
            }
            int n = a.length;
            int[] ia = compact(a);
            int[] ib = compact(b);
            int ka = 0;
            int kb = 0;
            for (int i = 0; i < n; i++) {
                ka = Math.max(ka, ia[i] + 1);
                kb = Math.max(kb, ib[i] + 1);
            }
            // sorting packed (row, column) keys groups equal cells without a hash map
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = ((long) ia[i] << 32) | ib[i];
            }
            Arrays.sort(keys);
            int cellCount = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || keys[i] != keys[i - 1]) {
                    cellCount++;
                }
            }
            int[] rows = new int[cellCount];
            int[] columns = new int[cellCount];
            long[] cells = new long[cellCount];
            long[] rowSums = new long[ka];
            long[] columnSums = new long[kb];
            int k = -1;
            for (int i = 0; i < n; i++) {
                if (i == 0 || keys[i] != keys[i - 1]) {
                    k++;
                    rows[k] = (int) (keys[i] >>> 32);
                    columns[k] = (int) keys[i];
                }
                cells[k]++;
                rowSums[rows[k]]++;
                columnSums[columns[k]]++;
            }
            return new Contingency(n, rows, columns, cells, rowSums, columnSums);
        }

        /** Maps arbitrary label values to 0..k-1 in ascending order of value. */
        private static int[] compact(int[] labels) {
            int[] distinct = labels.clone();
            Arrays.sort(distinct);
            int k = 0;
            for (int i = 0; i < distinct.length; i++) {
                if (i == 0 || distinct[i] != distinct[i - 1]) {
                    distinct[k++] = distinct[i];
                }
            }
            int[] out = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                out[i] = Arrays.binarySearch(distinct, 0, k, labels[i]);
            }
            return out;
        }
    }
}
