package io.contrastkit.learn.compute;

import java.util.SplittableRandom;

/** Standard normal draws from a seeded {@link SplittableRandom}, which has no {@code nextGaussian} on Java 17. */
public final class Gaussian {

    private Gaussian() {
    }

    /** One standard normal value by Marsaglia's polar method (the spare discarded, so each call stands alone). */
    public static double next(SplittableRandom random) {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }
}
