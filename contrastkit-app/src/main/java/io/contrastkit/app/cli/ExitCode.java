package io.contrastkit.app.cli;

/** The command line's exit codes, declared once. */
public final class ExitCode {

    /** Every input was processed. */
    public static final int OK = 0;
    /** The run finished but some inputs failed (each reported on stderr). */
    public static final int SOME_FAILED = 1;
    /** A usage error (picocli's default), or an infrastructure error: the store or model cannot be used. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
