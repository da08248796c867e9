package io.contrastkit.bench.baseline;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.FeatureVector;
import java.util.Objects;

/**
 * A frozen copy of core's extractor as it was before issue 14's rework (commit 8805867), kept in the bench
 * module only so that JMH can measure the old and the new implementation side by side in one run. It
 * takes the linear planes directly, since {@code LinearImage}'s planes are core-private.
 */
public final class BaselineExtractor {

    static final double EPS = 1e-8;
    /** Local mean floor: Weber contrast means nothing in (near-)black windows. */
    static final double LC_FLOOR = 1e-3;
    /** Chroma mean floor, below one just-noticeable difference, so gray images stay at ~0. */
    static final double CHROMA_FLOOR = 1.0;
    static final double FLAT_STD = 1e-10;
    static final double CHROMATIC = 5.0;

    private final ExtractionOptions options;

    public BaselineExtractor(ExtractionOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** An extractor with {@link ExtractionOptions#defaults()}. */
    public BaselineExtractor() {
        this(ExtractionOptions.defaults());
    }

    public ExtractionOptions options() {
        return options;
    }

    public FeatureSchema schema() {
        return FeatureSchema.V1;
    }

    /** The 20 features of a working image, in schema order; always finite. */
    public FeatureVector extract(double[] red, double[] green, double[] blue, int h, int w, double clipped) {
        int n = w * h;
        double[] out = new double[20];
        double[] y = new double[red.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Colour.luminance(red[i], green[i], blue[i]);
        }

        // 1-8: statistics of Y.
        double sum = 0;
        for (double v : y) {
            sum += v;
        }
        double mean = sum / n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        long[] hist = new long[256];
        for (double v : y) {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
            hist[Math.min((int) (v * 256), 255)]++;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double std = Math.sqrt(m2);
        boolean flat = std <= FLAT_STD;
        double entropy = 0;
        for (long c : hist) {
            if (c > 0) {
                double p = c / (double) n;
                entropy -= p * (Math.log(p) / Math.log(2));
            }
        }
        double[] p = Percentiles.two(y, 1, 99);
        double p1 = p[0];
        double p99 = p[1];
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
        localContrast(y, h, w, options.window(), out);

        // 16-19: CIELAB.
        colour(red, green, blue, out);

        out[19] = clipped;
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                // The definitions are finite for every image; a non-finite value is a bug to hear about.
                throw new IllegalStateException("feature " + FeatureSchema.V1.names().get(i) + " came out "
                        + out[i]);
            }
        }
        return new FeatureVector(FeatureSchema.V1, out);
    }

    static void localContrast(double[] y, int h, int w, int k, double[] out) {
        double[] y2 = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            y2[i] = y[i] * y[i];
        }
        double[] mu = BoxFilter.mean(y, h, w, k);
        double[] mu2 = BoxFilter.mean(y2, h, w, k);
        double[] lc = y2; // reuse
        double sum = 0;
        for (int i = 0; i < lc.length; i++) {
            double m = mu[i];
            lc[i] = Math.sqrt(Math.max(mu2[i] - m * m, 0.0)) / (m + LC_FLOOR);
            sum += lc[i];
        }
        double mean = sum / lc.length;
        double ss = 0;
        for (double v : lc) {
            double d = v - mean;
            ss += d * d;
        }
        out[12] = mean;
        out[13] = Math.sqrt(ss / lc.length);
        out[14] = Percentiles.of(lc, 99);
    }

    static void colour(double[] r, double[] g, double[] b, double[] out) {
        int n = r.length;
        double[] lightness = new double[n];
        double[] chroma = new double[n];
        double[] lab = new double[3];
        double sumL = 0;
        double sumC = 0;
        double cosSum = 0;
        double sinSum = 0;
        long chromatic = 0;
        for (int i = 0; i < n; i++) {
            Colour.lab(r[i], g[i], b[i], lab);
            double c = Math.sqrt(lab[1] * lab[1] + lab[2] * lab[2]);
            lightness[i] = lab[0];
            chroma[i] = c;
            sumL += lab[0];
            sumC += c;
            if (c > CHROMATIC) {
                // cos and sin of atan2(b, a), without the trigonometry (one division, not two)
                double inv = 1 / c;
                cosSum += lab[1] * inv;
                sinSum += lab[2] * inv;
                chromatic++;
            }
        }
        double meanL = sumL / n;
        double meanC = sumC / n;
        double ssL = 0;
        double ssC = 0;
        for (int i = 0; i < n; i++) {
            double dl = lightness[i] - meanL;
            double dc = chroma[i] - meanC;
            ssL += dl * dl;
            ssC += dc * dc;
        }
        out[15] = Math.sqrt(ssL / n) / (meanL + EPS);
        out[16] = Math.sqrt(ssC / n) / (meanC + CHROMA_FLOOR);
        out[17] = meanC;
        out[18] = chromatic == 0 ? 0 : 1.0 - Math.hypot(cosSum / chromatic, sinSum / chromatic);
    }
}
