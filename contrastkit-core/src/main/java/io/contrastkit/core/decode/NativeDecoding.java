package io.contrastkit.core.decode;

import java.util.Objects;

/**
 * Whether a decoder may use the system's native JPEG, WebP and PNG decoders, and if not, why (the
 * reason is shown by {@link ImageDecoder#codecs()}). Values agree with the Java decoders within the
 * spec's tolerances either way; the application decides, e.g. from a setting, and passes it in.
 *
 * @param enabled   use the native decoders where installed
 * @param offReason why they are not used; null exactly when {@code enabled}
 */
public record NativeDecoding(boolean enabled, String offReason) {

    /** Native decoders where installed, Java for the rest. */
    public static final NativeDecoding WHEN_INSTALLED = new NativeDecoding(true, null);

    public NativeDecoding {
        if (enabled && offReason != null) {
            throw new IllegalArgumentException("an enabled native decoding has no off reason, got: " + offReason);
        }
        if (!enabled && (offReason == null || offReason.isBlank())) {
            throw new IllegalArgumentException("say why native decoding is off (it is shown with the decoders)");
        }
    }

    /**
     * The choice a setting's value makes: {@code off}, {@code false} or {@code 0} (any case) switch the
     * native decoders off, anything else (or null, unset) leaves them on where installed. Reading the
     * setting is the application's part; this only interprets the value.
     *
     * @param settingName how the user set it, for the reason shown with the decoders
     */
    public static NativeDecoding fromSetting(String value, String settingName) {
        if (value != null && (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("false") || value.equals("0"))) {
            return off("switched off by " + settingName);
        }
        return WHEN_INSTALLED;
    }

    /** Everything decodes in Java, for the given reason (shown with the decoders). */
    public static NativeDecoding off(String reason) {
        return new NativeDecoding(false, Objects.requireNonNull(reason, "reason"));
    }
}
