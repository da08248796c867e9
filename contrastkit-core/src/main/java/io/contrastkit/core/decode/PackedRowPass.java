package io.contrastkit.core.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The hot loop of extraction: one row of 8-bit RGB(A) bytes linearised, area-resampled to the
 * working width and counted for clipping, in a single pass. It is the cost that extraction adds to
 * decoding, so it reads whole pixels (an int per pixel, a long per two RGB pixels) instead of byte by
 * byte, tests a pixel for clipping on its packed value, and keeps each cell's geometry in flat arrays.
 *
 * <p>Inside a cell every whole source pixel has the same weight, so the interior is summed first (two
 * partial sums per channel, to keep the adder pipelines busy) and weighted once; only the two partial
 * pixels at the ends get their own weights. This reorders the reference's sum, a difference of a few
 * ulps. A cell's last pixel is counted for clipping by the next cell when they share it.
 */
final class PackedRowPass {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes an RGB row must have readable after its last pixel (that pixel is read as an int). */
    static final int RGB_SLACK = 1;

    private final int target;
    private final int width;
    private final int[] start;
    private final int[] length;
    private final boolean[] lastShared;
    private final double[] firstWeight;
    private final double[] interiorWeight;
    private final double[] lastWeight;

    PackedRowPass(AreaResampler hz) {
        this.target = hz.target;
        this.width = hz.source;
        this.start = hz.start.clone();
        this.length = new int[target];
        this.lastShared = new boolean[target];
        this.firstWeight = new double[target];
        this.interiorWeight = hz.interiorWeight.clone();
        this.lastWeight = new double[target];
        for (int d = 0; d < target; d++) {
            double[] w = hz.weights[d];
            length[d] = w.length;
            firstWeight[d] = w[0];
            lastWeight[d] = w[w.length - 1];
            lastShared[d] = d + 1 < target && hz.start[d + 1] == hz.start[d] + w.length - 1;
        }
    }

    /** Source width in pixels. */
    int width() {
        return width;
    }

    /**
     * 1 when the low 24 bits of {@code x} (a pixel's three colour bytes; the high byte is ignored)
     * are 0x000000 or 0xFFFFFF, else 0; branch-free. Adding 1 maps 0xFFFFFF to 0 (the carry falls outside
     * the mask) and 0 to 1, so exactly these two land below 2 once bit 0 is masked off. It costs half
     * the operations of testing both ends, and the clip count was a third of the pass's time.
     */
    private static int clip24(int x) {
        return (((x + 1) & 0xFFFFFE) - 1) >>> 31;
    }

    /**
     * The channel arrays in the order of their bytes within a pixel: {@code out[k]} receives the
     * channel stored at byte {@code base + k}. Null when the offsets are not the bytes base..base+2.
     */
    private static double[][] byBytePosition(int base, int o0, int o1, int o2, double[] r, double[] g, double[] b) {
        double[][] out = new double[3][];
        int[] offsets = {o0, o1, o2};
        double[][] channels = {r, g, b};
        for (int c = 0; c < 3; c++) {
            int k = offsets[c] - base;
            if (k < 0 || k > 2 || out[k] != null) {
                return null;
            }
            out[k] = channels[c];
        }
        return out;
    }

    /**
     * One row of 3-byte pixels starting at byte {@code row}; {@code o0, o1, o2} are the byte offsets
     * of red, green and blue within a pixel (a permutation of 0, 1, 2). The array must hold
     * {@link #RGB_SLACK} readable bytes after the row. Returns the row's clipped pixels.
     */
    int rgb(byte[] data, int row, int o0, int o1, int o2, double[] r, double[] g, double[] b) {
        double[][] c = byBytePosition(0, o0, o1, o2, r, g, b);
        if (c == null) {
            throw new IllegalArgumentException("RGB byte offsets must be a permutation of 0, 1, 2, got "
                    + o0 + ", " + o1 + ", " + o2);
        }
        // The loop reads bytes at fixed positions (shifts the JIT folds); the arrays follow the byte order.
        return rgb012(data, row, c[0], c[1], c[2]);
    }

    private int rgb012(byte[] data, int row, double[] c0, double[] c1, double[] c2) {
        double[] lut = Srgb.LINEAR_8;
        int clipped = 0;
        for (int d = 0; d < target; d++) {
            int n = length[d];
            int q = row + start[d] * 3;
            if (n < 3) {
                double a0 = 0;
                double a1 = 0;
                double a2 = 0;
                for (int i = 0; i < n; i++, q += 3) {
                    double wi = i == 0 ? firstWeight[d] : lastWeight[d];
                    int x = (int) INT.get(data, q);
                    a0 += wi * lut[x & 0xFF];
                    a1 += wi * lut[(x >>> 8) & 0xFF];
                    a2 += wi * lut[(x >>> 16) & 0xFF];
                    if (i < n - 1 || !lastShared[d]) {
                        clipped += clip24(x);
                    }
                }
                c0[d] = a0;
                c1[d] = a1;
                c2[d] = a2;
                continue;
            }
            int x = (int) INT.get(data, q);
            clipped += clip24(x);
            double w0 = firstWeight[d];
            double a0 = w0 * lut[x & 0xFF];
            double a1 = w0 * lut[(x >>> 8) & 0xFF];
            double a2 = w0 * lut[(x >>> 16) & 0xFF];
            double s00 = 0;
            double s10 = 0;
            double s20 = 0;
            double s01 = 0;
            double s11 = 0;
            double s21 = 0;
            int p = q + 3;
            int end = q + (n - 1) * 3;
            for (; p + 3 < end; p += 6) {
                long v = (long) LONG.get(data, p);
                int x0 = (int) v;
                int x1 = (int) (v >>> 24);
                clipped += clip24(x0) + clip24(x1);
                s00 += lut[x0 & 0xFF];
                s10 += lut[(x0 >>> 8) & 0xFF];
                s20 += lut[(x0 >>> 16) & 0xFF];
                s01 += lut[x1 & 0xFF];
                s11 += lut[(x1 >>> 8) & 0xFF];
                s21 += lut[(x1 >>> 16) & 0xFF];
            }
            if (p < end) {
                int x0 = (int) INT.get(data, p);
                clipped += clip24(x0);
                s00 += lut[x0 & 0xFF];
                s10 += lut[(x0 >>> 8) & 0xFF];
                s20 += lut[(x0 >>> 16) & 0xFF];
            }
            int xl = (int) INT.get(data, end);
            if (!lastShared[d]) {
                clipped += clip24(xl);
            }
            double wm = interiorWeight[d];
            double wl = lastWeight[d];
            c0[d] = a0 + wm * (s00 + s01) + wl * lut[xl & 0xFF];
            c1[d] = a1 + wm * (s10 + s11) + wl * lut[(xl >>> 8) & 0xFF];
            c2[d] = a2 + wm * (s20 + s21) + wl * lut[(xl >>> 16) & 0xFF];
        }
        return clipped;
    }

    /**
     * One row of 4-byte pixels (RGBA and the like, the fourth byte ignored) starting at byte
     * {@code row}; offsets as for {@link #rgb}, within bytes 0..2 or 1..3 of a pixel (others go
     * {@link #bytes byte by byte}). Returns the row's clipped pixels.
     */
    int rgba(byte[] data, int row, int o0, int o1, int o2, double[] r, double[] g, double[] b) {
        double[][] c = byBytePosition(0, o0, o1, o2, r, g, b);
        if (c != null) {
            return rgbx(data, row, 0, c[0], c[1], c[2]);
        }
        c = byBytePosition(1, o0, o1, o2, r, g, b);
        if (c != null) {
            return rgbx(data, row, 8, c[0], c[1], c[2]);
        }
        return bytes(data, row, 4, o0, o1, o2, r, g, b);
    }

    /**
     * 4-byte pixels whose colour bytes, after shifting each pixel right by {@code shift} bits, are
     * bytes 0..2: {@link #rgb012} line for line but for the pixel size. The two stay apart on purpose:
     * one method with the stride and shifts as variables ran about a quarter slower, because the JIT
     * can fold them only as constants.
     */
    private int rgbx(byte[] data, int row, int shift, double[] c0, double[] c1, double[] c2) {
        double[] lut = Srgb.LINEAR_8;
        int clipped = 0;
        for (int d = 0; d < target; d++) {
            int n = length[d];
            int q = row + start[d] * 4;
            if (n < 3) {
                double a0 = 0;
                double a1 = 0;
                double a2 = 0;
                for (int i = 0; i < n; i++, q += 4) {
                    double wi = i == 0 ? firstWeight[d] : lastWeight[d];
                    int x = (int) INT.get(data, q) >>> shift;
                    a0 += wi * lut[x & 0xFF];
                    a1 += wi * lut[(x >>> 8) & 0xFF];
                    a2 += wi * lut[(x >>> 16) & 0xFF];
                    if (i < n - 1 || !lastShared[d]) {
                        clipped += clip24(x);
                    }
                }
                c0[d] = a0;
                c1[d] = a1;
                c2[d] = a2;
                continue;
            }
            int x = (int) INT.get(data, q) >>> shift;
            clipped += clip24(x);
            double w0 = firstWeight[d];
            double a0 = w0 * lut[x & 0xFF];
            double a1 = w0 * lut[(x >>> 8) & 0xFF];
            double a2 = w0 * lut[(x >>> 16) & 0xFF];
            double s00 = 0;
            double s10 = 0;
            double s20 = 0;
            double s01 = 0;
            double s11 = 0;
            double s21 = 0;
            int p = q + 4;
            int end = q + (n - 1) * 4;
            for (; p + 4 < end; p += 8) {
                long v = (long) LONG.get(data, p);
                int x0 = (int) v >>> shift;
                int x1 = (int) (v >>> 32) >>> shift;
                clipped += clip24(x0) + clip24(x1);
                s00 += lut[x0 & 0xFF];
                s10 += lut[(x0 >>> 8) & 0xFF];
                s20 += lut[(x0 >>> 16) & 0xFF];
                s01 += lut[x1 & 0xFF];
                s11 += lut[(x1 >>> 8) & 0xFF];
                s21 += lut[(x1 >>> 16) & 0xFF];
            }
            if (p < end) {
                int x0 = (int) INT.get(data, p) >>> shift;
                clipped += clip24(x0);
                s00 += lut[x0 & 0xFF];
                s10 += lut[(x0 >>> 8) & 0xFF];
                s20 += lut[(x0 >>> 16) & 0xFF];
            }
            int xl = (int) INT.get(data, end) >>> shift;
            if (!lastShared[d]) {
                clipped += clip24(xl);
            }
            double wm = interiorWeight[d];
            double wl = lastWeight[d];
            c0[d] = a0 + wm * (s00 + s01) + wl * lut[xl & 0xFF];
            c1[d] = a1 + wm * (s10 + s11) + wl * lut[(xl >>> 8) & 0xFF];
            c2[d] = a2 + wm * (s20 + s21) + wl * lut[(xl >>> 16) & 0xFF];
        }
        return clipped;
    }

    /**
     * One row byte by byte, for any pixel stride and channel offsets (gray is one offset three
     * times): the general case, slower than {@link #rgb} and {@link #rgba}. Returns the row's
     * clipped pixels.
     */
    int bytes(byte[] data, int row, int ps, int o0, int o1, int o2, double[] r, double[] g, double[] b) {
        if (o0 == o1 && o1 == o2) {
            int clipped = gray(data, row + o0, ps, r);
            System.arraycopy(r, 0, g, 0, target);
            System.arraycopy(r, 0, b, 0, target);
            return clipped;
        }
        double[] lut = Srgb.LINEAR_8;
        int clipped = 0;
        for (int d = 0; d < target; d++) {
            int n = length[d];
            int q = row + start[d] * ps;
            if (n < 3) {
                double ar = 0;
                double ag = 0;
                double ab = 0;
                for (int i = 0; i < n; i++, q += ps) {
                    double wi = i == 0 ? firstWeight[d] : lastWeight[d];
                    int cr = data[q + o0] & 0xFF;
                    int cg = data[q + o1] & 0xFF;
                    int cb = data[q + o2] & 0xFF;
                    ar += wi * lut[cr];
                    ag += wi * lut[cg];
                    ab += wi * lut[cb];
                    if (i < n - 1 || !lastShared[d]) {
                        clipped += clip(cr, cg, cb);
                    }
                }
                r[d] = ar;
                g[d] = ag;
                b[d] = ab;
                continue;
            }
            int cr = data[q + o0] & 0xFF;
            int cg = data[q + o1] & 0xFF;
            int cb = data[q + o2] & 0xFF;
            clipped += clip(cr, cg, cb);
            double w0 = firstWeight[d];
            double ar = w0 * lut[cr];
            double ag = w0 * lut[cg];
            double ab = w0 * lut[cb];
            double sr0 = 0;
            double sg0 = 0;
            double sb0 = 0;
            double sr1 = 0;
            double sg1 = 0;
            double sb1 = 0;
            int p = q + ps;
            int end = q + (n - 1) * ps;
            for (; p + ps < end; p += 2 * ps) {
                int r0 = data[p + o0] & 0xFF;
                int g0 = data[p + o1] & 0xFF;
                int b0 = data[p + o2] & 0xFF;
                int r1 = data[p + ps + o0] & 0xFF;
                int g1 = data[p + ps + o1] & 0xFF;
                int b1 = data[p + ps + o2] & 0xFF;
                clipped += clip(r0, g0, b0) + clip(r1, g1, b1);
                sr0 += lut[r0];
                sg0 += lut[g0];
                sb0 += lut[b0];
                sr1 += lut[r1];
                sg1 += lut[g1];
                sb1 += lut[b1];
            }
            if (p < end) {
                int r0 = data[p + o0] & 0xFF;
                int g0 = data[p + o1] & 0xFF;
                int b0 = data[p + o2] & 0xFF;
                clipped += clip(r0, g0, b0);
                sr0 += lut[r0];
                sg0 += lut[g0];
                sb0 += lut[b0];
            }
            int lr = data[end + o0] & 0xFF;
            int lg = data[end + o1] & 0xFF;
            int lb = data[end + o2] & 0xFF;
            if (!lastShared[d]) {
                clipped += clip(lr, lg, lb);
            }
            double wm = interiorWeight[d];
            double wl = lastWeight[d];
            r[d] = ar + wm * (sr0 + sr1) + wl * lut[lr];
            g[d] = ag + wm * (sg0 + sg1) + wl * lut[lg];
            b[d] = ab + wm * (sb0 + sb1) + wl * lut[lb];
        }
        return clipped;
    }

    /**
     * One gray row (one sample every {@code ps} bytes from byte {@code row}) into one channel: a
     * third of the lookups of three equal channels, with {@link #bytes}'s arithmetic term for term,
     * so the values are the same to the bit. Returns the row's clipped pixels (samples 0 or 255).
     */
    private int gray(byte[] data, int row, int ps, double[] out) {
        double[] lut = Srgb.LINEAR_8;
        int clipped = 0;
        for (int d = 0; d < target; d++) {
            int n = length[d];
            int q = row + start[d] * ps;
            if (n < 3) {
                double a = 0;
                for (int i = 0; i < n; i++, q += ps) {
                    double wi = i == 0 ? firstWeight[d] : lastWeight[d];
                    int c = data[q] & 0xFF;
                    a += wi * lut[c];
                    if (i < n - 1 || !lastShared[d]) {
                        clipped += clip8(c);
                    }
                }
                out[d] = a;
                continue;
            }
            int c = data[q] & 0xFF;
            clipped += clip8(c);
            double a = firstWeight[d] * lut[c];
            double s0 = 0;
            double s1 = 0;
            int p = q + ps;
            int end = q + (n - 1) * ps;
            for (; p + ps < end; p += 2 * ps) {
                int c0 = data[p] & 0xFF;
                int c1 = data[p + ps] & 0xFF;
                clipped += clip8(c0) + clip8(c1);
                s0 += lut[c0];
                s1 += lut[c1];
            }
            if (p < end) {
                int c0 = data[p] & 0xFF;
                clipped += clip8(c0);
                s0 += lut[c0];
            }
            int cl = data[end] & 0xFF;
            if (!lastShared[d]) {
                clipped += clip8(cl);
            }
            out[d] = a + interiorWeight[d] * (s0 + s1) + lastWeight[d] * lut[cl];
        }
        return clipped;
    }

    /** 1 when a gray code is 0 or 255, else 0; branch-free (adding 1 maps both below 2, as in {@link #clip24}). */
    private static int clip8(int c) {
        return (((c + 1) & 0xFE) - 1) >>> 31;
    }

    /** 1 when all three codes are 0 or all are 255, else 0; branch-free. */
    private static int clip(int cr, int cg, int cb) {
        int dark = ((cr | cg | cb) - 1) >>> 31;        // 1 iff all zero
        int light = ((cr & cg & cb) + 1) >>> 8;         // 1 iff all 0xFF
        return dark | light;
    }
}
