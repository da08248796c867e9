package io.contrastkit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The source-level half of LayeringTest's "only the entry point sees Main": javac inlines compile-time
 * constants such as {@code Main.OK}, so bytecode (and ArchUnit) cannot see those uses; the sources can.
 */
class EntryPointImportsTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path MAIN = SOURCES.resolve(Path.of("io", "contrastkit", "app", "Main.java"));
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Pattern NAMES_MAIN = Pattern.compile("\\bio\\.contrastkit\\.app\\.Main\\b");
    private static final Pattern BARE_MAIN = Pattern.compile("(?<![\\w.])Main\\s*(\\.|::)");

    @Test
    void noAppSourceButTheEntryPointUsesMain() throws IOException {
        assertThat(MAIN).as("the entry point, run from the module directory").isRegularFile();
        List<String> users;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            users = files.filter(f -> f.toString().endsWith(".java") && !f.equals(MAIN))
                    .filter(EntryPointImportsTest::usesMain)
                    .map(f -> SOURCES.relativize(f).toString())
                    .sorted()
                    .toList();
        }
        assertThat(users).as("app sources that use io.contrastkit.app.Main (exit codes and helpers belong elsewhere)")
                .isEmpty();
    }

    private static boolean usesMain(Path file) {
        try {
            String code = COMMENTS.matcher(Files.readString(file)).replaceAll(" ");
            // an import or a qualified use anywhere; a bare Main.x where Main needs no import
            return NAMES_MAIN.matcher(code).find()
                    || code.contains("package io.contrastkit.app;") && BARE_MAIN.matcher(code).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
