package io.contrastkit.app.stage;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * A label a person gives an image ("foggy", "harsh", "fine"): trimmed, NFC-normalised, 1 to
 * {@value #MAX_LENGTH} characters of letters, digits, spaces and {@code - _ . ' ( ) /}.
 */
public record LabelText(String value) {

    /** Longest label, in characters. */
    public static final int MAX_LENGTH = 40;

    // Labels end up in CSV exports, HTML and file names of reports: a closed set of characters keeps
    // every one of those safe without each place having to remember its own escaping rules.
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N} _.'()/-]+");

    public LabelText {
        if (value == null) {
            throw new IllegalArgumentException("label is missing");
        }
        value = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("label is empty");
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("label is " + length + " characters long; at most " + MAX_LENGTH
                    + " are allowed");
        }
        if (!ALLOWED.matcher(value).matches()) {
            int bad = value.codePoints().filter(c -> !ALLOWED.matcher(new String(Character.toChars(c))).matches())
                    .findFirst().orElse('?');
            throw new IllegalArgumentException("label contains " + String.format("U+%04X", bad)
                    + "; use letters, digits, spaces and - _ . ' ( ) /");
        }
    }
}
