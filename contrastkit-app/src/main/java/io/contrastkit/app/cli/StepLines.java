package io.contrastkit.app.cli;

import io.contrastkit.app.stage.ProgressSink;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Renders a stage's uncounted steps as {@code task: step (1.0 s)} lines on stderr, the seconds counted
 * from the start of the current phase (or from creation, before any phase starts).
 */
public final class StepLines implements ProgressSink {

    private final String task;
    private final PrintWriter log;
    private long start = System.nanoTime();

    /** @param task the line's prefix, e.g. {@code cluster} */
    public StepLines(String task, PrintWriter log) {
        this.task = task;
        this.log = log;
    }

    @Override
    public void start(String phase, long total) {
        start = System.nanoTime();
    }

    @Override
    public void step(String what) {
        log.printf(Locale.ROOT, "%s: %s (%.1f s)%n", task, what, (System.nanoTime() - start) / 1e9);
        log.flush();
    }
}
