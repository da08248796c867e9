package io.contrastkit.core;

/**
 * Mean over a k x k window with mirror borders ({@code d c b a | a b c d | d c b a}, repeated when the
 * window is wider than the image), computed as scipy.ndimage.uniform_filter does: one running-sum pass
 * down the columns, then one along the rows, so results agree to rounding.
 */
final class BoxFilter {

    private BoxFilter() {
    }

    /** Index of position i (any integer) in a line of n samples under symmetric reflection. */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m >= n ? period - 1 - m : m;
    }

    /** Box mean of the {@code height x width} row-major image {@code src} into a new array. */
    static double[] mean(double[] src, int height, int width, int k) {
        double[] tmp = new double[src.length];
        columns(src, tmp, height, width, k);
        double[] out = new double[src.length];
        rows(tmp, out, height, width, k);
        return out;
    }

    private static void columns(double[] src, double[] dst, int height, int width, int k) {
        int r = k / 2;
        double size = k;
        double[] acc = new double[width];
        for (int j = -r; j <= r; j++) {
            int o = reflect(j, height) * width;
            for (int x = 0; x < width; x++) {
                acc[x] += src[o + x];
            }
        }
        for (int x = 0; x < width; x++) {
            acc[x] /= size;
        }
        System.arraycopy(acc, 0, dst, 0, width);
        for (int y = 1; y < height; y++) {
            int add = reflect(y + r, height) * width;
            int sub = reflect(y - r - 1, height) * width;
            int o = y * width;
            for (int x = 0; x < width; x++) {
                acc[x] += (src[add + x] - src[sub + x]) / size;
                dst[o + x] = acc[x];
            }
        }
    }

    private static void rows(double[] src, double[] dst, int height, int width, int k) {
        int r = k / 2;
        double size = k;
        int[] idx = new int[width + 2 * r + 1];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = reflect(i - r - 1, width);
        }
        for (int y = 0; y < height; y++) {
            int o = y * width;
            double acc = 0;
            for (int j = 1; j <= k; j++) {
                acc += src[o + idx[j]];
            }
            acc /= size;
            dst[o] = acc;
            for (int x = 1; x < width; x++) {
                // window of x covers positions x-r .. x+r, i.e. idx[x+1 .. x+k]
                acc += (src[o + idx[x + k]] - src[o + idx[x]]) / size;
                dst[o + x] = acc;
            }
        }
    }

    /**
     * {@code x / d}, correctly rounded, from {@code inv = 1 / d} (correctly rounded) by one correction step
     * (Markstein's: the remainder {@code x - q d} is exact in a fused multiply-add, and {@code q + r inv} then
     * rounds to the correctly rounded quotient). Two fused multiply-adds and a multiplication pipeline, where
     * the divider would make the box means wait; {@code InternalsTest.divideIsExactlyDivision} checks it.
     */
    static double divide(double x, double d, double inv) {
        double q = x * inv;
        double r = Math.fma(-q, d, x);
        return Math.fma(r, inv, q);
    }

    /**
     * The local-contrast map of spec section 6.3, {@code sqrt(max(box(Y^2) - box(Y)^2, 0)) / (box(Y) + floor)},
     * into {@code lc}, with the two box means fused into one sweep: the column running means of Y and
     * Y^2 are kept for one output row at a time and the row running means taken from them at once, so
     * neither mean image (nor Y^2) is ever stored. The recurrences are {@link #mean}'s (scipy's), and so are
     * the results, bit for bit: each update's division by {@code k} is {@link #divide}'s, exactly rounded
     * without a division instruction. (A plain multiplication by {@code 1/k} is an ulp off now and then, and
     * in flat windows, where the map is the square root of a rounding-sized difference, that moves the map's
     * mean by up to 3e-7.)
     *
     * @param stats  receives the sum, the least and the greatest value of the map in {@code stats[0..2]}
     * @param counts receives the histogram of the map over {@link Percentiles#logBucketOf}'s buckets
     */
    static void localContrast(double[] y, int height, int width, int k, double floor, double[] lc, double[] stats,
            int[] counts) {
        int r = k / 2;
        double size = k;
        double inv = 1.0 / k;
        double[] colY = new double[width];
        double[] colY2 = new double[width];
        for (int j = -r; j <= r; j++) {
            int o = reflect(j, height) * width;
            for (int x = 0; x < width; x++) {
                double v = y[o + x];
                colY[x] += v;
                colY2[x] += v * v;
            }
        }
        for (int x = 0; x < width; x++) {
            colY[x] /= size;
            colY2[x] /= size;
        }
        int padded = width + 2 * r + 1;
        int[] idx = new int[padded];
        for (int i = 0; i < padded; i++) {
            idx[i] = reflect(i - r - 1, width);
        }
        double[] padY = new double[padded];
        double[] padY2 = new double[padded];
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int row = 0; row < height; row++) {
            if (row > 0) {
                int add = reflect(row + r, height) * width;
                int sub = reflect(row - r - 1, height) * width;
                for (int x = 0; x < width; x++) {
                    double a = y[add + x];
                    double b = y[sub + x];
                    colY[x] += divide(a - b, size, inv);
                    colY2[x] += divide(a * a - b * b, size, inv);
                }
            }
            // The row, reflected at both ends: padded position i holds column idx[i].
            for (int i = 0; i < padded; i++) {
                padY[i] = colY[idx[i]];
                padY2[i] = colY2[idx[i]];
            }
            double acc = 0;
            double acc2 = 0;
            for (int j = 1; j <= k; j++) {
                acc += padY[j];
                acc2 += padY2[j];
            }
            acc /= size;
            acc2 /= size;
            int o = row * width;
            for (int x = 0; x < width; x++) {
                if (x > 0) {
                    // window of x covers positions x-r .. x+r, i.e. padded x+1 .. x+k
                    acc += divide(padY[x + k] - padY[x], size, inv);
                    acc2 += divide(padY2[x + k] - padY2[x], size, inv);
                }
                double v = Math.sqrt(Math.max(acc2 - acc * acc, 0.0)) / (acc + floor);
                lc[o + x] = v;
                sum += v;
                counts[Percentiles.logBucketOf(v)]++;
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            }
        }
        stats[0] = sum;
        stats[1] = min;
        stats[2] = max;
    }
}
