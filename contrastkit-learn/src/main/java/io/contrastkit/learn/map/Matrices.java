package io.contrastkit.learn.map;

/** Checks and flattens the row-major matrices that enter this package. */
final class Matrices {

    private Matrices() {
    }

    /** Copies {@code rows} into one row-major array after checking shape and values; names what is wrong. */
    static double[] flatten(String name, double[][] rows, int expectedColumns) {
        if (rows == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException(name + " has no rows");
        }
        if (rows[0] == null) {
            throw new IllegalArgumentException(name + " row 0 is null");
        }
        int d = expectedColumns > 0 ? expectedColumns : rows[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(name + " has no columns");
        }
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null) {
                throw new IllegalArgumentException(name + " row " + i + " is null");
            }
            if (row.length != d) {
                throw new IllegalArgumentException(
                        name + " row " + i + " has " + row.length + " columns, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                double v = row[j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + " row " + i + " column " + j + " is " + v);
                }
                flat[i * d + j] = v;
            }
        }
        return flat;
    }

    /** Column-major copy of a row-major {@code n x d} array: distance loops then run along contiguous columns. */
    static double[] transpose(double[] flat, int n, int d) {
        double[] t = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                t[j * n + i] = flat[i * d + j];
            }
        }
        return t;
    }

    static double[][] unflatten(double[] flat, int n, int d) {
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return rows;
    }
}
