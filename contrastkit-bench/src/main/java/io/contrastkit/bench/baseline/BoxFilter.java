package io.contrastkit.bench.baseline;

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
}
