package io.contrastkit.app.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Expands the paths of {@code features}, {@code predict} and {@code ladder} into candidate files the way
 * {@link CollectionScanner} does for {@code extract}: a file as given is named (a bad one is a failure),
 * a directory is walked recursively in name order (following links) and what it holds is met in a walk
 * (a file that neither looks nor is named like an image is skipped); symbolic link loops, unreadable
 * folders and pipes, devices or sockets met in a walk are reported, never silently dropped. Paths are
 * kept as given, so the commands print them so.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /** The candidates, and problems with a path (an unreadable folder, a link loop, a pipe), collected. */
    public record Expansion(List<CollectionScanner.Candidate> candidates, List<String> problems) {

        /** The candidates' paths. */
        public List<Path> files() {
            return candidates.stream().map(CollectionScanner.Candidate::path).toList();
        }
    }

    public static Expansion expand(List<Path> inputs) {
        List<CollectionScanner.Candidate> candidates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                List<CollectionScanner.Candidate> walked = new ArrayList<>();
                CollectionScanner.walkFolder(p, walked, problems);
                walked.sort(Comparator.comparing(c -> c.path().toString()));
                candidates.addAll(walked);
            } else {
                // Missing files are passed on so that they are reported with the other failures.
                candidates.add(CollectionScanner.Candidate.named(p));
            }
        }
        return new Expansion(List.copyOf(candidates), List.copyOf(problems));
    }
}
