package io.contrastkit.learn.map;

/** Calibrates each point's Gaussian over its neighbours so that the conditional P has the wanted perplexity. */
final class Perplexity {

    private static final double TOLERANCE = 1e-5;
    private static final int MAX_STEPS = 100;
    /** Stands in for a zero sum so that a point far from all its neighbours still gets a finite row. */
    private static final double TINY_SUM = 1e-8;

    private Perplexity() {
    }

    /**
     * Writes p(j|i) for the {@code k} squared distances at {@code offset} into {@code out}: bisection on the
     * precision beta until the entropy (natural log) is within 1e-5 of log(perplexity), as scikit-learn does.
     */
    static void conditional(double[] sqDist, int offset, int k, double perplexity, double[] out) {
        double desired = Math.log(perplexity);
        double beta = 1.0;
        double betaMin = Double.NEGATIVE_INFINITY;
        double betaMax = Double.POSITIVE_INFINITY;
        for (int step = 0; step < MAX_STEPS; step++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double p = Math.exp(-sqDist[offset + j] * beta);
                out[offset + j] = p;
                sum += p;
            }
            if (sum == 0.0) {
                sum = TINY_SUM;
            }
            double weighted = 0;
            for (int j = 0; j < k; j++) {
                double p = out[offset + j] / sum;
                out[offset + j] = p;
                weighted += sqDist[offset + j] * p;
            }
            double diff = Math.log(sum) + beta * weighted - desired;
            if (Math.abs(diff) <= TOLERANCE) {
                break;
            }
            if (diff > 0) {
                betaMin = beta;
                beta = betaMax == Double.POSITIVE_INFINITY ? beta * 2 : (beta + betaMax) / 2;
            } else {
                betaMax = beta;
                beta = betaMin == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + betaMin) / 2;
            }
        }
    }
}
