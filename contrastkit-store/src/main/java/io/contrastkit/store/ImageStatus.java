package io.contrastkit.store;

import java.util.Locale;

/** Outcome of extracting one image, stored in {@code images.status} as {@code ok} or {@code failed}. */
public enum ImageStatus {
    /** Features were extracted; the image has a row in {@code features}. */
    OK,
    /** Decoding or extraction failed; {@code error_kind} and {@code error_text} say why. */
    FAILED;

    /** The stored spelling. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the stored spelling. */
    public static ImageStatus ofCode(String code) {
        for (ImageStatus s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        throw new StoreException("unknown image status '" + code + "' (expected ok or failed)");
    }
}
