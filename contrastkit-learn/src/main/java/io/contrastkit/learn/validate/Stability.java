package io.contrastkit.learn.validate;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Stability of a clustering: refits on bootstrap resamples and with other seeds, each compared with the
 * reference labels by adjusted Rand index and NMI, summarised by mean and percentile interval, with a verdict.
 *
 * <p>The clusterer is any function {@code (rows, seed) -> labels}; it must be deterministic for a seed and
 * may be called from several threads at once when {@link Options#parallel()} is set.
 */
public final class Stability {

    private Stability() {
    }

    /**
     * Options of {@link #assess}.
     *
     * @param bootstrapResamples refits on rows drawn with replacement (0 to skip)
     * @param seedRefits         refits on all rows with other seeds (0 to skip)
     * @param seed               seed of the reference fit; resamples and refit seeds derive from it
     * @param confidence         coverage of the percentile intervals, in (0, 1)
     * @param stableMeanAri      a clustering is called stable only if the mean ARI of each kind of refit is at least this
     * @param stableLowerAri     ... and the bootstrap ARI interval's low end is at least this
     * @param parallel           run refits in parallel (results do not depend on it)
     */
    public record Options(int bootstrapResamples, int seedRefits, long seed, double confidence,
                          double stableMeanAri, double stableLowerAri, boolean parallel) {

        public Options {
            if (bootstrapResamples < 0 || seedRefits < 0) {
                throw new IllegalArgumentException("bootstrapResamples and seedRefits must be >= 0, got "
                        + bootstrapResamples + " and " + seedRefits);
            }
            if (bootstrapResamples + seedRefits == 0) {
                throw new IllegalArgumentException("need at least one bootstrap resample or seed refit");
            }
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
            }
            if (!(stableMeanAri >= -1 && stableMeanAri <= 1) || !(stableLowerAri >= -1 && stableLowerAri <= 1)) {
                throw new IllegalArgumentException("ARI thresholds must be in [-1, 1], got "
                        + stableMeanAri + " and " + stableLowerAri);
            }
        }

        /**
         * 50 bootstrap resamples, 10 seed refits, seed 42, 95% intervals; stable when mean ARI >= 0.80 and the
         * bootstrap interval's low end >= 0.60 (ARI above 0.8 is the usual reading of "the same partition up to
         * a few border points"; below 0.6 the groups reshuffle noticeably).
         */
        public static Options defaults() {
            return new Options(50, 10, 42L, 0.95, 0.8, 0.6, true);
        }

        public Options withSeed(long newSeed) {
            return new Options(bootstrapResamples, seedRefits, newSeed, confidence, stableMeanAri, stableLowerAri, parallel);
        }

        public Options withRefits(int newBootstrapResamples, int newSeedRefits) {
            return new Options(newBootstrapResamples, newSeedRefits, seed, confidence, stableMeanAri, stableLowerAri, parallel);
        }
    }

    /**
     * Fits the reference labels with {@code options.seed()}, refits as the options ask and compares each refit
     * with the reference on the points they share (a bootstrap resample's distinct rows; all rows for a seed
     * refit). {@code data} is read, never modified or kept.
     */
    public static StabilityResult assess(double[][] data, BiFunction<double[][], Long, int[]> clusterer, Options options) {
        checkData(data);
        if (clusterer == null) {
            throw new IllegalArgumentException("clusterer must not be null");
        }
        int n = data.length;
        int[] reference = labels(clusterer, data, options.seed(), "the reference fit");

        int nb = options.bootstrapResamples();
        double[] bootAri = new double[nb];
        double[] bootNmi = new double[nb];
        IntStream boot = IntStream.range(0, nb);
        (options.parallel() ? boot.parallel() : boot).forEach(b -> {
            SplittableRandom random = Resampling.stream(options.seed(), b);
            long fitSeed = random.nextLong();
            int[] idx = Resampling.bootstrapIndices(random, n);
            double[][] rows = new double[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = data[idx[i]];
            }
            int[] refit = labels(clusterer, rows, fitSeed, "bootstrap resample " + b);
            // each distinct point once: duplicates would weight the comparison by how often a point was drawn
            boolean[] seen = new boolean[n];
            int[] ref = new int[n];
            int[] got = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (!seen[idx[i]]) {
                    seen[idx[i]] = true;
                    ref[m] = reference[idx[i]];
                    got[m++] = refit[i];
                }
            }
            int[] r = Arrays.copyOf(ref, m);
            int[] g = Arrays.copyOf(got, m);
            bootAri[b] = ClusterAgreement.adjustedRandIndex(r, g);
            bootNmi[b] = ClusterAgreement.normalizedMutualInfo(r, g);
        });

        int ns = options.seedRefits();
        double[] seedAri = new double[ns];
        double[] seedNmi = new double[ns];
        IntStream seeds = IntStream.range(0, ns);
        (options.parallel() ? seeds.parallel() : seeds).forEach(s -> {
            // a separate stream family from the bootstrap's, so refit seeds never repeat a resample's seed
            long fitSeed = Resampling.stream(~options.seed(), s).nextLong();
            int[] refit = labels(clusterer, data, fitSeed, "seed refit " + s);
            seedAri[s] = ClusterAgreement.adjustedRandIndex(reference, refit);
            seedNmi[s] = ClusterAgreement.normalizedMutualInfo(reference, refit);
        });

        double c = options.confidence();
        ResampledStatistic bAri = ResampledStatistic.of(bootAri, c);
        ResampledStatistic bNmi = ResampledStatistic.of(bootNmi, c);
        ResampledStatistic sAri = ResampledStatistic.of(seedAri, c);
        ResampledStatistic sNmi = ResampledStatistic.of(seedNmi, c);
        boolean stable = (nb == 0 || (bAri.mean() >= options.stableMeanAri()
                && bAri.interval().lo() >= options.stableLowerAri()))
                && (ns == 0 || sAri.mean() >= options.stableMeanAri());
        return new StabilityResult(reference, bAri, bNmi, sAri, sNmi, stable, verdict(stable, bAri, sAri, options));
    }

    private static String verdict(boolean stable, ResampledStatistic bootAri, ResampledStatistic seedAri, Options o) {
        StringBuilder sb = new StringBuilder(stable ? "stable: " : "unstable: ");
        if (bootAri.count() > 0) {
            sb.append(String.format(Locale.ROOT, "bootstrap ARI mean %.3f (%.0f%% interval %.3f to %.3f, %d refits)",
                    bootAri.mean(), o.confidence() * 100, bootAri.interval().lo(), bootAri.interval().hi(), bootAri.count()));
        }
        if (seedAri.count() > 0) {
            sb.append(bootAri.count() > 0 ? "; " : "");
            sb.append(String.format(Locale.ROOT, "other-seed ARI mean %.3f (%d refits)", seedAri.mean(), seedAri.count()));
        }
        sb.append(String.format(Locale.ROOT,
                "; stable means mean ARI >= %.2f and bootstrap interval low end >= %.2f", o.stableMeanAri(), o.stableLowerAri()));
        return sb.toString();
    }

    private static int[] labels(BiFunction<double[][], Long, int[]> clusterer, double[][] rows, long seed, String what) {
        int[] labels = clusterer.apply(rows, seed);
        if (labels == null || labels.length != rows.length) {
            throw new IllegalStateException("clusterer returned " + (labels == null ? "null" : labels.length + " labels")
                    + " for " + rows.length + " rows in " + what);
        }
        return labels;
    }

    static void checkData(double[][] data) {
        if (data == null || data.length < 2) {
            throw new IllegalArgumentException("need at least 2 rows, got " + (data == null ? "null" : data.length));
        }
        int d = -1;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == null) {
                throw new IllegalArgumentException("row " + i + " is null");
            }
            if (d < 0) {
                d = data[i].length;
            } else if (data[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + data[i].length + " columns, row 0 has " + d);
            }
            for (int j = 0; j < data[i].length; j++) {
                if (!Double.isFinite(data[i][j])) {
                    throw new IllegalArgumentException("row " + i + " column " + j + " is " + data[i][j]);
                }
            }
        }
    }
}
