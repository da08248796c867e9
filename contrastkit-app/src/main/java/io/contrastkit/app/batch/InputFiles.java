package io.contrastkit.app.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands command-line paths into the files to process: files as given, directories recursively in name order. */
public final class InputFiles {

    private InputFiles() {
    }

    /** The expanded list; problems with a path (missing, unreadable directory) are collected, not thrown. */
    public record Expansion(List<Path> files, List<String> problems) {
    }

    public static Expansion expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    // Everything but folders: a pipe or device is then reported by the runner (never opened),
                    // not dropped without a line.
                    walk.filter(f -> !Files.isDirectory(f)).sorted().forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    problems.add(p + ": cannot list directory: " + e.getMessage());
                }
            } else {
                // Missing files are passed on so that they are reported with the other failures.
                files.add(p);
            }
        }
        return new Expansion(files, problems);
    }
}
