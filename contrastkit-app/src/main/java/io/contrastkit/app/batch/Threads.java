package io.contrastkit.app.batch;

/** The {@code --threads} default shared by every command that works on all cores. */
public final class Threads {

    private Threads() {
    }

    /** The requested thread count, or the number of cores when none was given (validated by each command's settings). */
    public static int orAllCores(Integer requested) {
        return requested == null ? Runtime.getRuntime().availableProcessors() : requested;
    }
}
