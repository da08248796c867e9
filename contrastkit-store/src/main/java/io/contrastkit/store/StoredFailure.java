package io.contrastkit.store;

/**
 * A failed image as stored.
 *
 * @param kind   the {@code ImageError.Kind} name, e.g. {@code TRUNCATED}
 * @param reason one line
 */
public record StoredFailure(String path, String kind, String reason) {
}
