package io.contrastkit.core.decode;

import io.contrastkit.core.ImageError;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

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
                "%s header says %dx%d = %.1f MP, over the limit of %.1f MP", format, w, h,
                pixels / 1e6, maxPixels / 1e6));
    }

    /** The error for a decode that completed with a truncation warning, or null when there was none. */
    static ImageError truncatedByWarning(String format, List<String> warnings) {
        for (String warning : warnings) {
            if (isTruncationWarning(warning)) {
                return new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early: " + warning);
            }
        }
        return null;
    }

    /** A decoder's IOException. */
    static ImageError of(IOException e, byte[] data, String format, List<String> warnings) {
        // A decoder that hits the end of a cut file often complains about whatever it read last
        // ("Bogus Huffman table"), so the file's own ending decides first.
        if (endsEarly(data, warnings)) {
            return new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early ("
                    + data.length + " bytes): " + describe(e), e);
        }
        String msg = describe(e);
        String lower = msg.toLowerCase(Locale.ROOT);
        if (hasCause(e, EOFException.class) || lower.contains("premature end") || lower.contains("eof")
                || lower.contains("truncated") || lower.contains("unexpected end")) {
            return new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early: " + msg, e);
        }
        if (lower.contains("unsupported") || lower.contains("not supported")) {
            return new ImageError(ImageError.Kind.UNSUPPORTED_FORMAT, "unsupported " + format + " variant: " + msg, e);
        }
        return new ImageError(ImageError.Kind.CORRUPT, format + " decoder failed: " + msg, e);
    }

    /** A decoder's runtime exception: decoders throw assorted ones on malformed data. */
    static ImageError of(RuntimeException e, byte[] data, String format, List<String> warnings) {
        if (hasCause(e, EOFException.class) || endsEarly(data, warnings)) {
            return new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early", e);
        }
        return new ImageError(ImageError.Kind.CORRUPT, format + " decoder failed: " + describe(e), e);
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

    /** Whether a failed decode is explained by the file stopping short of its format's end marker. */
    private static boolean endsEarly(byte[] d, List<String> warnings) {
        if (warnings.stream().anyMatch(FailureClassifier::isTruncationWarning)) {
            return true;
        }
        int n = d.length;
        if (ImageFormat.JPEG.startsLike(d)) {
            // JPEG ends with EOI (FF D9); a few trailing bytes after it are tolerated.
            for (int i = n - 2; i >= Math.max(0, n - 64); i--) {
                if ((d[i] & 0xFF) == 0xFF && (d[i + 1] & 0xFF) == 0xD9) {
                    return false;
                }
            }
            return true;
        }
        if (ImageFormat.PNG.startsLike(d)) {
            // PNG ends with the IEND chunk: "IEND" then its CRC.
            return n < 12 || !(d[n - 8] == 'I' && d[n - 7] == 'E' && d[n - 6] == 'N' && d[n - 5] == 'D');
        }
        if (ImageFormat.GIF.startsLike(d)) {
            return (d[n - 1] & 0xFF) != 0x3B;
        }
        return false;
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
