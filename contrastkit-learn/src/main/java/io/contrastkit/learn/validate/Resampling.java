package io.contrastkit.learn.validate;

import java.util.SplittableRandom;

/** Seeded bootstrap draws shared by the validation checks; each resample has its own stream. */
final class Resampling {

    private Resampling() {
    }

    /**
     * The generator of resample {@code index} under {@code seed}. Deriving it from the pair (not from a
     * shared generator) is what keeps parallel resampling deterministic whatever the thread schedule.
     */
    static SplittableRandom stream(long seed, long index) {
        return new SplittableRandom(mix(seed) ^ mix(index + 0x632BE59BD9B4E019L));
    }

    /** {@code n} indices drawn uniformly with replacement from {@code 0..n-1}. */
    static int[] bootstrapIndices(SplittableRandom random, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = random.nextInt(n);
        }
        return idx;
    }

    static double[] take(double[] values, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = values[idx[i]];
        }
        return out;
    }

    /** The 64-bit finaliser of MurmurHash3: spreads nearby seeds far apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
