package io.contrastkit.app.batch;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a batch run's time went, stage by stage, summed over its threads: reading files, hashing them,
 * parsing headers, decoding to the working image, measuring features, and storing rows. Each worker adds
 * its own nanoseconds (one {@link System#nanoTime} pair per stage per image: under a microsecond), so the
 * figures are thread time, comparable between stages and per image whatever the thread count.
 */
public final class StageTimes {

    /** The stages, in the order an image passes them. */
    public enum Stage {
        READ("read"), HASH("hash"), HEADER("header"), DECODE("decode to working image"), FEATURES("features"),
        STORE("store");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        /** The stage's name for a person. */
        public String label() {
            return label;
        }
    }

    private final LongAdder[] nanos = new LongAdder[Stage.values().length];
    private final LongAdder[] counts = new LongAdder[Stage.values().length];

    /** Empty times. */
    public StageTimes() {
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = new LongAdder();
            counts[i] = new LongAdder();
        }
    }

    /** Adds one image's (or one batch's, with {@code items} > 1) time in a stage. */
    public void add(Stage stage, long elapsedNanos, long items) {
        nanos[stage.ordinal()].add(elapsedNanos);
        counts[stage.ordinal()].add(items);
    }

    /** Adds one image's time in a stage, measured from {@code startNanos} to now; returns now. */
    public long since(Stage stage, long startNanos) {
        long now = System.nanoTime();
        add(stage, now - startNanos, 1);
        return now;
    }

    /** Milliseconds per item of a stage (0 when nothing passed it). */
    public double millisPerItem(Stage stage) {
        long n = counts[stage.ordinal()].sum();
        return n == 0 ? 0 : nanos[stage.ordinal()].sum() / 1e6 / n;
    }

    /** Total milliseconds in a stage, over all threads. */
    public double totalMillis(Stage stage) {
        return nanos[stage.ordinal()].sum() / 1e6;
    }

    /** One line: each stage's milliseconds per image, thread time, with its share of the whole. */
    public String describe() {
        double all = 0;
        for (Stage s : Stage.values()) {
            all += totalMillis(s);
        }
        StringBuilder b = new StringBuilder("stages (thread time per image):");
        String sep = " ";
        for (Stage s : Stage.values()) {
            if (counts[s.ordinal()].sum() == 0) {
                continue;
            }
            b.append(sep).append(String.format(Locale.ROOT, "%s %.2f ms (%.0f%%)", s.label(), millisPerItem(s),
                    all == 0 ? 0 : 100 * totalMillis(s) / all));
            sep = ", ";
        }
        return b.toString();
    }
}
