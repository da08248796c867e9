package io.contrastkit.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.Fixtures;
import io.contrastkit.core.ImageError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be read become {@code UNREADABLE} image errors with a one-line reason (moved from core's BadInputTest). */
class ImageFilesTest {

    @TempDir
    Path dir;

    private static ImageError errorFor(Path file) {
        try {
            ImageFiles.read(file);
        } catch (ImageError e) {
            assertThat(e.reason()).isNotBlank().doesNotContain("\n");
            return e;
        }
        throw new AssertionError(file + " was read");
    }

    @Test
    void missingFileAndDirectoryAreUnreadable() throws IOException {
        assertThat(errorFor(dir.resolve("no-such.png")).kind()).isEqualTo(ImageError.Kind.UNREADABLE);
        assertThat(errorFor(Files.createDirectory(dir.resolve("sub.png"))).kind()).isEqualTo(ImageError.Kind.UNREADABLE);
    }

    @Test
    void fileWithoutReadPermissionIsUnreadable() throws IOException {
        Path locked = Files.copy(Fixtures.image("camera.png"), dir.resolve("locked.png"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(locked), "running as root: permissions do not stop reads");
        assertThat(errorFor(locked).kind()).isEqualTo(ImageError.Kind.UNREADABLE);
    }

    @Test
    void readsTheWholeFile() throws Exception {
        assertThat(ImageFiles.read(Fixtures.image("camera.png"))).isEqualTo(Fixtures.bytes("camera.png"));
    }
}
