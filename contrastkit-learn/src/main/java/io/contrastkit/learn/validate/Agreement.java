package io.contrastkit.learn.validate;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Agreement of a metric's scores with human ratings (e.g. MOS): the standard IQA figures SRCC, KRCC,
 * raw PLCC, and PLCC and RMSE after the 5-parameter logistic, each with a seeded bootstrap percentile interval.
 */
public final class Agreement {

    private Agreement() {
    }

    /**
     * Options of {@link #compute}.
     *
     * @param resamples  bootstrap resamples for the intervals; {@code 0} computes no intervals
     * @param seed       seed of the resampling; the same seed gives the same intervals
     * @param confidence coverage of the percentile intervals, in (0, 1)
     * @param logistic   options of the logistic fit on the full data (resamples start from its optimum)
     */
    public record Options(int resamples, long seed, double confidence, Logistic5.Options logistic) {

        public static final int DEFAULT_RESAMPLES = 1000;
        public static final long DEFAULT_SEED = 42L;

        public Options {
            if (resamples < 0) {
                throw new IllegalArgumentException("resamples must be >= 0 (0 = no intervals), got " + resamples);
            }
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
            }
            if (logistic == null) {
                throw new IllegalArgumentException("logistic options must not be null");
            }
        }

        /** 1000 resamples, seed 42, 95% intervals, default logistic fit. */
        public static Options defaults() {
            return new Options(DEFAULT_RESAMPLES, DEFAULT_SEED, 0.95, Logistic5.Options.defaults());
        }

        public Options withResamples(int newResamples) {
            return new Options(newResamples, seed, confidence, logistic);
        }

        public Options withSeed(long newSeed) {
            return new Options(resamples, newSeed, confidence, logistic);
        }
    }

    /** {@link #compute(double[], double[], Options)} with {@link Options#defaults()}. */
    public static AgreementResult compute(double[] truth, double[] score) {
        return compute(truth, score, Options.defaults());
    }

    /**
     * Computes the agreement figures of {@code score} with {@code truth} (paired by index, at least 5 pairs,
     * all finite). Resamples run in parallel; each draws from its own seeded stream, so the result depends
     * only on the inputs and the options.
     */
    public static AgreementResult compute(double[] truth, double[] score, Options options) {
        Correlation.check("truth", truth, "score", score);
        int n = truth.length;
        if (n < 5) {
            throw new IllegalArgumentException("need at least 5 pairs for the logistic fit, got " + n);
        }
        Logistic5.Fit fit = Logistic5.fit(score, truth, options.logistic());
        double srcc = Correlation.spearmanUnchecked(score, truth);
        double krcc = Correlation.kendallUnchecked(score, truth);
        double plcc = Correlation.pearsonUnchecked(score, truth);

        int b = options.resamples();
        double[][] boot = new double[5][b];
        int maxEvaluations = options.logistic().maxEvaluations();
        IntStream.range(0, b).parallel().forEach(r -> {
            SplittableRandom random = Resampling.stream(options.seed(), r);
            int[] idx = Resampling.bootstrapIndices(random, n);
            double[] t = Resampling.take(truth, idx);
            double[] s = Resampling.take(score, idx);
            boot[0][r] = Correlation.spearmanUnchecked(s, t);
            boot[1][r] = Correlation.kendallUnchecked(s, t);
            boot[2][r] = Correlation.pearsonUnchecked(s, t);
            Logistic5 model = fitResample(score, truth, idx, fit.model(), maxEvaluations);
            double[] fitted = model.apply(s);
            boot[3][r] = Correlation.pearsonUnchecked(fitted, t);
            boot[4][r] = rmse(fitted, t);
        });
        double c = options.confidence();
        Interval[] ci = new Interval[5];
        for (int k = 0; k < 5; k++) {
            ci[k] = b == 0 ? Interval.UNDEFINED : Interval.percentile(boot[k], c);
        }
        return new AgreementResult(n, srcc, ci[0], krcc, ci[1], plcc, ci[2],
                fit.plcc(), ci[3], fit.rmse(), ci[4], fit.model(), b, options.seed(), c);
    }

    /** The logistic fitted to the resample {@code idx}, as distinct points weighted by how often they were drawn. */
    private static Logistic5 fitResample(double[] score, double[] truth, int[] idx, Logistic5 warmStart, int maxEvaluations) {
        int[] count = new int[score.length];
        for (int i : idx) {
            count[i]++;
        }
        int distinct = 0;
        for (int c : count) {
            distinct += c > 0 ? 1 : 0;
        }
        double[] x = new double[distinct];
        double[] y = new double[distinct];
        double[] w = new double[distinct];
        int k = 0;
        for (int i = 0; i < count.length; i++) {
            if (count[i] > 0) {
                x[k] = score[i];
                y[k] = truth[i];
                w[k++] = count[i];
            }
        }
        return Logistic5.fitWeighted(x, y, w, warmStart, maxEvaluations);
    }

    private static double rmse(double[] fitted, double[] truth) {
        double s = 0;
        for (int i = 0; i < fitted.length; i++) {
            s += (fitted[i] - truth[i]) * (fitted[i] - truth[i]);
        }
        return Math.sqrt(s / fitted.length);
    }
}
