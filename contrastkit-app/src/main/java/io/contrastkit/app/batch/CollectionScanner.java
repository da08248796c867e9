package io.contrastkit.app.batch;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns the {@code extract} arguments into the files of a collection: a file as given, a directory
 * recursively (following links, reporting loops), a glob, or {@code @list.txt} with one path per line.
 * Problems with an argument or a folder are collected for the user, never thrown.
 */
public final class CollectionScanner {

    /**
     * A file to consider.
     *
     * @param path    absolute, normalised
     * @param named   given by the user by name (a bad file is then a failure even if it is no image);
     *                false for files found by walking a folder or matching a glob
     * @param size    bytes, -1 when unknown (a broken link)
     * @param mtimeNs modification time, nanoseconds since the epoch
     * @param regular a regular file (or a link to one); other kinds are never read
     */
    public record Candidate(Path path, boolean named, long size, long mtimeNs, boolean regular) {

        /**
         * A file the user named, with its path kept as given (commands print it so); a file that cannot be
         * stat'ed (missing, a broken link) is kept, so that reading it reports why.
         */
        public static Candidate named(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Candidate(file, true, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                        a.isRegularFile() || a.isSymbolicLink());
            } catch (IOException e) {
                return new Candidate(file, true, -1, 0, true);
            }
        }
    }

    /** What the arguments expand to, in path order, and what went wrong on the way. */
    public record Scan(List<Candidate> candidates, List<String> problems) {
    }

    private final Map<Path, Candidate> found = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private CollectionScanner() {
    }

    public static Scan scan(List<String> arguments) {
        CollectionScanner s = new CollectionScanner();
        for (String arg : arguments) {
            s.argument(arg, true);
        }
        List<Candidate> sorted = new ArrayList<>(s.found.values());
        sorted.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
        return new Scan(sorted, List.copyOf(s.problems));
    }

    private void argument(String arg, boolean allowList) {
        if (allowList && arg.startsWith("@") && arg.length() > 1) {
            listFile(Path.of(arg.substring(1)));
            return;
        }
        Path p;
        try {
            p = Path.of(arg);
        } catch (InvalidPathException e) {
            problems.add("invalid path '" + arg + "': " + e.getReason());
            return;
        }
        if (Files.isDirectory(p)) {
            walk(p, null);
        } else if (Files.exists(p) || Files.isSymbolicLink(p)) {
            file(p, true);
        } else if (isGlob(arg)) {
            glob(arg);
        } else {
            problems.add(arg + ": no such file or directory");
        }
    }

    private void listFile(Path list) {
        List<String> lines;
        try {
            lines = Files.readAllLines(list);
        } catch (NoSuchFileException e) {
            problems.add("@" + list + ": no such list file");
            return;
        } catch (IOException e) {
            problems.add("@" + list + ": cannot read list file: " + e.getMessage());
            return;
        }
        for (String line : lines) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                // Lines name paths, never further lists: a list cannot include itself.
                argument(s, false);
            }
        }
    }

    private static boolean isGlob(String arg) {
        return arg.indexOf('*') >= 0 || arg.indexOf('?') >= 0 || arg.indexOf('[') >= 0 || arg.indexOf('{') >= 0;
    }

    /** Walks the longest folder prefix without glob characters and keeps the files the pattern matches. */
    private void glob(String pattern) {
        String[] parts = pattern.split("/", -1);
        StringBuilder base = new StringBuilder(pattern.startsWith("/") ? "/" : "");
        for (String part : parts) {
            if (isGlob(part)) {
                break;
            }
            if (!part.isEmpty()) {
                base.append(part).append('/');
            }
        }
        Path root = Path.of(base.length() == 0 ? "." : base.toString());
        if (!Files.isDirectory(root)) {
            problems.add(pattern + ": no file matches (no folder " + root + ")");
            return;
        }
        Path absRoot = root.toAbsolutePath().normalize();
        String rest = pattern.substring(Math.min(pattern.length(), base.length()));
        PathMatcher matcher = absRoot.getFileSystem().getPathMatcher("glob:" + rest);
        int before = found.size();
        walk(root, file -> matcher.matches(absRoot.relativize(file.toAbsolutePath().normalize())));
        if (found.size() == before) {
            problems.add(pattern + ": no file matches");
        }
    }

    private interface Filter {
        boolean accept(Path file);
    }

    private void walk(Path dir, Filter filter) {
        walk(dir, filter, (file, attrs) -> add(file, false, attrs), problems);
    }

    /**
     * Walks {@code dir} as {@code extract} does and adds what it meets, with paths kept as walked (relative
     * when {@code dir} is), as not named; pipes, devices and sockets are added too (never regular), so the
     * batch runner fails each with its reason, one line, without opening it.
     */
    static void walkFolder(Path dir, List<Candidate> out, List<String> problems) {
        walk(dir, null, (file, attrs) -> {
            boolean regular = attrs.isRegularFile() || attrs.isSymbolicLink();
            out.add(new Candidate(file, false, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    regular));
        }, problems);
    }

    private interface Visitor {
        void visit(Path file, BasicFileAttributes attrs);
    }

    private static void walk(Path dir, Filter filter, Visitor visitor, List<String> problems) {
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (filter == null || filter.accept(file)) {
                        visitor.visit(file, attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof FileSystemLoopException) {
                        problems.add(file + ": symbolic link loop (links back to a folder above it), not followed");
                    } else if (e instanceof AccessDeniedException) {
                        problems.add(file + ": cannot read (permission denied), skipped");
                    } else {
                        problems.add(file + ": cannot read: " + e.getMessage());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) {
                    if (e != null) {
                        problems.add(d + ": cannot list folder: " + e.getMessage());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(dir + ": cannot walk folder: " + e.getMessage());
        }
    }

    private void file(Path p, boolean named) {
        try {
            add(p, named, Files.readAttributes(p, BasicFileAttributes.class));
        } catch (IOException e) {
            // A broken link named on the command line: kept, so it is stored as unreadable.
            add(p, named, null);
        }
    }

    private void add(Path file, boolean named, BasicFileAttributes attrs) {
        Path abs = file.toAbsolutePath().normalize();
        long size = attrs == null ? -1 : attrs.size();
        long mtime = attrs == null ? 0 : attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        boolean regular = attrs == null || attrs.isRegularFile() || attrs.isSymbolicLink();
        Candidate previous = found.get(abs);
        found.put(abs, new Candidate(abs, named || (previous != null && previous.named()), size, mtime, regular));
    }
}
