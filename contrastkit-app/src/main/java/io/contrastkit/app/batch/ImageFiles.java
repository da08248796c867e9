package io.contrastkit.app.batch;

import io.contrastkit.core.ImageError;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an image file named on the command line into memory for the decoder (core reads no files),
 * turning every way reading can fail into an {@link ImageError} with a one-line reason, as a failed
 * decode is.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** The file's bytes; missing files, folders and unreadable files are {@code UNREADABLE}. */
    public static byte[] read(Path file) throws ImageError {
        try {
            if (Files.isDirectory(file)) {
                throw new ImageError(ImageError.Kind.UNREADABLE, file + " is a directory");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, "permission denied", e);
        } catch (IOException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, "cannot read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new ImageError(ImageError.Kind.TOO_MANY_PIXELS, "file too large to read into memory", e);
        }
    }
}
