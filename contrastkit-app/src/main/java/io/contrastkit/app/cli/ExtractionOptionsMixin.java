package io.contrastkit.app.cli;

import io.contrastkit.core.ExtractionOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The v1 extractor's options as command-line flags, shared by every command that measures images. */
final class ExtractionOptionsMixin {

    @Option(names = "--max-side", paramLabel = "N", defaultValue = "512",
            description = "Longest side of the working image; larger images are area-downscaled. 0 = native. Default: ${DEFAULT-VALUE}.")
    int maxSide;

    @Option(names = "--window", paramLabel = "K", defaultValue = "11",
            description = "Odd side of the local-contrast window in pixels. Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "100000000",
            description = "Refuse images whose header claims more pixels than this. Default: ${DEFAULT-VALUE}.")
    long maxPixels;

    /** The validated options, or a usage error naming the bad flag's value. */
    ExtractionOptions toOptions(CommandLine commandLine) {
        try {
            return new ExtractionOptions(maxSide, window, maxPixels);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }
}
