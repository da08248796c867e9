package io.contrastkit.learn.validate;

import java.util.Arrays;

/**
 * Bradley-Terry scores from pairwise judgements ("which of these two has more contrast?"), fitted by the
 * minorise-maximise algorithm of Hunter (2004, "MM algorithms for generalized Bradley-Terry models"):
 * {@code p_i <- W_i / sum_j n_ij / (p_i + p_j)}, which raises the likelihood at every step.
 *
 * <p>A plain maximum-likelihood fit has no finite answer when an item never wins or never loses, which is
 * the usual case after a few minutes of judging. So each item by default also plays {@code prior} virtual
 * games against a reference item of fixed strength 1 and wins half of them: a weak pull towards the middle
 * that vanishes as real judgements accumulate. With {@code prior = 0} this is the textbook MLE.
 */
public final class BradleyTerry {

    private BradleyTerry() {
    }

    /**
     * Options of the fit.
     *
     * @param prior         virtual games of each item against a strength-1 reference, half won; 0 for the plain MLE
     * @param maxIterations most MM sweeps
     * @param tolerance     stop when no log-strength moves more than this in a sweep
     */
    public record Options(double prior, int maxIterations, double tolerance) {
        public Options {
            if (!(prior >= 0) || Double.isInfinite(prior)) {
                throw new IllegalArgumentException("prior must be >= 0 and finite, got " + prior);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
            }
            if (!(tolerance > 0)) {
                throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
            }
        }

        /** One virtual game per item, 10 000 sweeps, tolerance 1e-10. */
        public static Options defaults() {
            return new Options(1.0, 10_000, 1e-10);
        }

        public Options withPrior(double newPrior) {
            return new Options(newPrior, maxIterations, tolerance);
        }
    }

    /**
     * The fitted scores.
     *
     * @param scores     log-strength of each item, centred to mean 0 (higher = judged to have more contrast)
     * @param wins       real wins of each item
     * @param games      real games of each item
     * @param iterations MM sweeps run
     * @param converged  whether the tolerance was reached within maxIterations
     */
    public record Result(double[] scores, int[] wins, int[] games, int iterations, boolean converged) {
        public Result {
            scores = scores.clone();
            wins = wins.clone();
            games = games.clone();
        }

        @Override
        public double[] scores() {
            return scores.clone();
        }

        @Override
        public int[] wins() {
            return wins.clone();
        }

        @Override
        public int[] games() {
            return games.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && Arrays.equals(scores, r.scores) && Arrays.equals(wins, r.wins)
                    && Arrays.equals(games, r.games) && iterations == r.iterations && converged == r.converged;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(scores);
        }

        @Override
        public String toString() {
            return "BradleyTerry.Result[scores " + Arrays.toString(scores) + ", iterations " + iterations
                    + (converged ? "" : ", not converged") + "]";
        }
    }

    /**
     * Fits {@code items} strengths to judgements where item {@code winners[g]} beat item {@code losers[g]}.
     *
     * @throws IllegalArgumentException for unequal arrays, an item outside {@code 0..items-1}, an item
     *                                  judged against itself, or (with {@code prior = 0}) an item that never
     *                                  won or never lost, where the MLE is infinite
     */
    public static Result fit(int items, int[] winners, int[] losers, Options options) {
        if (items < 1) {
            throw new IllegalArgumentException("items must be >= 1, got " + items);
        }
        if (winners == null || losers == null || winners.length != losers.length) {
            throw new IllegalArgumentException("winners and losers must be non-null and of equal length");
        }
        int[] wins = new int[items];
        int[] games = new int[items];
        // n_ij as a dense matrix: judged samples are small (hundreds of items at most).
        double[][] pairs = new double[items][items];
        for (int g = 0; g < winners.length; g++) {
            int w = winners[g];
            int l = losers[g];
            if (w < 0 || w >= items || l < 0 || l >= items) {
                throw new IllegalArgumentException("judgement " + g + " names item " + (w < 0 || w >= items ? w : l)
                        + ", outside 0.." + (items - 1));
            }
            if (w == l) {
                throw new IllegalArgumentException("judgement " + g + " compares item " + w + " with itself");
            }
            wins[w]++;
            games[w]++;
            games[l]++;
            pairs[w][l]++;
            pairs[l][w]++;
        }
        double prior = options.prior();
        if (prior == 0) {
            for (int i = 0; i < items; i++) {
                if (wins[i] == 0 || wins[i] == games[i]) {
                    throw new IllegalArgumentException("item " + i + " won " + wins[i] + " of " + games[i]
                            + " games: its maximum-likelihood strength is infinite (use a prior > 0)");
                }
            }
        }
        double[] p = new double[items];
        Arrays.fill(p, 1.0);
        double[] next = new double[items];
        int iter = 0;
        boolean converged = false;
        while (iter < options.maxIterations() && !converged) {
            iter++;
            for (int i = 0; i < items; i++) {
                double denom = prior / (p[i] + 1.0);
                double[] row = pairs[i];
                for (int j = 0; j < items; j++) {
                    if (row[j] != 0) {
                        denom += row[j] / (p[i] + p[j]);
                    }
                }
                double w = wins[i] + prior / 2;
                next[i] = denom == 0 ? p[i] : w / denom;
            }
            if (prior == 0) {
                // Without the reference item only ratios are identified: pin the geometric mean to 1.
                double logMean = 0;
                for (double v : next) {
                    logMean += Math.log(v);
                }
                logMean /= items;
                double f = Math.exp(-logMean);
                for (int i = 0; i < items; i++) {
                    next[i] *= f;
                }
            }
            double moved = 0;
            for (int i = 0; i < items; i++) {
                moved = Math.max(moved, Math.abs(Math.log(next[i]) - Math.log(p[i])));
            }
            System.arraycopy(next, 0, p, 0, items);
            converged = moved <= options.tolerance();
        }
        double[] scores = new double[items];
        double mean = 0;
        for (int i = 0; i < items; i++) {
            scores[i] = Math.log(p[i]);
            mean += scores[i];
        }
        mean /= items;
        for (int i = 0; i < items; i++) {
            scores[i] -= mean;
        }
        return new Result(scores, wins, games, iter, converged);
    }
}
