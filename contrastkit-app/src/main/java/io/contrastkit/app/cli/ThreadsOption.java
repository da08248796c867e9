package io.contrastkit.app.cli;

import io.contrastkit.app.stage.Defaults;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --threads N} option, declared once: all cores unless given. */
public final class ThreadsOption {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: all cores.")
    Integer threads;

    /** The thread count asked for, or every core; a count below 1 is a usage error naming the option. */
    public int count() {
        int n = threads == null ? Defaults.threads() : threads;
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + n);
        }
        return n;
    }
}
