package io.contrastkit.core;

import java.util.Objects;

/**
 * Computes the contrast feature vector {@code contrast-features/v1} (docs/contrast-features-v1.md) of a working
 * image ({@link io.contrastkit.core.decode.ImageDecoder} makes one from encoded bytes). Stateless apart
 * from its options: thread-safe and reusable.
 */
public final class ContrastFeatureExtractor {

    static final double EPS = 1e-8;
    /** Local mean floor: Weber contrast means nothing in (near-)black windows. */
    static final double LC_FLOOR = 1e-3;
    /** Chroma mean floor, below one just-noticeable difference, so gray images stay at ~0. */
    static final double CHROMA_FLOOR = 1.0;
    static final double FLAT_STD = 1e-10;
    static final double CHROMATIC = 5.0;

    private final ExtractionOptions options;

    public ContrastFeatureExtractor(ExtractionOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** An extractor with {@link ExtractionOptions#defaults()}. */
    public ContrastFeatureExtractor() {
        this(ExtractionOptions.defaults());
    }

    public ExtractionOptions options() {
        return options;
    }

    public FeatureSchema schema() {
        return FeatureSchema.V1;
    }

    /** The 20 features of a working image, in schema order; always finite. */
    public FeatureVector extract(LinearImage image) {
        int h = image.height();
        int w = image.width();
        int n = w * h;
        double[] out = new double[20];
        double[] y = scratch(0, n);
        // Histogram of Y: 4096 bins over [0, 1]. Entropy's 256 bins are its groups of 16 (scaling by
        // 4096 and by 256 is exact, so floor(4096 Y) >> 4 == floor(256 Y)); the percentiles of Y
        // start from it too.
        int[] counts = new int[Percentiles.BUCKETS];

        // One pass over the pixels: Y, its sum and histogram, and the colour features 16-19.
        double sum = colour(image, y, counts, out);

        // 1-8: statistics of Y.
        double mean = sum / n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double std = Math.sqrt(m2);
        boolean flat = std <= FLAT_STD;
        double entropy = 0;
        for (int bin = 0; bin < 256; bin++) {
            long c = 0;
            for (int j = 0; j < 16; j++) {
                c += counts[16 * bin + j];
            }
            if (c > 0) {
                double p = c / (double) n;
                entropy -= p * (Math.log(p) / Math.log(2));
            }
        }
        double v1 = 0.01 * (n - 1);
        double v99 = 0.99 * (n - 1);
        int k1 = (int) Math.floor(v1);
        int k99 = (int) Math.floor(v99);
        double[] s = new double[4];
        Percentiles.fromCounts(y, n, counts, 0.0, Percentiles.BUCKETS,
                new int[] {k1, Math.min(k1 + 1, n - 1), k99, Math.min(k99 + 1, n - 1)}, s);
        double p1 = Percentiles.lerp(s[0], s[1], v1 - k1);
        double p99 = Percentiles.lerp(s[2], s[3], v99 - k99);
        out[0] = std / (mean + EPS);
        out[1] = p99 - p1;
        out[2] = (p99 - p1) / (p99 + p1 + EPS);
        out[3] = entropy;
        out[4] = mean;
        out[5] = std;
        out[6] = flat ? 0 : m3 / Math.pow(m2, 1.5);
        out[7] = flat ? 0 : m4 / (m2 * m2) - 3.0;

        // 9-12: spectrum.
        double[] spectral = new double[4];
        Spectrum.features(y, h, w, mean, flat, spectral);
        System.arraycopy(spectral, 0, out, 8, 4);

        // 13-15: local contrast map.
        localContrast(y, h, w, options.window(), scratch(1, n), out);

        out[19] = image.clippedFraction();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                // The definitions are finite for every image; a non-finite value is a bug to hear about.
                throw new IllegalStateException("feature " + FeatureSchema.V1.names().get(i) + " came out "
                        + out[i] + " for " + image);
            }
        }
        return new FeatureVector(FeatureSchema.V1, out);
    }

    /** Images up to this many pixels reuse per-thread work arrays; larger ones allocate their own. */
    private static final int KEEP_PIXELS = 1 << 20;
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][0]);

    /** A work array of at least n values (contents undefined), per thread and slot for small images. */
    static double[] scratch(int slot, int n) {
        if (n > KEEP_PIXELS) {
            return new double[n];
        }
        double[][] kept = SCRATCH.get();
        if (kept[slot].length < n) {
            kept[slot] = new double[n];
        }
        return kept[slot];
    }

    static void localContrast(double[] y, int h, int w, int k, double[] lc, double[] out) {
        int n = h * w;
        double[] stats = new double[3];
        BoxFilter.localContrast(y, h, w, k, LC_FLOOR, lc, stats);
        double mean = stats[0] / n;
        double min = stats[1];
        double max = stats[2];
        // Second pass: the squared deviations and the histogram that narrows the 99th percentile.
        double ss = 0;
        int[] counts = new int[Percentiles.BUCKETS];
        double scale = max > min ? Percentiles.BUCKETS / (max - min) : 0;
        for (int i = 0; i < n; i++) {
            double v = lc[i];
            double d = v - mean;
            ss += d * d;
            counts[Percentiles.bucketOf(v, min, scale, Percentiles.BUCKETS)]++;
        }
        out[12] = mean;
        out[13] = Math.sqrt(ss / n);
        double v = 0.99 * (n - 1);
        int kk = (int) Math.floor(v);
        double[] s = new double[2];
        if (max > min) {
            Percentiles.fromCounts(lc, n, counts, min, scale, new int[] {kk, Math.min(kk + 1, n - 1)}, s);
        } else {
            s[0] = s[1] = min;
        }
        out[14] = Percentiles.lerp(s[0], s[1], v - kk);
    }

    /**
     * Fills {@code y[0..n)} with the linear luminance, counts its histogram (4096 bins over [0, 1]) and
     * writes features 16-19 into {@code out}, in one pass over the planes; returns the sum of Y.
     * L and C are summed as deviations from the first pixel's value (their squares too), which gives the
     * variance in the same pass without the cancellation of raw power sums.
     */
    static double colour(LinearImage image, double[] y, int[] counts, double[] out) {
        double[] r = image.red;
        double[] g = image.green;
        double[] b = image.blue;
        int n = r.length;
        double sumY = 0;
        double shiftL = Double.NaN;
        double shiftC = Double.NaN;
        double sumL = 0;
        double sumLL = 0;
        double sumC = 0;
        double sumCC = 0;
        double cosSum = 0;
        double sinSum = 0;
        long chromatic = 0;
        for (int i = 0; i < n; i++) {
            double rv = r[i];
            double gv = g[i];
            double bv = b[i];
            double yv = Colour.luminance(rv, gv, bv);
            y[i] = yv;
            sumY += yv;
            counts[Math.min((int) (yv * Percentiles.BUCKETS), Percentiles.BUCKETS - 1)]++;
            double fx = Colour.labF((rv * Colour.XR + gv * Colour.XG + bv * Colour.XB) * Colour.INV_XN);
            double fy = Colour.labF(yv); // Yn = 1
            double fz = Colour.labF((rv * Colour.ZR + gv * Colour.ZG + bv * Colour.ZB) * Colour.INV_ZN);
            double lightness = 116 * fy - 16;
            double la = 500 * (fx - fy);
            double lb = 200 * (fy - fz);
            double c = Math.sqrt(la * la + lb * lb);
            if (i == 0) {
                shiftL = lightness;
                shiftC = c;
            }
            double dl = lightness - shiftL;
            double dc = c - shiftC;
            sumL += dl;
            sumLL += dl * dl;
            sumC += dc;
            sumCC += dc * dc;
            if (c > CHROMATIC) {
                // cos and sin of atan2(b, a), without the trigonometry (one division, not two)
                double inv = 1 / c;
                cosSum += la * inv;
                sinSum += lb * inv;
                chromatic++;
            }
        }
        double dMeanL = sumL / n;
        double dMeanC = sumC / n;
        double meanL = shiftL + dMeanL;
        double meanC = shiftC + dMeanC;
        double varL = Math.max(sumLL / n - dMeanL * dMeanL, 0);
        double varC = Math.max(sumCC / n - dMeanC * dMeanC, 0);
        out[15] = Math.sqrt(varL) / (meanL + EPS);
        out[16] = Math.sqrt(varC) / (meanC + CHROMA_FLOOR);
        out[17] = meanC;
        out[18] = chromatic == 0 ? 0 : 1.0 - Math.hypot(cosSum / chromatic, sinSum / chromatic);
        return sumY;
    }
}
