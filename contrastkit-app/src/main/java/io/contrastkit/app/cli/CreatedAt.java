package io.contrastkit.app.cli;

import java.time.Instant;

/** The time a model records as made: read from the environment here, at the edge, never inside a service. */
final class CreatedAt {

    private CreatedAt() {
    }

    /** Now, or SOURCE_DATE_EPOCH (seconds) when set, for reproducible model files; read here, at the edge. */
    static Instant now() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && !epoch.isBlank()) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
            } catch (NumberFormatException ignored) {
                // fall through to the clock: a malformed variable should not stop a fit
            }
        }
        return Instant.now();
    }
}
