package io.contrastkit.app.cli;

import io.contrastkit.deep.EngineOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --device cpu|gpu} and {@code --threads N} options of the deep commands, declared once. */
public final class EngineOption {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu", description = "Where to run. Default: ${DEFAULT-VALUE}.")
    String device;

    @CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    /** The engine asked for; an unknown device is a usage error naming {@code --device}. */
    public EngineOptions value() {
        try {
            return new EngineOptions(EngineOptions.Device.parse(device), threadsOption.count());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
