package io.contrastkit.core;

import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.decode.NativeDecoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Per-stage times of core's extractor on one image, single-threaded, the median of many passes after
 * warm-up. It lives in core's package (on the bench's class path) to reach the package-private stages.
 * Run: {@code java -cp contrastkit-bench/target/benchmarks.jar io.contrastkit.core.FeatureStageProfile FILE}.
 */
public final class FeatureStageProfile {

    private FeatureStageProfile() {
    }

    public static void main(String[] args) throws Exception {
        LinearImage img = new ImageDecoder(ExtractionOptions.defaults(), NativeDecoding.WHEN_INSTALLED)
                .decode(Files.readAllBytes(Path.of(args[0])));
        int h = img.height();
        int w = img.width();
        int n = h * w;
        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor();
        String[] names = {"colour+Y+hist", "moments+L,C", "pct(Y)", "spectrum", "localContrast", "sum", "extract()"};
        int passes = 400;
        long[][] t = new long[names.length][passes];
        double sink = 0;
        for (int pass = -300; pass < passes; pass++) {
            double[] out = new double[20];
            long t0 = System.nanoTime();
            double[] y = ContrastFeatureExtractor.scratch(0, n);
            double[] lightness = ContrastFeatureExtractor.scratch(1, n);
            double[] chroma = ContrastFeatureExtractor.scratch(2, n);
            int[] counts = new int[Percentiles.BUCKETS];
            double[] sums = new double[3];
            ContrastFeatureExtractor.colour(img, y, lightness, chroma, counts, sums, out);
            long t1 = System.nanoTime();
            double mean = sums[0] / n;
            double[] mom = new double[5];
            ContrastFeatureExtractor.moments(y, mean, lightness, sums[1] / n, chroma, sums[2] / n, n, mom);
            double m2 = mom[0];
            double m3 = mom[1];
            double m4 = mom[2];
            long t2 = System.nanoTime();
            double[] s = new double[4];
            int k1 = (int) (0.01 * (n - 1));
            int k99 = (int) (0.99 * (n - 1));
            Percentiles.fromCounts(y, n, counts, 0.0, Percentiles.BUCKETS, new int[] {k1, k1 + 1, k99, k99 + 1}, s);
            long t3 = System.nanoTime();
            double[] spectral = new double[4];
            Spectrum.features(y, h, w, mean, false, spectral);
            long t4 = System.nanoTime();
            ContrastFeatureExtractor.localContrast(y, h, w, 11, ContrastFeatureExtractor.scratch(1, n), out);
            long t5 = System.nanoTime();
            FeatureVector v = extractor.extract(img);
            long t6 = System.nanoTime();
            sink += m2 + m3 + m4 + s[0] + spectral[3] + out[14] + out[18] + v.get(0);
            if (pass >= 0) {
                long[] marks = {t0, t1, t2, t3, t4, t5};
                for (int st = 0; st < 5; st++) {
                    t[st][pass] = marks[st + 1] - marks[st];
                }
                t[5][pass] = t5 - t0;
                t[6][pass] = t6 - t5;
            }
        }
        System.out.printf(Locale.ROOT, "# %dx%d, median of %d passes (sink %.3f)%n", w, h, passes, sink);
        for (int st = 0; st < names.length; st++) {
            long[] v = t[st].clone();
            Arrays.sort(v);
            System.out.printf(Locale.ROOT, "%-14s %7.3f ms  (p25 %.3f, p75 %.3f)%n", names[st], v[passes / 2] / 1e6,
                    v[passes / 4] / 1e6, v[3 * passes / 4] / 1e6);
        }
    }
}
