package io.contrastkit.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises image files by their first bytes (magic numbers), without decoding, so that a folder walk
 * can tell photos from the sidecar files, documents and archives that share their folders.
 * Recognises formats contrastkit decodes and well-known ones it does not (those still count as images:
 * they are reported as unsupported rather than silently skipped).
 */
public final class ImageSniffer {

    /** How many leading bytes {@link #formatOf} looks at. */
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
        if (starts(head, length, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("jpeg");
        }
        if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("png");
        }
        if (starts(head, length, 'G', 'I', 'F', '8') && length >= 6 && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
            return Optional.of("gif");
        }
        if (starts(head, length, 'R', 'I', 'F', 'F') && length >= 12 && head[8] == 'W' && head[9] == 'E'
                && head[10] == 'B' && head[11] == 'P') {
            return Optional.of("webp");
        }
        if (starts(head, length, 'I', 'I', 0x2A, 0x00) || starts(head, length, 'M', 'M', 0x00, 0x2A)
                || starts(head, length, 'I', 'I', 0x2B, 0x00) || starts(head, length, 'M', 'M', 0x00, 0x2B)) {
            return Optional.of("tiff");
        }
        // "BM" alone is too common in text; the four reserved bytes of a BMP header are zero.
        if (starts(head, length, 'B', 'M') && length >= 10 && head[6] == 0 && head[7] == 0 && head[8] == 0 && head[9] == 0) {
            return Optional.of("bmp");
        }
        if (length >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
            if (brand.startsWith("avi")) {
                return Optional.of("avif");
            }
            if (brand.startsWith("hei") || brand.startsWith("mif") || brand.startsWith("hev")) {
                return Optional.of("heif");
            }
            if (brand.startsWith("jp2") || brand.startsWith("jpx")) {
                return Optional.of("jpeg2000");
            }
        }
        if (starts(head, length, 0x00, 0x00, 0x00, 0x0C, 'j', 'P') || starts(head, length, 0xFF, 0x4F, 0xFF, 0x51)) {
            return Optional.of("jpeg2000");
        }
        if (starts(head, length, 0xFF, 0x0A) || starts(head, length, 0x00, 0x00, 0x00, 0x0C, 'J', 'X', 'L')) {
            return Optional.of("jpegxl");
        }
        if (starts(head, length, '8', 'B', 'P', 'S')) {
            return Optional.of("psd");
        }
        if (starts(head, length, 0x76, 0x2F, 0x31, 0x01)) {
            return Optional.of("openexr");
        }
        if (length >= 3 && head[0] == 'P' && head[1] >= '1' && head[1] <= '7'
                && (head[2] == ' ' || head[2] == '\n' || head[2] == '\r' || head[2] == '\t')) {
            return Optional.of("pnm");
        }
        return Optional.empty();
    }

    /** {@link #formatOf} of a file's first bytes; empty for an empty file. */
    public static Optional<String> formatOf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEADER_BYTES);
            return formatOf(head, head.length);
        }
    }

    /** Whether the file name ends in an extension used for images (case-insensitive). */
    public static boolean hasImageExtension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot >= 0 && IMAGE_EXTENSIONS.contains(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean starts(byte[] d, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((d[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
