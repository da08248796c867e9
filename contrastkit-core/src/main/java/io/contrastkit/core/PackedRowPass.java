package io.contrastkit.core;

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

    /** 1 when a packed 24-bit pixel is 0x000000 or 0xFFFFFF, else 0; branch-free. */
    private static int clip(int x) {
        return ((x - 1) >>> 31) | ((x + 1) >>> 24);
    }

    /**
     * One row of 3-byte pixels starting at byte {@code row}; {@code s0, s1, s2} are the bit shifts
     * (8 times the byte offsets) of red, green and blue within a pixel. The array must hold
     * {@link #RGB_SLACK} readable bytes after the row. Returns the row's clipped pixels.
     */
    int rgb(byte[] data, int row, int s0, int s1, int s2, double[] r, double[] g, double[] b) {
        double[] lut = Colour.LINEAR_8;
        int clipped = 0;
        for (int d = 0; d < target; d++) {
            int n = length[d];
            int q = row + start[d] * 3;
            if (n < 3) {
                double ar = 0;
                double ag = 0;
                double ab = 0;
                for (int i = 0; i < n; i++, q += 3) {
                    double wi = i == 0 ? firstWeight[d] : lastWeight[d];
                    int x = (int) INT.get(data, q) & 0xFFFFFF;
                    ar += wi * lut[(x >>> s0) & 0xFF];
                    ag += wi * lut[(x >>> s1) & 0xFF];
                    ab += wi * lut[(x >>> s2) & 0xFF];
                    if (i < n - 1 || !lastShared[d]) {
                        clipped += clip(x);
                    }
                }
                r[d] = ar;
                g[d] = ag;
                b[d] = ab;
                continue;
            }
            int x = (int) INT.get(data, q) & 0xFFFFFF;
            clipped += clip(x);
            double w0 = firstWeight[d];
            double ar = w0 * lut[(x >>> s0) & 0xFF];
            double ag = w0 * lut[(x >>> s1) & 0xFF];
            double ab = w0 * lut[(x >>> s2) & 0xFF];
            double sr0 = 0;
            double sg0 = 0;
            double sb0 = 0;
            double sr1 = 0;
            double sg1 = 0;
            double sb1 = 0;
            int p = q + 3;
            int end = q + (n - 1) * 3;
            for (; p + 3 < end; p += 6) {
                long v = (long) LONG.get(data, p);
                int x0 = (int) v & 0xFFFFFF;
                int x1 = (int) (v >>> 24) & 0xFFFFFF;
                clipped += clip(x0) + clip(x1);
                sr0 += lut[(x0 >>> s0) & 0xFF];
                sg0 += lut[(x0 >>> s1) & 0xFF];
                sb0 += lut[(x0 >>> s2) & 0xFF];
                sr1 += lut[(x1 >>> s0) & 0xFF];
                sg1 += lut[(x1 >>> s1) & 0xFF];
                sb1 += lut[(x1 >>> s2) & 0xFF];
            }
            if (p < end) {
                int x0 = (int) INT.get(data, p) & 0xFFFFFF;
                clipped += clip(x0);
                sr0 += lut[(x0 >>> s0) & 0xFF];
                sg0 += lut[(x0 >>> s1) & 0xFF];
                sb0 += lut[(x0 >>> s2) & 0xFF];
            }
            int xl = (int) INT.get(data, end) & 0xFFFFFF;
            if (!lastShared[d]) {
                clipped += clip(xl);
            }
            double wm = interiorWeight[d];
            double wl = lastWeight[d];
            r[d] = ar + wm * (sr0 + sr1) + wl * lut[(xl >>> s0) & 0xFF];
            g[d] = ag + wm * (sg0 + sg1) + wl * lut[(xl >>> s1) & 0xFF];
            b[d] = ab + wm * (sb0 + sb1) + wl * lut[(xl >>> s2) & 0xFF];
        }
        return clipped;
    }

    /**
     * One row of 4-byte pixels (RGBA and the like, the fourth byte ignored) starting at byte
     * {@code row}; shifts as for {@link #rgb}. Returns the row's clipped pixels.
     */
    int rgba(byte[] data, int row, int s0, int s1, int s2, double[] r, double[] g, double[] b) {
        double[] lut = Colour.LINEAR_8;
        // The three colour bytes, wherever the ignored one sits, packed for the clipping test.
        int colourMask = (0xFF << s0) | (0xFF << s1) | (0xFF << s2);
        int clipped = 0;
        for (int d = 0; d < target; d++) {
            int n = length[d];
            int q = row + start[d] * 4;
            double w0 = firstWeight[d];
            double wm = interiorWeight[d];
            double wl = lastWeight[d];
            double ar = 0;
            double ag = 0;
            double ab = 0;
            for (int i = 0; i < n; i++, q += 4) {
                double wi = i == 0 ? w0 : i == n - 1 ? wl : wm;
                int x = (int) INT.get(data, q);
                ar += wi * lut[(x >>> s0) & 0xFF];
                ag += wi * lut[(x >>> s1) & 0xFF];
                ab += wi * lut[(x >>> s2) & 0xFF];
                if (i < n - 1 || !lastShared[d]) {
                    int c = x & colourMask;
                    clipped += (c == 0 || c == colourMask) ? 1 : 0;
                }
            }
            r[d] = ar;
            g[d] = ag;
            b[d] = ab;
        }
        return clipped;
    }

    /**
     * One row byte by byte, for any pixel stride and channel offsets (gray is one offset three
     * times): the general case, slower than {@link #rgb} and {@link #rgba}. Returns the row's
     * clipped pixels.
     */
    int bytes(byte[] data, int row, int ps, int o0, int o1, int o2, double[] r, double[] g, double[] b) {
        double[] lut = Colour.LINEAR_8;
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

    /** 1 when all three codes are 0 or all are 255, else 0; branch-free. */
    private static int clip(int cr, int cg, int cb) {
        int dark = ((cr | cg | cb) - 1) >>> 31;        // 1 iff all zero
        int light = ((cr & cg & cb) + 1) >>> 8;         // 1 iff all 0xFF
        return dark | light;
    }
}
