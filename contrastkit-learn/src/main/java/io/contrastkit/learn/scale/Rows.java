package io.contrastkit.learn.scale;

/** Boundary checks and flattening for the row-major {@code double[][]} matrices the learn module takes. */
public final class Rows {
    private Rows() {
    }

    /**
     * Checks that {@code rows} is a non-empty rectangular matrix of finite values and returns its
     * column count. Errors name the row and column, e.g. {@code "row 12 column 3 is NaN"}.
     */
    public static int requireMatrix(double[][] rows, String what) {
        if (rows == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException(what + " has no rows");
        }
        if (rows[0] == null) {
            throw new IllegalArgumentException(what + " row 0 is null");
        }
        int d = rows[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(what + " has no columns");
        }
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            if (r == null) {
                throw new IllegalArgumentException(what + " row " + i + " is null");
            }
            if (r.length != d) {
                throw new IllegalArgumentException(
                        what + " row " + i + " has " + r.length + " columns, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(r[j])) {
                    throw new IllegalArgumentException("row " + i + " column " + j + " is " + r[j]);
                }
            }
        }
        return d;
    }

    /** Checks one row against an expected width; errors name the column and value. */
    public static void requireRow(double[] row, int expectedColumns) {
        if (row == null) {
            throw new IllegalArgumentException("row is null");
        }
        if (row.length != expectedColumns) {
            throw new IllegalArgumentException("row has " + row.length + " columns, expected " + expectedColumns);
        }
        for (int j = 0; j < row.length; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException("row column " + j + " is " + row[j]);
            }
        }
    }

    /** Validates {@code rows} and returns a fresh row-major copy (n * d values). */
    public static double[] flatten(double[][] rows, String what) {
        int d = requireMatrix(rows, what);
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return flat;
    }

    /** Splits a row-major array back into fresh rows of width {@code d}. */
    public static double[][] unflatten(double[] flat, int d) {
        int n = flat.length / d;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return rows;
    }
}
