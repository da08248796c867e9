package io.contrastkit.app.cli;

import picocli.CommandLine;

/**
 * The one place where an exception becomes an exit code. Bad images never reach it (they are reported
 * per file); what does is a store or model that cannot be used, an unusable input file, or a bug: one
 * line for a person, the stack only with {@code CONTRASTKIT_DEBUG} set, and exit code {@link ExitCode#USAGE}.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    private final boolean debug;

    /** @param debug print the stack trace after the message */
    public ErrorHandler(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        commandLine.getErr().println("contrastkit: " + ex.getMessage());
        if (debug) {
            ex.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return ExitCode.USAGE;
    }
}
