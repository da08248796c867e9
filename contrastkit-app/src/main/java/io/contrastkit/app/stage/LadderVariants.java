package io.contrastkit.app.stage;

import java.util.Locale;

/**
 * The contrast-ladder manipulations: for one image in linear-light RGB, variants whose contrast order is known
 * by construction. All arithmetic is in linear light (the light the v1 features measure, and the light in which
 * a veil of glare really adds), per channel, and deterministic. Pure: planes in, new planes out.
 */
public final class LadderVariants {

    /** Levels per family, 1..LEVELS; level 0 would be the source itself. */
    public static final int LEVELS = 5;
    /** Linear-light value of the haze veil: a bright neutral grey, as from glare or fog lit from behind. */
    static final double VEIL = 0.9;

    private LadderVariants() {
    }

    /** A manipulation with a known effect on contrast as its level rises. */
    public enum Family {
        /**
         * Each channel pulled toward its own mean: {@code m + (1 - 0.15 L) (x - m)}. Luminance follows exactly
         * (it is a weighted sum of the channels), so its spread shrinks by the same factor and its mean stays.
         */
        COMPRESSION("compression", -1),
        /**
         * Blend toward a bright neutral veil: {@code (1 - 0.1 L) x + 0.1 L * VEIL}. Every difference shrinks by
         * {@code 1 - 0.1 L} while the mean rises, so every ratio-type contrast falls.
         */
        HAZE("haze", -1),
        /**
         * An S-curve about the image's mean luminance {@code p}: a value a fraction {@code t} of the way from
         * {@code p} to the end of the range (0 or 1) moves to {@code t + a t (1 - t)} of the way, {@code a = 0.18 L}.
         * Both ends stay put, so nothing clips; the slope is {@code 1 + a} at the pivot on both sides and
         * {@code 1 - a} at the ends, and every value moves away from {@code p} as {@code a} grows. A gentle curve on
         * purpose: a steep toe crushes shadow texture, which lowers local contrast in dark photos while global
         * contrast rises, and then the order would no longer be known.
         */
        S_CURVE("s-curve", 1);

        final String id;
        final int direction;

        Family(String id, int direction) {
            this.id = id;
            this.direction = direction;
        }

        /** The family's name as written in ladder.csv. */
        public String id() {
            return id;
        }

        /** +1 when contrast should rise with the level, -1 when it should fall. */
        public int direction() {
            return direction;
        }

        static Family of(String id, String where) {
            for (Family f : values()) {
                if (f.id.equals(id)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(where + ": unknown ladder family '" + id + "'");
        }
    }

    /** The three linear planes of {@code family} at {@code level} (1..LEVELS); the input planes are not modified. */
    public static double[][] apply(Family family, int level, double[] red, double[] green, double[] blue) {
        if (level < 1 || level > LEVELS) {
            throw new IllegalArgumentException("level must be in 1.." + LEVELS + ", got " + level);
        }
        double[][] in = {red, green, blue};
        double[][] out = new double[3][];
        switch (family) {
            case COMPRESSION -> {
                double f = 1 - 0.15 * level;
                for (int c = 0; c < 3; c++) {
                    double m = mean(in[c]);
                    out[c] = new double[in[c].length];
                    for (int i = 0; i < in[c].length; i++) {
                        out[c][i] = m + f * (in[c][i] - m);
                    }
                }
            }
            case HAZE -> {
                double a = 0.1 * level;
                for (int c = 0; c < 3; c++) {
                    out[c] = new double[in[c].length];
                    for (int i = 0; i < in[c].length; i++) {
                        out[c][i] = (1 - a) * in[c][i] + a * VEIL;
                    }
                }
            }
            case S_CURVE -> {
                double a = 0.18 * level;
                double p = mean(luminance(red, green, blue));
                // a pivot at 0 or 1 would leave one side with no room: keep it strictly inside
                p = Math.min(Math.max(p, 1e-3), 1 - 1e-3);
                for (int c = 0; c < 3; c++) {
                    out[c] = new double[in[c].length];
                    for (int i = 0; i < in[c].length; i++) {
                        double x = Math.min(Math.max(in[c][i], 0), 1);
                        if (x >= p) {
                            double t = (x - p) / (1 - p);
                            out[c][i] = p + (1 - p) * (t + a * t * (1 - t));
                        } else {
                            double t = (p - x) / p;
                            out[c][i] = p - p * (t + a * t * (1 - t));
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("family " + family);
        }
        return out;
    }

    /** File name of one variant: {@code <stem>__<family>_<level>.png}. */
    public static String fileName(String stem, Family family, int level) {
        return String.format(Locale.ROOT, "%s__%s_%d.png", stem, family.id(), level);
    }

    static double[] luminance(double[] r, double[] g, double[] b) {
        double[] y = new double[r.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.2126729 * r[i] + 0.7151522 * g[i] + 0.0721750 * b[i];
        }
        return y;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
