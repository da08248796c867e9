package io.contrastkit.bench.baseline;

/**
 * The colour science of spec sections 2.4-2.5 on linear values: luminance and CIELAB (D65). The sRGB
 * transfer (codes to linear values) is the decoder's ({@code decode.Srgb}): only decoding sees codes.
 */
final class Colour {

    static final double YR = 0.2126729;
    static final double YG = 0.7151522;
    static final double YB = 0.0721750;
    private static final double XR = 0.4124564, XG = 0.3575761, XB = 0.1804375;
    private static final double ZR = 0.0193339, ZG = 0.1191920, ZB = 0.9503041;
    private static final double XN = 0.95047, YN = 1.0, ZN = 1.08883;
    private static final double D = 6.0 / 29.0;
    private static final double D3 = D * D * D;
    private static final double LIN_SLOPE = 3 * D * D;
    private static final double LIN_OFFSET = 4.0 / 29.0;

    private Colour() {
    }

    static double luminance(double r, double g, double b) {
        return r * YR + g * YG + b * YB;
    }

    static double labF(double t) {
        return t > D3 ? cbrt(t) : t / LIN_SLOPE + LIN_OFFSET;
    }

    /**
     * Cube root to within 1 ulp of {@link Math#cbrt}, about three times faster:
     * CIELAB takes three per pixel and was the extractor's largest cost. Over [2^-8, 2) (every value
     * CIELAB's cube-root branch sees) it evaluates a degree-6 Taylor polynomial around the middle of one
     * of 64 bins per binade, without a division; the truncation error there is below 1e-17 relative.
     * Elsewhere (never from CIELAB) it is {@link Math#cbrt}.
     */
    static double cbrt(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int bin = (int) (bits >>> (52 - BIN_BITS)) - CBRT_FIRST_BIN;
        if (bin < 0 || bin >= CBRT_BINS) {
            return Math.cbrt(x);
        }
        double[] c = CBRT_TABLE;
        int o = bin << 3;
        // x and the bin's middle share a binade, so the difference is exact.
        double d = x - c[o + 7];
        double d2 = d * d;
        // The high-order terms in pairs (Estrin) to shorten the chain of dependent operations; the last
        // three in Horner's order, which keeps the result within 1 ulp (all-Estrin drifts to 2).
        double high = (c[o + 3] + d * c[o + 4]) + d2 * (c[o + 5] + d * c[o + 6]);
        return c[o] + d * (c[o + 1] + d * (c[o + 2] + d * high));
    }

    private static final int BIN_BITS = 6;
    private static final int CBRT_DEGREE = 6;
    /** Binades 2^-8 .. 2^0: 9 of them, from just below (6/29)^3 = 0.0089 to 2. */
    private static final int CBRT_FIRST_BIN = (1023 - 8) << BIN_BITS;
    private static final int CBRT_BINS = 9 << BIN_BITS;
    /** Per bin, 8 doubles (one cache line's worth): the 7 Taylor coefficients, then the bin's middle. */
    private static final double[] CBRT_TABLE = new double[CBRT_BINS * 8];

    static {
        // cbrt(m + d) = cbrt(m) * sum_k binom(1/3, k) (d/m)^k; within a bin |d/m| <= 1/128, so the
        // first term left out is below 0.03 * 128^-7 ~ 5e-17 of the value.
        for (int bin = 0; bin < CBRT_BINS; bin++) {
            long lo = (long) (CBRT_FIRST_BIN + bin) << (52 - BIN_BITS);
            double a = Double.longBitsToDouble(lo);
            double b = Double.longBitsToDouble(lo + (1L << (52 - BIN_BITS)));
            double m = (a + b) / 2;
            double root = Math.cbrt(m);
            double binomial = 1;
            double mk = 1;
            for (int k = 0; k <= CBRT_DEGREE; k++) {
                CBRT_TABLE[bin * 8 + k] = root * binomial / mk;
                binomial *= (1.0 / 3 - k) / (k + 1);
                mk *= m;
            }
            CBRT_TABLE[bin * 8 + 7] = m;
        }
    }

    /**
     * CIELAB of one linear RGB pixel into {@code lab[0..2]} (L, a, b).
     */
    static void lab(double r, double g, double b, double[] lab) {
        double fx = labF((r * XR + g * XG + b * XB) / XN);
        double fy = labF((r * YR + g * YG + b * YB) / YN);
        double fz = labF((r * ZR + g * ZG + b * ZB) / ZN);
        lab[0] = 116 * fy - 16;
        lab[1] = 500 * (fx - fy);
        lab[2] = 200 * (fy - fz);
    }
}
