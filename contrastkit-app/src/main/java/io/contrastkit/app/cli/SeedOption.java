package io.contrastkit.app.cli;

import io.contrastkit.app.stage.Defaults;
import picocli.CommandLine.Option;

/** The {@code --seed S} option, declared once: same input and seed give the same result. */
public final class SeedOption {

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Defaults.SEED,
            description = "Seed of every random choice; the same input and seed give the same result. Default: ${DEFAULT-VALUE}.")
    long seed;

    /** The seed to use. */
    public long value() {
        return seed;
    }
}
