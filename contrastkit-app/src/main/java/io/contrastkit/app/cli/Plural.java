package io.contrastkit.app.cli;

/** A count with its noun, singular for exactly one: "1 image", "0 images", "2 anomalies". */
final class Plural {

    private Plural() {
    }

    /** {@code n} and the noun, with an "s" unless {@code n} is 1. */
    static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    /** {@code n} and {@code one} when it is 1, else {@code many}. */
    static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
