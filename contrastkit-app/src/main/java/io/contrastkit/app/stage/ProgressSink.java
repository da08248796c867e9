package io.contrastkit.app.stage;

/**
 * Where a stage service reports progress; the service never prints. The command line draws a bar or
 * periodic lines from it, a server can expose it, a test can record it.
 */
public interface ProgressSink {

    /** Reports nothing. */
    ProgressSink NONE = new ProgressSink() {
    };

    /**
     * A counted phase starts (e.g. "extract" over 1,000 images).
     *
     * @param total units the phase will count, or -1 when unknown
     */
    default void start(String phase, long total) {
    }

    /**
     * @param done   units finished so far in the current phase
     * @param failed of them, how many failed
     */
    default void advance(long done, long failed) {
    }

    /** The current phase is over. */
    default void finish() {
    }

    /** A step of an uncounted computation finished (e.g. "k selection done"), for a person to follow. */
    default void step(String what) {
    }
}
