package io.contrastkit.core;

import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;
import org.jtransforms.fft.DoubleFFT_2D;

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
     * @param y     luminance, row-major height x width (not modified)
     * @param flat  whether std(Y) <= 1e-10, in which case all four are 0
     */
    static void features(double[] y, int height, int width, double mean, boolean flat, double[] out) {
        out[0] = out[1] = out[2] = out[3] = 0;
        if (flat) {
            return;
        }
        double[] wy = hann(height);
        double[] wx = hann(width);
        // realForwardFull wants room for the complex result: 2 doubles per bin.
        double[] a = new double[2 * height * width];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                a[r * width + c] = (y[r * width + c] - mean) * (wy[r] * wx[c]);
            }
        }
        if (height > 1 && width > 1) {
            new DoubleFFT_2D(height, width).realForwardFull(a);
        } else {
            // JTransforms' 2-D transform needs two of each; a single line is its own 1-D transform,
            // with the same interleaved layout (bin k at a[2k], a[2k+1]).
            new DoubleFFT_1D((long) height * width).realForwardFull(a);
        }

        double[] fy = fftfreq(height);
        double[] fx = fftfreq(width);
        double total = 0;
        double low = 0;
        double high = 0;
        double[] ringSum = new double[RINGS];
        long[] ringCount = new long[RINGS];
        for (int r = 0; r < height; r++) {
            double fy2 = fy[r] * fy[r];
            int row = 2 * r * width;
            for (int c = 0; c < width; c++) {
                double re = a[row + 2 * c];
                double im = a[row + 2 * c + 1];
                double p = re * re + im * im;
                double rn = Math.sqrt(fy2 + fx[c] * fx[c]) / 0.5;
                if (rn > 0) {
                    total += p;
                    if (rn <= 0.125) {
                        low += p;
                    }
                    if (rn > 0.5) {
                        high += p;
                    }
                    if (rn <= 1.0) {
                        int ring = (int) Math.ceil(rn * RINGS) - 1;
                        ringSum[ring] += p;
                        ringCount[ring]++;
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
