package io.contrastkit.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model FILE} option of the commands that read a model written by {@code cluster}, declared once. */
public final class ModelOption {

    @Option(names = "--model", paramLabel = "MODEL.json", required = true,
            description = "Model file (written by 'contrastkit cluster').")
    Path model;

    /** The model file as the user named it. */
    public Path path() {
        return model;
    }
}
