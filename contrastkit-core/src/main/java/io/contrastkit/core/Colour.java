package io.contrastkit.core;

/** The colour science of spec sections 2.2-2.5: sRGB transfer, luminance, CIELAB (D65). */
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

    /** Linear value of every 8-bit code, code/255 first as the reference does. */
    static final double[] LINEAR_8 = linearTable(255);
    /** Linear value of every 16-bit code. */
    static final double[] LINEAR_16 = linearTable(65535);

    private Colour() {
    }

    static double srgbToLinear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Linear value of code/maxCode for every code 0..maxCode. */
    static double[] linearTable(int maxCode) {
        double[] t = new double[maxCode + 1];
        for (int i = 0; i <= maxCode; i++) {
            t[i] = srgbToLinear(i / (double) maxCode);
        }
        return t;
    }

    static double luminance(double r, double g, double b) {
        return r * YR + g * YG + b * YB;
    }

    static double labF(double t) {
        return t > D3 ? cbrt(t) : t / LIN_SLOPE + LIN_OFFSET;
    }

    /**
     * Cube root of a positive normal double to within 1 ulp of {@link Math#cbrt}, about three times
     * faster: CIELAB takes three per pixel and was the extractor's largest cost. A bit-level first
     * guess (exponent / 3, ~5 bits), two Halley steps (cubic convergence) and one Newton step.
     */
    static double cbrt(double x) {
        double y = Double.longBitsToDouble(Double.doubleToRawLongBits(x) / 3 + 0x2A9F7893782DA1CEL);
        double y3 = y * y * y;
        y = y * (y3 + x + x) / (y3 + y3 + x);
        y3 = y * y * y;
        y = y * (y3 + x + x) / (y3 + y3 + x);
        return y - (y * y * y - x) / (3 * y * y);
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
