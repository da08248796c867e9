package io.contrastkit.core;

import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/** Features 9-12 of spec section 3: shares of spectral power and the slope of the radial profile. */
final class Spectrum {

    static final int RINGS = 32;

    static {
        // contrastkit parallelises across images, so the FFT runs on the calling thread. JTransforms'
        // own pool would oversubscribe the cores, and its non-daemon threads keep a finished JVM
        // alive for a minute.
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private Spectrum() {
    }

    /**
     * Writes low_freq_energy, high_freq_energy, freq_ratio, spectral_slope into out[0..3].
     *
     * <p>The input is real, so only the non-negative column frequencies are transformed (numpy's
     * rfft2): each column but the first (and, for even widths, the last) stands for itself and its
     * mirror, which has the same power and radius, so it counts twice. That halves the transform
     * and the binning; the sums come out in a different order, a difference of a few ulps.
     *
     * @param y     luminance, row-major height x width (not modified)
     * @param flat  whether std(Y) <= 1e-10, in which case all four are 0
     */
    static void features(double[] y, int height, int width, double mean, boolean flat, double[] out) {
        out[0] = out[1] = out[2] = out[3] = 0;
        if (flat) {
            return;
        }
        Plan plan = Plan.of(height, width);
        double[] wy = plan.windowY;
        double[] wx = plan.windowX;
        double[] a = plan.work != null ? plan.work : new double[height * width];
        for (int r = 0; r < height; r++) {
            int o = r * width;
            double wr = wy[r];
            for (int c = 0; c < width; c++) {
                a[o + c] = (y[o + c] - mean) * (wr * wx[c]);
            }
            if (plan.rowFft != null) {
                plan.rowFft.realForward(a, o);
            }
        }
        int half = plan.half;
        double[][] columns = plan.columns;
        double total = 0;
        double low = 0;
        double high = 0;
        double[] ringSum = new double[RINGS];
        long[] ringCount = new long[RINGS];
        int[] code = plan.code;
        // Columns in blocks: each row contributes a short contiguous run of the block's columns, so the
        // gathering walks memory row by row instead of striding down one column at a time.
        for (int k0 = 0; k0 < half; k0 += BLOCK) {
            int k1 = Math.min(half, k0 + BLOCK);
            for (int r = 0; r < height; r++) {
                int o = r * width;
                for (int k = k0; k < k1; k++) {
                    double re;
                    double im;
                    if (k == 0) {
                        re = a[o];
                        im = 0;
                    } else if (2 * k == width) {
                        re = a[o + 1];
                        im = 0;
                    } else if (width % 2 == 1 && 2 * k == width - 1) {
                        re = a[o + width - 1];
                        im = a[o + 1];
                    } else {
                        re = a[o + 2 * k];
                        im = a[o + 2 * k + 1];
                    }
                    double[] column = columns[k - k0];
                    column[2 * r] = re;
                    column[2 * r + 1] = im;
                }
            }
            for (int k = k0; k < k1; k++) {
                double[] column = columns[k - k0];
                if (plan.columnFft != null) {
                    plan.columnFft.complexForward(column);
                }
                double multiplicity = k == 0 || 2 * k == width ? 1 : 2;
                for (int r = 0; r < height; r++) {
                    int c = code[r * half + k];
                    if (c == DC) {
                        continue;
                    }
                    double re = column[2 * r];
                    double im = column[2 * r + 1];
                    double p = multiplicity * (re * re + im * im);
                    total += p;
                    if ((c & LOW) != 0) {
                        low += p;
                    }
                    if ((c & HIGH) != 0) {
                        high += p;
                    }
                    int ring = c & RING;
                    if (ring != NO_RING) {
                        ringSum[ring] += p;
                        ringCount[ring] += (long) multiplicity;
                    }
                }
            }
        }
        if (total <= 0) {
            return;
        }
        out[0] = low / total;
        out[1] = high / total;
        out[2] = out[1] / (out[0] + ContrastFeatureExtractor.EPS);
        out[3] = slope(ringSum, ringCount);
    }

    /** Columns gathered and transformed together. */
    private static final int BLOCK = 8;
    /** Sizes up to this many pixels keep their work array in the per-thread plan (the extractor's bound). */
    private static final int KEEP_PIXELS = ContrastFeatureExtractor.KEEP_PIXELS;
    private static final int RING = 0xFF;
    private static final int NO_RING = 0xFF;
    private static final int LOW = 1 << 8;
    private static final int HIGH = 1 << 9;
    private static final int DC = 1 << 10;

    /**
     * What depends on the size alone: windows, transforms and each half-spectrum bin's class (DC,
     * low, high, ring). A collection's images mostly share a working size, so each thread keeps
     * the plans of the last few sizes.
     */
    private static final class Plan {
        private static final int KEEP = 4;
        private static final ThreadLocal<java.util.LinkedHashMap<Long, Plan>> CACHE = ThreadLocal.withInitial(
                () -> new java.util.LinkedHashMap<>(8, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(java.util.Map.Entry<Long, Plan> eldest) {
                        return size() > KEEP;
                    }
                });

        final double[] windowY;
        final double[] windowX;
        final DoubleFFT_1D rowFft;
        final DoubleFFT_1D columnFft;
        final int half;
        final int[] code;
        /** The transform's work array (kept for sizes up to KEEP_PIXELS, else null) and column buffers. */
        final double[] work;
        final double[][] columns;

        static Plan of(int height, int width) {
            return CACHE.get().computeIfAbsent(((long) height << 32) | width, key -> new Plan(height, width));
        }

        private Plan(int height, int width) {
            windowY = hann(height);
            windowX = hann(width);
            rowFft = width > 1 ? new DoubleFFT_1D(width) : null;
            columnFft = height > 1 ? new DoubleFFT_1D(height) : null;
            half = width / 2 + 1;
            code = new int[height * half];
            work = (long) height * width <= KEEP_PIXELS ? new double[height * width] : null;
            columns = new double[Math.min(BLOCK, half)][2 * height];
            double[] fy = fftfreq(height);
            double[] fx = fftfreq(width);
            for (int r = 0; r < height; r++) {
                for (int k = 0; k < half; k++) {
                    double rn = Math.sqrt(fy[r] * fy[r] + fx[k] * fx[k]) / 0.5;
                    int c;
                    if (rn > 0) {
                        c = rn <= 1.0 ? (int) Math.ceil(rn * RINGS) - 1 : NO_RING;
                        if (rn <= 0.125) {
                            c |= LOW;
                        }
                        if (rn > 0.5) {
                            c |= HIGH;
                        }
                    } else {
                        c = DC;
                    }
                    code[r * half + k] = c;
                }
            }
        }
    }

    /** Least-squares slope of log10(ring power) on log10((ring + 0.5) / 32) over usable rings. */
    private static double slope(double[] ringSum, long[] ringCount) {
        double[] xs = new double[RINGS];
        double[] ys = new double[RINGS];
        int n = 0;
        for (int i = 0; i < RINGS; i++) {
            if (ringCount[i] > 0 && ringSum[i] > 0) {
                xs[n] = Math.log10((i + 0.5) / RINGS);
                ys[n] = Math.log10(ringSum[i] / ringCount[i]);
                n++;
            }
        }
        if (n < 2) {
            return 0;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += xs[i];
            my += ys[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
        }
        return sxy / sxx;
    }

    /** numpy.hanning: symmetric, hann(1) = [1]. */
    static double[] hann(int n) {
        double[] w = new double[n];
        if (n == 1) {
            w[0] = 1;
            return w;
        }
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
        }
        return w;
    }

    /** numpy.fft.fftfreq(n): integer frequencies times 1/n, non-negative first. */
    static double[] fftfreq(int n) {
        double val = 1.0 / n;
        double[] f = new double[n];
        int positive = (n - 1) / 2 + 1;
        for (int i = 0; i < positive; i++) {
            f[i] = i * val;
        }
        for (int i = positive; i < n; i++) {
            f[i] = (i - n) * val;
        }
        return f;
    }
}
