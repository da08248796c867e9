package io.contrastkit.app.stage;

/** Defaults that several ways in share, each declared once. */
public final class Defaults {

    /** The seed when none is given, so that two runs (and every command) agree. */
    public static final long SEED = 42;

    /** The feature store's file, relative to the working directory, when none is named. */
    public static final String STORE = "contrastkit.duckdb";

    private Defaults() {
    }

    /** Every core of this machine: the default number of worker threads. */
    public static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
