package io.contrastkit.core.decode;

import io.contrastkit.core.ImageError;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a failed decode left behind (the exception, the decoder's warnings, the data's first
 * and last bytes) into an {@link ImageError}: a kind a program can branch on and a one-line reason.
 */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static ImageError tooManyPixels(String format, int w, int h, long maxPixels) {
        long pixels = (long) w * h;
        return new ImageError(ImageError.Kind.TOO_MANY_PIXELS, String.format(Locale.ROOT,
                "%s header says %dx%d = %s, over the limit of %s", format, w, h, megapixels(pixels),
                megapixels(maxPixels)));
    }

    /** A pixel count as people read it: "1.3 MP", or the count itself below 0.1 MP (a limit of 10,000 pixels). */
    static String megapixels(long pixels) {
        return pixels >= 100_000 ? String.format(Locale.ROOT, "%.1f MP", pixels / 1e6)
                : String.format(Locale.ROOT, "%,d pixels", pixels);
    }

    /**
     * The error for a decode that completed with warnings that condemn it, or null when none does: a
     * truncation warning (TRUNCATED when the file lacks its end marker, CORRUPT when it is complete),
     * or libjpeg's "Corrupt JPEG data" (except a few stray bytes before a marker, which many cameras
     * write and every decoder skips).
     */
    static ImageError byWarnings(String format, byte[] data, List<String> warnings) {
        for (String warning : warnings) {
            if (isTruncationWarning(warning)) {
                return Boolean.TRUE.equals(endMarker(data))
                        ? new ImageError(ImageError.Kind.CORRUPT, format + " data is corrupt (the file is complete): "
                                + warning)
                        : new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early: " + warning);
            }
            if (condemnsJpeg(warning, data.length)) {
                return new ImageError(ImageError.Kind.CORRUPT, format + " data is corrupt: " + warning);
            }
        }
        return null;
    }

    private static final Pattern EXTRANEOUS = Pattern.compile("(\\d+) extraneous bytes before marker");

    /** libjpeg's corrupt-data warnings, but for stray bytes making up at most 1% of the file. */
    private static boolean condemnsJpeg(String warning, int length) {
        if (!warning.startsWith("Corrupt JPEG data")) {
            return false;
        }
        Matcher m = EXTRANEOUS.matcher(warning);
        return !m.find() || Long.parseLong(m.group(1)) * 100 > length;
    }

    /** A decoder's IOException. */
    static ImageError of(IOException e, byte[] data, String format, List<String> warnings) {
        String msg = describe(e);
        String lower = msg.toLowerCase(Locale.ROOT);
        boolean sayEarly = hasCause(e, EOFException.class) || lower.contains("premature end") || lower.contains("eof")
                || lower.contains("truncated") || lower.contains("unexpected end");
        Boolean ended = endMarker(data);
        // A decoder that hits the end of a cut file often complains about whatever it read last
        // ("Bogus Huffman table"), so the file's own ending decides first.
        if (Boolean.FALSE.equals(ended)) {
            return new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early ("
                    + data.length + " bytes): " + msg, e);
        }
        if (ended == null && (sayEarly || warnings.stream().anyMatch(FailureClassifier::isTruncationWarning))) {
            return new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early: " + msg, e);
        }
        if (lower.contains("unsupported") || lower.contains("not supported")) {
            return new ImageError(ImageError.Kind.UNSUPPORTED_FORMAT, "unsupported " + format + " variant: " + msg, e);
        }
        if (sayEarly) {
            return new ImageError(ImageError.Kind.CORRUPT, format + " data is corrupt (the file is complete): " + msg, e);
        }
        return new ImageError(ImageError.Kind.CORRUPT, format + " decoder failed: " + msg, e);
    }

    /** A decoder's runtime exception: decoders throw assorted ones on malformed data. */
    static ImageError of(RuntimeException e, byte[] data, String format, List<String> warnings) {
        Boolean ended = endMarker(data);
        boolean sayEarly = hasCause(e, EOFException.class) || String.valueOf(e.getMessage()).contains("EOFException")
                || warnings.stream().anyMatch(FailureClassifier::isTruncationWarning);
        if (Boolean.FALSE.equals(ended) || ended == null && sayEarly) {
            return new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early", e);
        }
        if (e instanceof IndexOutOfBoundsException && String.valueOf(e.getMessage()).contains("numImages")) {
            return new ImageError(ImageError.Kind.CORRUPT, format + " file holds no image the decoder can read", e);
        }
        if (isInternal(e)) {
            // The decoder's own bug text ("class X cannot be cast to class Y") says nothing to a user.
            return new ImageError(ImageError.Kind.CORRUPT, format + " data is malformed (the decoder stopped with "
                    + e.getClass().getSimpleName() + ")", e);
        }
        return new ImageError(ImageError.Kind.CORRUPT, format + " decoder failed: " + describe(e), e);
    }

    /** Runtime exceptions whose messages are about the decoder's code, not about the data. */
    private static boolean isInternal(RuntimeException e) {
        return e instanceof ClassCastException || e instanceof NullPointerException
                || e instanceof IndexOutOfBoundsException || e instanceof NegativeArraySizeException
                || e instanceof ArithmeticException || e instanceof IllegalStateException
                || e instanceof ArrayStoreException;
    }

    /** Tells an image format we do not decode from content that is no image at all, by magic bytes. */
    static ImageError notDecodable(byte[] d) {
        ImageFormat known = ImageFormat.unsupportedClaimedBy(d);
        if (known != null) {
            return new ImageError(ImageError.Kind.UNSUPPORTED_FORMAT, known.label() + " images are not supported "
                    + "(supported: " + ImageFormat.decodedLabels() + ")");
        }
        if (ImageFormat.JPEG.startsLike(d)) {
            return new ImageError(ImageError.Kind.CORRUPT, "starts like a JPEG but no decoder accepts it");
        }
        if (ImageFormat.PNG.startsLike(d)) {
            return new ImageError(ImageError.Kind.CORRUPT, "starts like a PNG but no decoder accepts it");
        }
        return new ImageError(ImageError.Kind.NOT_AN_IMAGE, "not an image: content starts with "
                + preview(d) + " (" + d.length + " bytes)");
    }

    /**
     * Whether the data ends with its format's end marker: true or false for JPEG (EOI), PNG (IEND)
     * and GIF (the trailer byte), null for formats that have none.
     */
    private static Boolean endMarker(byte[] d) {
        int n = d.length;
        if (ImageFormat.JPEG.startsLike(d)) {
            // JPEG ends with EOI (FF D9); a few trailing bytes after it are tolerated.
            for (int i = n - 2; i >= Math.max(0, n - 64); i--) {
                if ((d[i] & 0xFF) == 0xFF && (d[i + 1] & 0xFF) == 0xD9) {
                    return true;
                }
            }
            return false;
        }
        if (ImageFormat.PNG.startsLike(d)) {
            // PNG ends with the IEND chunk: "IEND" then its CRC.
            return n >= 12 && d[n - 8] == 'I' && d[n - 7] == 'E' && d[n - 6] == 'N' && d[n - 5] == 'D';
        }
        if (ImageFormat.GIF.startsLike(d)) {
            return (d[n - 1] & 0xFF) == 0x3B;
        }
        return null;
    }

    private static boolean isTruncationWarning(String w) {
        String s = w.toLowerCase(Locale.ROOT);
        return s.contains("premature end") || s.contains("truncated") || s.contains("unexpected end");
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = e; c != null && sb.length() < 300; c = c.getCause()) {
            String m = c.getMessage();
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(m != null && !m.isBlank() ? m : c.getClass().getSimpleName());
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString();
    }

    private static String preview(byte[] d) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(d.length, 12); i++) {
            int c = d[i] & 0xFF;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format(Locale.ROOT, "\\x%02x", c));
        }
        return sb.append('"').toString();
    }
}
