package io.contrastkit.core;

import java.util.Objects;

/** Why an image could not be turned into a feature vector: a kind a program can branch on, and a one-line reason. */
public final class ImageError extends Exception {

    private static final long serialVersionUID = 1L;

    /** The kinds of bad input; stable names, stored with failed images. */
    public enum Kind {
        /** The file could not be opened or read (missing, permissions, IO error). */
        UNREADABLE,
        /** The file has zero bytes. */
        EMPTY,
        /** The content is not an image in any format known to contrastkit (text, archive, ...). */
        NOT_AN_IMAGE,
        /** An image format, or a variant of one, that contrastkit does not decode. */
        UNSUPPORTED_FORMAT,
        /** The file ends before the image data does. */
        TRUNCATED,
        /** The header claims more pixels than the configured limit, or decoding ran out of memory. */
        TOO_MANY_PIXELS,
        /** The decoder rejected the data for another reason. */
        CORRUPT
    }

    private final Kind kind;

    public ImageError(Kind kind, String reason) {
        this(kind, reason, null);
    }

    public ImageError(Kind kind, String reason, Throwable cause) {
        super(oneLine(reason), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** The reason without the kind, one line. */
    public String reason() {
        return getMessage();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    @Override
    public String toString() {
        return kind + ": " + getMessage();
    }
}
