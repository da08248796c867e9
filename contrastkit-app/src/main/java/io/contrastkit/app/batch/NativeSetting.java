package io.contrastkit.app.batch;

import io.contrastkit.core.decode.NativeDecoding;

/**
 * The one place the application reads whether to use the native image decoders: the system property
 * {@code contrastkit.native}, else the environment variable {@code CONTRASTKIT_NATIVE} ({@code off},
 * {@code false} or {@code 0} switch them off). Core reads no settings; decoders are given the result.
 */
public final class NativeSetting {

    private NativeSetting() {
    }

    /** The choice the process was started with. */
    public static NativeDecoding current() {
        return NativeDecoding.fromSetting(System.getProperty("contrastkit.native", System.getenv("CONTRASTKIT_NATIVE")),
                "CONTRASTKIT_NATIVE / contrastkit.native");
    }
}
