package io.contrastkit.deep.vae;

import io.contrastkit.deep.DeepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The per-epoch checkpoints of one training directory: {@code epoch-NNNN/} folders, each written whole into a
 * temporary folder and renamed, so a folder with that name is always complete; only the newest is kept.
 */
final class Checkpoints {

    static final String WEIGHTS = "weights.params";
    static final String BEST = "best.params";
    static final String MOMENTS = "adam.ndlist";
    static final String STATE = "state.json";
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,})");

    /** A file writer that may fail with IO. */
    interface Writer {
        void write(Path dir) throws IOException;
    }

    /** A complete checkpoint on disk. */
    record Saved(Path dir, CheckpointState state) {
    }

    private final Path root;

    Checkpoints(Path root) {
        this.root = root;
    }

    /** The newest complete checkpoint, or null when there is none. */
    Saved latest() {
        if (!Files.isDirectory(root)) {
            return null;
        }
        List<Path> dirs = complete();
        if (dirs.isEmpty()) {
            return null;
        }
        Path dir = dirs.get(dirs.size() - 1);
        try {
            return new Saved(dir, VaeDescriptor.JSON.readValue(dir.resolve(STATE).toFile(), CheckpointState.class));
        } catch (IOException e) {
            throw new DeepException("cannot read checkpoint state " + dir.resolve(STATE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the checkpoint of {@code state.epoch()}: weights and moments by the given writers, the best weights
     * (these weights when {@code best}, else the previous checkpoint's best), then the state; then removes older
     * checkpoints and left-over temporary folders.
     */
    void write(CheckpointState state, Writer weights, Writer moments, boolean best) throws IOException {
        Files.createDirectories(root);
        Saved previous = latest();
        Path tmp = Files.createTempDirectory(root, ".epoch-");
        weights.write(tmp);
        moments.write(tmp);
        if (best) {
            Files.copy(tmp.resolve(WEIGHTS), tmp.resolve(BEST));
        } else if (previous != null) {
            Files.copy(previous.dir().resolve(BEST), tmp.resolve(BEST));
        } else {
            throw new IllegalStateException("the first checkpoint of a run must be its best");
        }
        VaeDescriptor.JSON.writeValue(tmp.resolve(STATE).toFile(), state);
        Path target = root.resolve(String.format(Locale.ROOT, "epoch-%04d", state.epoch()));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        for (Path old : complete()) {
            if (!old.equals(target)) {
                deleteTree(old);
            }
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".epoch-")).toList()) {
                deleteTree(p);
            }
        }
    }

    private List<Path> complete() {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .forEach(dirs::add);
        } catch (IOException e) {
            throw new DeepException("cannot list checkpoints in " + root + ": " + e.getMessage(), e);
        }
        dirs.sort(Comparator.comparingInt(Checkpoints::epochOf));
        return dirs;
    }

    private static int epochOf(Path dir) {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
