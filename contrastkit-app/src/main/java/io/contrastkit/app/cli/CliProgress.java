package io.contrastkit.app.cli;

import io.contrastkit.app.stage.ProgressSink;
import java.io.PrintWriter;

/** Draws a stage service's progress on stderr: a bar on a terminal, periodic lines in logs and pipes. */
final class CliProgress implements ProgressSink {

    /** Milliseconds between progress lines when not on a terminal, unless a command says otherwise. */
    static final long DEFAULT_INTERVAL_MILLIS = 10_000;

    private final PrintWriter err;
    private final long intervalMillis;
    private Progress current;

    CliProgress(PrintWriter err, long intervalMillis) {
        this.err = err;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void start(String phase, long total) {
        finish();
        current = Progress.create(phase, total, err, intervalMillis);
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
        err.println(what);
        err.flush();
    }
}
