package io.contrastkit.app.report;

import io.contrastkit.app.batch.ImageBatchRunner;
import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.app.batch.Thumbnailer;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.decode.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The report's thumbnail files: {@link Thumbnailer} pictures of collection images, written beside the report. */
public final class Thumbnails {

    private Thumbnails() {
    }

    /**
     * Reads {@code source}, turns it upright as its EXIF Orientation says, scales its longest side to at most
     * {@code maxSide} pixels and writes a JPEG to {@code target}.
     *
     * @throws IOException when the image cannot be read (the report then shows its name without a picture)
     */
    public static void write(Path source, Path target, int maxSide) throws IOException {
        // A pipe or device where an image was would block the report forever: never opened.
        if (!Files.isRegularFile(source)) {
            throw new IOException(source + " is not a regular file (a pipe, device or socket); not read");
        }
        if (Files.size(source) > ImageBatchRunner.MAX_FILE_BYTES) {
            throw new IOException(source + " is over the " + (ImageBatchRunner.MAX_FILE_BYTES >> 20) + " MB limit");
        }
        byte[] bytes = Files.readAllBytes(source);
        byte[] jpeg;
        try {
            jpeg = Thumbnailer.jpeg(DECODER, bytes, maxSide);
        } catch (ImageError e) {
            throw new IOException(source + " is not a decodable image: " + e.getMessage(), e);
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, jpeg);
    }

    /** The project's decoder, as extraction reads the same files (WebP, 16-bit PNG, TIFF, ...). */
    private static final ImageDecoder DECODER = new ImageDecoder(ExtractionOptions.defaults(), NativeSetting.current());
}
