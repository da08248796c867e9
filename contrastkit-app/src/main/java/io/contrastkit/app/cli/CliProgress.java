package io.contrastkit.app.cli;

import io.contrastkit.app.stage.ProgressSink;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Draws a stage service's progress on stderr: counted phases as a bar on a terminal or periodic lines in
 * logs and pipes, uncounted steps as {@code task: step (1.0 s)} lines timed from the start of the phase.
 */
final class CliProgress implements ProgressSink {

    /** Milliseconds between progress lines when not on a terminal, unless a command says otherwise. */
    static final long DEFAULT_INTERVAL_MILLIS = 10_000;

    private final String task;
    private final PrintWriter err;
    private final long intervalMillis;
    private long start = System.nanoTime();
    private Progress current;

    /**
     * @param task           the prefix of step lines, e.g. {@code cluster}
     * @param intervalMillis milliseconds between progress lines when not on a terminal
     */
    CliProgress(String task, PrintWriter err, long intervalMillis) {
        this.task = task;
        this.err = err;
        this.intervalMillis = intervalMillis;
    }

    /** Steps prefixed by {@code task}, counted phases at the default interval. */
    CliProgress(String task, PrintWriter err) {
        this(task, err, DEFAULT_INTERVAL_MILLIS);
    }

    @Override
    public void start(String phase, long total) {
        finish();
        start = System.nanoTime();
        if (total >= 0) {
            current = Progress.create(phase, total, err, intervalMillis);
        }
    }

    @Override
    public void advance(long done, long failed) {
        if (current != null) {
            current.update(done, failed);
        }
    }

    @Override
    public void finish() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void step(String what) {
        err.printf(Locale.ROOT, "%s: %s (%.1f s)%n", task, what, (System.nanoTime() - start) / 1e9);
        err.flush();
    }
}
