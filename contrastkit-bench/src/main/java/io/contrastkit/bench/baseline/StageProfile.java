package io.contrastkit.bench.baseline;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.LinearImage;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.decode.NativeDecoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Per-stage times of the pre-issue-14 extractor ({@link BaselineExtractor}) on one image, single-threaded,
 * the median of many passes after warm-up, and in the same passes the whole of core's extractor as it is now. Run:
 * {@code java -cp contrastkit-bench/target/benchmarks.jar io.contrastkit.bench.baseline.StageProfile FILE}.
 */
public final class StageProfile {

    private StageProfile() {
    }

    public static void main(String[] args) throws Exception {
        LinearImage img = new ImageDecoder(ExtractionOptions.defaults(), NativeDecoding.WHEN_INSTALLED)
                .decode(Files.readAllBytes(Path.of(args[0])));
        double[] r = img.copyRed();
        double[] g = img.copyGreen();
        double[] b = img.copyBlue();
        int h = img.height();
        int w = img.width();
        int n = h * w;
        String[] names = {"luminance", "moments+hist", "pct(Y)", "spectrum", "localContrast", "colour", "total", "core now"};
        int passes = 400;
        long[][] t = new long[names.length][passes];
        double sink = 0;
        io.contrastkit.core.ContrastFeatureExtractor now = new io.contrastkit.core.ContrastFeatureExtractor();
        for (int pass = -300; pass < passes; pass++) {
            long t0 = System.nanoTime();
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = Colour.luminance(r[i], g[i], b[i]);
            }
            long t1 = System.nanoTime();
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
            double entropy = 0;
            for (long c : hist) {
                if (c > 0) {
                    double p = c / (double) n;
                    entropy -= p * (Math.log(p) / Math.log(2));
                }
            }
            long t2 = System.nanoTime();
            double[] p = Percentiles.two(y, 1, 99);
            long t3 = System.nanoTime();
            double[] out = new double[20];
            double[] spectral = new double[4];
            Spectrum.features(y, h, w, mean, false, spectral);
            long t4 = System.nanoTime();
            BaselineExtractor.localContrast(y, h, w, 11, out);
            long t5 = System.nanoTime();
            BaselineExtractor.colour(r, g, b, out);
            long t6 = System.nanoTime();
            sink += now.extract(img).get(0);
            long t7 = System.nanoTime();
            sink += m2 + m3 + m4 + entropy + p[0] + spectral[3] + out[14] + out[18];
            if (pass >= 0) {
                long[] marks = {t0, t1, t2, t3, t4, t5, t6};
                for (int s = 0; s < 6; s++) {
                    t[s][pass] = marks[s + 1] - marks[s];
                }
                t[6][pass] = t6 - t0;
                t[7][pass] = t7 - t6;
            }
        }
        System.out.printf(Locale.ROOT, "# %dx%d, median of %d passes (sink %.3f)%n", w, h, passes, sink);
        for (int s = 0; s < names.length; s++) {
            long[] v = t[s].clone();
            java.util.Arrays.sort(v);
            System.out.printf(Locale.ROOT, "%-14s %7.3f ms  (p25 %.3f, p75 %.3f)%n", names[s], v[passes / 2] / 1e6,
                    v[passes / 4] / 1e6, v[3 * passes / 4] / 1e6);
        }
    }
}
