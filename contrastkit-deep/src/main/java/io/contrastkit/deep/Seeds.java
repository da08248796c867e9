package io.contrastkit.deep;

/** Independent seeds for each use of one user seed (SplitMix64 finaliser), so no two uses share a stream. */
public final class Seeds {

    private Seeds() {
    }

    /** A seed for use {@code a}, {@code b} (e.g. purpose and epoch) of {@code seed}; same inputs, same result. */
    public static long derive(long seed, long a, long b) {
        return mix(mix(mix(seed) ^ a) ^ b);
    }

    /** A seed for use {@code a}, {@code b}, {@code c} of {@code seed}. */
    public static long derive(long seed, long a, long b, long c) {
        return mix(derive(seed, a, b) ^ c);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
