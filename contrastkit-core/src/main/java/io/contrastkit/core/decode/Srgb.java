package io.contrastkit.core.decode;

/** The sRGB transfer of spec section 2.2: the linear value of each integer code, as tables. */
final class Srgb {

    /** Linear value of every 8-bit code, code/255 first as the reference does. */
    static final double[] LINEAR_8 = linearTable(255);
    /** Linear value of every 16-bit code. */
    static final double[] LINEAR_16 = linearTable(65535);

    private Srgb() {
    }

    static double toLinear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Linear value of code/maxCode for every code 0..maxCode. */
    static double[] linearTable(int maxCode) {
        double[] t = new double[maxCode + 1];
        for (int i = 0; i <= maxCode; i++) {
            t[i] = toLinear(i / (double) maxCode);
        }
        return t;
    }
}
