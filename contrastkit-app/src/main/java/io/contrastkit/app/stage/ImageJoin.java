package io.contrastkit.app.stage;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the store row of an image named in a user's CSV file: by the exact stored path, then by the path
 * resolved against the CSV's folder or the working directory, then by file name when only one stored image
 * has that name (two with the same name are ambiguous and match neither).
 */
public final class ImageJoin {

    /** No stored image has that path or name. */
    static final int NOT_FOUND = -1;
    /** Several stored images have that file name. */
    public static final int AMBIGUOUS = -2;

    private final Map<String, Integer> byPath = new HashMap<>();
    private final Map<String, Integer> byName = new HashMap<>();

    public ImageJoin(String[] storePaths) {
        for (int i = 0; i < storePaths.length; i++) {
            byPath.putIfAbsent(storePaths[i], i);
            String name = fileName(storePaths[i]);
            byName.merge(name, i, (a, b) -> AMBIGUOUS);
        }
    }

    /** The store row of {@code value}, {@link #NOT_FOUND} or {@link #AMBIGUOUS}. */
    public int find(String value, Path csvFolder) {
        String v = value.strip();
        if (v.isEmpty()) {
            return NOT_FOUND;
        }
        Integer exact = byPath.get(v);
        if (exact != null) {
            return exact;
        }
        try {
            Path p = Path.of(v);
            for (Path candidate : p.isAbsolute() ? List.of(p)
                    : List.of(csvFolder.resolve(p), p.toAbsolutePath())) {
                Integer hit = byPath.get(candidate.toAbsolutePath().normalize().toString());
                if (hit != null) {
                    return hit;
                }
            }
        } catch (InvalidPathException e) {
            // not a path on this system (a URL, an odd name): the file-name match below may still find it
        }
        Integer named = byName.get(fileName(v));
        return named == null ? NOT_FOUND : named;
    }

    /** The counts of one join, for the report. */
    public record Counts(int rows, int matched, int unmatched, int ambiguous) {
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
