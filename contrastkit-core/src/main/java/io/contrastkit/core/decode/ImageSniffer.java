package io.contrastkit.core.decode;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises image files by their first bytes (magic numbers, {@link ImageFormat}), without decoding, so
 * that a folder walk can tell photos from the sidecar files, documents and archives that share their
 * folders. Recognises formats contrastkit decodes and well-known ones it does not (those still count as
 * images: they are reported as unsupported rather than silently skipped).
 */
public final class ImageSniffer {

    /** How many leading bytes {@link #formatOf} needs: every walk-safe signature fits in them. */
    public static final int HEADER_BYTES = 32;

    private static final Set<String> IMAGE_EXTENSIONS = Set.of(
            "jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "dib", "webp", "tif", "tiff",
            "avif", "heic", "heif", "jp2", "j2k", "jxl", "psd", "exr", "ico", "pbm", "pgm", "ppm", "pnm", "svg");

    private ImageSniffer() {
    }

    /**
     * The image format the header announces ({@code jpeg}, {@code png}, {@code gif}, {@code bmp},
     * {@code webp}, {@code tiff}, or an unsupported one such as {@code heif}), or empty when the bytes
     * start like no image format known here.
     *
     * @param head   the file's first bytes
     * @param length how many of them are valid
     */
    public static Optional<String> formatOf(byte[] head, int length) {
        return ImageFormat.of(head, length).map(ImageFormat::id);
    }

    /**
     * Whether a file name ends in an extension used for images (case-insensitive). A whole path gives
     * the same answer as its last element, since an extension never holds a separator.
     */
    public static boolean hasImageExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && IMAGE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
